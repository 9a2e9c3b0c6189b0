/**
 * Cell tokens, decided deliberately: an empty cell or None/null means "not logged",
 * NaN means "logged and not a number", inf stays infinite, and leading-zero ids stay text.
 */

export type CellToken =
  | { kind: 'missing' }
  | { kind: 'nan' }
  | { kind: 'number'; value: number }
  | { kind: 'text' };

const MISSING = new Set(['', 'None', 'none', 'null', 'NULL', 'Null', 'NA', 'N/A', 'n/a', '#N/A', 'nil']);
const NAN = new Set(['NaN', 'nan', 'NAN', '-nan', '+nan', '-NaN']);
const POS_INF = new Set(['inf', 'Inf', 'INF', '+inf', 'Infinity', '+Infinity', 'infinity', 'inf.0']);
const NEG_INF = new Set(['-inf', '-Inf', '-INF', '-Infinity', '-infinity']);

const MISSING_TOKEN: CellToken = { kind: 'missing' };
const NAN_TOKEN: CellToken = { kind: 'nan' };
const TEXT_TOKEN: CellToken = { kind: 'text' };

export function classifyCell(raw: string, decimalComma: boolean): CellToken {
  const s = raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
  if (MISSING.has(s)) return MISSING_TOKEN;
  const first = s.charCodeAt(0);
  const numericStart = (first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46;
  if (numericStart) {
    const value = parseNumber(s, decimalComma);
    if (value !== undefined) return { kind: 'number', value };
  }
  if (NAN.has(s)) return NAN_TOKEN;
  if (POS_INF.has(s)) return { kind: 'number', value: Infinity };
  if (NEG_INF.has(s)) return { kind: 'number', value: -Infinity };
  return TEXT_TOKEN;
}

function parseNumber(s: string, decimalComma: boolean): number | undefined {
  const signed = s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43 ? 1 : 0;
  // Leading zeros ("08123") are identifiers, not numbers; "0.5" and "0" are numbers.
  if (s.charCodeAt(signed) === 48 && s.length > signed + 1) {
    const next = s.charCodeAt(signed + 1);
    if (next >= 48 && next <= 57) return undefined;
    // Number() would accept 0x1f, 0b1, 0o7.
    if (next !== 46 && next !== 101 && next !== 69) return undefined;
  }
  let text = s;
  if (decimalComma && s.indexOf(',') !== -1) {
    if (s.indexOf('.') !== -1 || s.indexOf(',') !== s.lastIndexOf(',')) return undefined;
    text = s.replace(',', '.');
  }
  const value = Number(text);
  if (Number.isNaN(value)) return undefined;
  // Number("Infinity") is handled by the token sets, so the spelling is recorded as data.
  if (!Number.isFinite(value)) return text.toLowerCase().includes('inf') ? undefined : value;
  return value;
}
