/**
 * Binomial uncertainty of a score measured on n examples: the Wilson interval (correct near 0
 * and 1, where the normal ± 1.96·se interval runs below 0 or above 1 on small sets).
 */
import { formatNumber as fmt } from '../../model';

const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** 95% Wilson score interval of a proportion p observed on n examples. */
export function wilsonInterval(p: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return { low: 0, high: 1 };
  const q = Math.min(1, Math.max(0, p));
  const z2 = z * z;
  const centre = (q + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The widest half-width of an interval, in accuracy points (0–100). */
export function halfWidthPoints(interval: Interval): number {
  return ((interval.high - interval.low) / 2) * 100;
}

/** "27%–73% (±23 points)". */
export function describeInterval(interval: Interval): string {
  const pct = (x: number) => `${fmt(Number((x * 100).toPrecision(3)))}%`;
  const half = Math.round(halfWidthPoints(interval) * 10) / 10;
  return `${pct(interval.low)}–${pct(interval.high)} (±${fmt(half)} points)`;
}

/** Examples implied by a proportion and its standard error: se² = p(1 − p) / n. */
export function impliedCount(p: number, stderr: number): number | null {
  if (!(stderr > 0) || !(p > 0 && p < 1)) return null;
  return Math.round((p * (1 - p)) / (stderr * stderr));
}

/** A number as a reader writes it: 25,594 and 32,000 rather than 4-digit 25590 / 32000. */
export function plain(v: number): string {
  return Math.abs(v) >= 1000 && Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : fmt(v);
}
