/** How the Compare cell writes differences, intervals and p-values. */
import type { CompareTest, DiffInterval } from '../../../lib/model';

/** 3 significant digits: an interval's ends need no more than the difference they bound. */
function short(v: number): string {
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return abs.toExponential(1);
  return String(Number(abs.toPrecision(3)));
}

/** "+0.035" / "−0.088" (a real minus sign, so the column lines up and reads well). */
export function formatDiff(v: number): string {
  const s = short(v);
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : '0';
}

export function formatInterval(i: DiffInterval): string {
  return `[${formatDiff(i.low)}, ${formatDiff(i.high)}]`;
}

/** "p < 0.001", "p = 0.032", "p = 0.71". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : String(Number(p.toPrecision(2)))}`;
}

/** Significant at 5%: the interval of the difference excludes 0. */
export function isSignificant(test: CompareTest): boolean {
  return test.pValue !== null && test.pValue < 0.05;
}

/** "±0.0098" beside a leaderboard value. */
export function formatHalfWidth(value: number, i: DiffInterval): string {
  return `±${short(Math.max(i.high - value, value - i.low))}`;
}
