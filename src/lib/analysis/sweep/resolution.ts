/**
 * How finely a metric was measured, which decides whether two runs sharing a value is a
 * coincidence. An accuracy over n examples moves in steps of 1/n, so with a small eval set many
 * runs tie by chance; a loss printed with 16 digits never does.
 */
import { isFinePrecision } from './metric-kind';

/** Largest eval-set size looked for: beyond it, k/n and an arbitrary float are not told apart. */
export const MAX_DENOMINATOR = 100_000;
/** k/n computed in double precision is exact to ~1e-16; a CSV round trip keeps that. */
const TOLERANCE = 1e-12;

/** Smallest q ≤ maxN such that x is within TOLERANCE of p/q (x in [0, 1]), by continued fractions. */
function denominatorOf(x: number, maxN: number): number | null {
  let [p0, q0, p1, q1] = [0, 1, 1, 0];
  let rest = x;
  for (let i = 0; i < 64; i++) {
    const a = Math.floor(rest);
    [p0, q0, p1, q1] = [p1, q1, a * p1 + p0, a * q1 + q0];
    if (q1 > maxN) return null;
    if (Math.abs(x - p1 / q1) <= TOLERANCE) return q1;
    const frac = rest - a;
    if (frac < 1e-15) return null;
    rest = 1 / frac;
  }
  return null;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The eval-set size n when every value (on a 0–1 scale) is a multiple of 1/n with n ≤ maxN,
 * or null. Only values logged at full precision are informative: 0.62 is 31/50 whatever the
 * eval set was, so short decimals give null.
 */
export function commonDenominator(
  values: readonly number[],
  maxN = MAX_DENOMINATOR,
): number | null {
  if (values.length === 0 || !values.every((v) => v >= 0 && v <= 1 && isFinePrecision(v))) {
    return null;
  }
  let n = 1;
  for (const v of values) {
    const q = denominatorOf(v, maxN);
    if (q === null) return null;
    n = (n / gcd(n, q)) * q;
    if (n > maxN) return null;
  }
  return n;
}

/**
 * Whether a metric's values (fractions or percentages) are all k/n of one small eval set: then
 * runs share values by chance, however many digits are printed.
 */
export function isQuantised(values: readonly number[]): boolean {
  const scale = values.some((v) => Math.abs(v) > 1) ? 100 : 1;
  return commonDenominator(values.map((v) => v / scale)) !== null;
}
