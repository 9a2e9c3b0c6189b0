/** Number formatting shared by the report sections: p-values, shares, lifts, ranges. */
import { formatNumber } from '../model';
import { escapeMarkdown as esc } from './escape';

export function trials(n: number): string {
  return n === 1 ? '1 trial' : `${n} trials`;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`;
}

/** A share in [0, 1] as a whole percentage ("<1%" rather than a misleading 0%). */
export function share(x: number): string {
  if (x > 0 && x < 0.005) return '<1%';
  return `${Math.round(100 * x)}%`;
}

/** Like share, with one decimal below 10% so "under 5%" and "4.6%" read consistently. */
export function fineShare(x: number): string {
  if (x >= 0.0995 || x === 0) return share(x);
  if (x < 0.0005) return '<0.1%';
  return `${(100 * x).toFixed(1)}%`;
}

/** p- and q-values: two significant digits, "< 0.001" below that. */
export function pValue(p: number): string {
  if (Number.isNaN(p)) return '–';
  if (p < 0.001) return '< 0.001';
  if (p >= 0.995) return '1';
  return String(Number(p.toPrecision(2)));
}

/** "p = 0.067" or "p < 0.001". */
export function pEquals(name: 'p' | 'q', p: number): string {
  const text = pValue(p);
  return text.startsWith('<') ? `${name} ${text}` : `${name} = ${text}`;
}

export function lift(x: number): string {
  if (!Number.isFinite(x)) return esc(formatNumber(x));
  return `${x.toFixed(1)}×`;
}

/** A correlation coefficient with two decimals and a real minus sign. */
export function rho(x: number): string {
  const text = x.toFixed(2);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** A number from the data, formatted compactly and escaped. */
export function num(x: number): string {
  return esc(formatNumber(x));
}

export function range(lo: number, hi: number): string {
  return lo === hi ? num(lo) : `${num(lo)} to ${num(hi)}`;
}
