/**
 * Cell tokens, decided deliberately: an empty cell or None/null means "not logged",
 * NaN means "logged and not a number", inf stays infinite, and leading-zero ids stay text.
 */
import { longNumber } from './curves/byte-number';

export type CellToken =
  { kind: 'missing' } | { kind: 'nan' } | { kind: 'number'; value: number } | { kind: 'text' };

const MISSING = new Set([
  '',
  'None',
  'none',
  'null',
  'NULL',
  'Null',
  'NA',
  'N/A',
  'n/a',
  '#N/A',
  'nil',
]);
const NAN = new Set(['NaN', 'nan', 'NAN', '-nan', '+nan', '-NaN']);
const POS_INF = new Set([
  'inf',
  'Inf',
  'INF',
  '+inf',
  'Infinity',
  '+Infinity',
  'infinity',
  'inf.0',
]);
const NEG_INF = new Set(['-inf', '-Inf', '-INF', '-Infinity', '-infinity']);

/** Allocation-free classification for the hot path: the kind, with the number in `lastNumber`. */
export const CellKind = { number: 0, missing: 1, nan: 2, text: 3 } as const;
export type CellKind = (typeof CellKind)[keyof typeof CellKind];
export let lastNumber = 0;

export function classifyCellFast(raw: string, decimalComma: boolean): CellKind {
  return classifyRange(raw, 0, raw.length, decimalComma);
}

/**
 * Classifies `text[start, end)` without creating a substring when the cell is a plain number:
 * the fast CSV tokenizer hands over ranges of its input.
 */
export function classifyRange(
  text: string,
  start: number,
  end: number,
  decimalComma: boolean,
): CellKind {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (start === end) return CellKind.missing;
  const first = text.charCodeAt(start);
  const numericStart = (first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46;
  if (numericStart) {
    const value = parseNumber(text, start, end, decimalComma);
    if (value !== undefined) {
      lastNumber = value;
      return CellKind.number;
    }
  }
  const s = start === 0 && end === text.length ? text : text.slice(start, end);
  if (MISSING.has(s)) return CellKind.missing;
  if (NAN.has(s)) return CellKind.nan;
  if (POS_INF.has(s) || NEG_INF.has(s)) {
    lastNumber = POS_INF.has(s) ? Infinity : -Infinity;
    return CellKind.number;
  }
  return CellKind.text;
}

export function classifyCell(raw: string, decimalComma: boolean): CellToken {
  switch (classifyCellFast(raw, decimalComma)) {
    case CellKind.number:
      return { kind: 'number', value: lastNumber };
    case CellKind.missing:
      return { kind: 'missing' };
    case CellKind.nan:
      return { kind: 'nan' };
    default:
      return { kind: 'text' };
  }
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Decimal → double. Up to 15 significant digits and |exponent| ≤ 22, `mantissa ×/÷ 10^k` is one
 * correctly rounded IEEE operation on exact operands (Clinger's fast path), so the result equals
 * Number()'s; anything longer falls back to Number(). Rejects what Number() would wrongly accept
 * here: leading-zero ids (08123), hex/binary/octal literals, and spellings of Infinity.
 */
function parseNumber(
  s: string,
  from: number,
  end: number,
  decimalComma: boolean,
): number | undefined {
  let i = from;
  let negative = false;
  const first = s.charCodeAt(from);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = from + 1;
  }
  // Leading zeros ("08123") are identifiers, not numbers; "0.5" and "0" are numbers.
  if (s.charCodeAt(i) === 48 && i + 1 < end) {
    const next = s.charCodeAt(i + 1);
    if (next >= 48 && next <= 57) return undefined;
  }
  const dot = decimalComma ? 44 : 46;
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let fraction = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (mantissa !== 0 || c !== 48) significant++;
      mantissa = mantissa * 10 + (c - 48);
      if (seenDot) fraction++;
    } else if (c === dot && !seenDot) {
      seenDot = true;
    } else break;
  }
  if (digits === 0) return undefined;
  let exponent = 0;
  if (i < end) {
    const c = s.charCodeAt(i);
    if (c !== 101 && c !== 69) return undefined;
    let j = i + 1;
    let expNegative = false;
    if (s.charCodeAt(j) === 45 || s.charCodeAt(j) === 43) expNegative = s.charCodeAt(j++) === 45;
    if (j >= end) return undefined;
    for (; j < end; j++) {
      const d = s.charCodeAt(j);
      if (d < 48 || d > 57) return undefined;
      exponent = exponent * 10 + (d - 48);
    }
    if (expNegative) exponent = -exponent;
  }
  const scale = exponent - fraction;
  if (significant <= 15 && scale >= -22 && scale <= 22) {
    const magnitude = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
    return negative ? -magnitude : magnitude;
  }
  const text = s.slice(from, end);
  return Number(decimalComma ? text.replace(',', '.') : text);
}

/**
 * Where classifyBytes puts a cell's number. A typed array slot, unlike a module `let`, holds a
 * double without boxing it, so the byte path allocates nothing per cell.
 */
export const bytesNumber = new Float64Array(1);

/**
 * classifyRange over UTF-8 bytes, for the byte-level curve CSV path: the same kinds and
 * bit-identical numbers (in bytesNumber[0]), without decoding the cell. Every token and number is ASCII, and bytes of
 * a multibyte character are ≥ 0x80, so they are neither trimmed nor part of any token: a cell with
 * one is text, exactly as its decoded string would be.
 */
export function classifyBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  decimalComma: boolean,
): CellKind {
  while (start < end && bytes[start] <= 32) start++;
  while (end > start && bytes[end - 1] <= 32) end--;
  if (start === end) return CellKind.missing;
  const first = bytes[start];
  if ((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46) {
    const value = parseNumberBytes(bytes, start, end, decimalComma);
    if (value !== undefined) {
      bytesNumber[0] = value;
      return CellKind.number;
    }
  }
  // The longest token ("+Infinity", "infinity") has 9 characters.
  if (end - start > 9) return CellKind.text;
  let s = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b >= 0x80) return CellKind.text;
    s += String.fromCharCode(b);
  }
  if (MISSING.has(s)) return CellKind.missing;
  if (NAN.has(s)) return CellKind.nan;
  if (POS_INF.has(s) || NEG_INF.has(s)) {
    bytesNumber[0] = POS_INF.has(s) ? Infinity : -Infinity;
    return CellKind.number;
  }
  return CellKind.text;
}

/** parseNumber over bytes, step for step, so both paths round identically. */
function parseNumberBytes(
  b: Uint8Array,
  from: number,
  end: number,
  decimalComma: boolean,
): number | undefined {
  let i = from;
  let negative = false;
  const first = b[from];
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = from + 1;
  }
  if (b[i] === 48 && i + 1 < end) {
    const next = b[i + 1];
    if (next >= 48 && next <= 57) return undefined;
  }
  const dot = decimalComma ? 44 : 46;
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let fraction = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      digits++;
      if (mantissa !== 0 || c !== 48) significant++;
      mantissa = mantissa * 10 + (c - 48);
      if (seenDot) fraction++;
    } else if (c === dot && !seenDot) {
      seenDot = true;
    } else break;
  }
  if (digits === 0) return undefined;
  let exponent = 0;
  if (i < end) {
    const c = b[i];
    if (c !== 101 && c !== 69) return undefined;
    let j = i + 1;
    let expNegative = false;
    if (j < end && (b[j] === 45 || b[j] === 43)) expNegative = b[j++] === 45;
    if (j >= end) return undefined;
    for (; j < end; j++) {
      const d = b[j];
      if (d < 48 || d > 57) return undefined;
      exponent = exponent * 10 + (d - 48);
    }
    if (expNegative) exponent = -exponent;
  }
  const scale = exponent - fraction;
  if (significant <= 15 && scale >= -22 && scale <= 22) {
    const magnitude = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
    return negative ? -magnitude : magnitude;
  }
  // 16–19 digits (Python's repr): Eisel-Lemire, exact, without a string.
  if (!decimalComma) return longNumber(b, from, end, scale, negative);
  // Only digits, signs, the decimal mark and an exponent got here: all ASCII.
  let text = '';
  for (let k = from; k < end; k++) text += String.fromCharCode(b[k]);
  return Number(decimalComma ? text.replace(',', '.') : text);
}
