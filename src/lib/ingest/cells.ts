/**
 * Cell tokens, decided deliberately: an empty cell or None/null means "not logged",
 * NaN means "logged and not a number", inf stays infinite, and leading-zero ids stay text.
 */

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
  const s =
    raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32)
      ? raw.trim()
      : raw;
  if (s.length === 0) return CellKind.missing;
  const first = s.charCodeAt(0);
  const numericStart = (first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46;
  if (numericStart) {
    const value = parseNumber(s, decimalComma);
    if (value !== undefined) {
      lastNumber = value;
      return CellKind.number;
    }
  }
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
function parseNumber(s: string, decimalComma: boolean): number | undefined {
  const len = s.length;
  let i = 0;
  let negative = false;
  const first = s.charCodeAt(0);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = 1;
  }
  // Leading zeros ("08123") are identifiers, not numbers; "0.5" and "0" are numbers.
  if (s.charCodeAt(i) === 48 && i + 1 < len) {
    const next = s.charCodeAt(i + 1);
    if (next >= 48 && next <= 57) return undefined;
  }
  const dot = decimalComma ? 44 : 46;
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let fraction = 0;
  let seenDot = false;
  for (; i < len; i++) {
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
  if (i < len) {
    const c = s.charCodeAt(i);
    if (c !== 101 && c !== 69) return undefined;
    let j = i + 1;
    let expNegative = false;
    if (s.charCodeAt(j) === 45 || s.charCodeAt(j) === 43) expNegative = s.charCodeAt(j++) === 45;
    if (j >= len) return undefined;
    for (; j < len; j++) {
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
  return Number(decimalComma ? s.replace(',', '.') : s);
}
