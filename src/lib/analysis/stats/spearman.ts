/**
 * Spearman rank correlation: Pearson's correlation of the average ranks (ties share the mean of
 * the ranks they span). Being rank-based it is the same for lr and log(lr).
 *
 * p-value, two-sided (H0: no monotone association):
 * - n ≤ 10: exact, by enumerating all n! pairings of the ranks (ties included, as they are);
 *   p = share of pairings with |ρ| ≥ |ρ observed|.
 * - n > 10: Student's t approximation, t = ρ·√((n − 2) / (1 − ρ²)) with n − 2 degrees of freedom
 *   (what SciPy's `spearmanr` reports).
 */
import { studentTTwoSided } from './special';

/** Largest n for which the p-value is exact (10! = 3,628,800 pairings, ~20 ms). */
export const EXACT_SPEARMAN_MAX_N = 10;

export interface SpearmanResult {
  rho: number;
  n: number;
  pValue: number;
  method: 'exact' | 't';
}

/** Average ranks, 1-based: [10, 20, 20, 30] → [1, 2.5, 2.5, 4]. Values must not be NaN. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const first = bound(sorted, v, false);
    const last = bound(sorted, v, true);
    // Positions first+1 … last (1-based) hold v; their mean is the rank.
    ranks[i] = (first + 1 + last) / 2;
  }
  return ranks;
}

/** Index of the first element > v (upper) or ≥ v (lower) in an ascending array. */
function bound(sorted: Float64Array, v: number, upper: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v || (upper && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Pearson's r; NaN for fewer than 2 pairs or a constant side. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Spearman's ρ of paired finite values, or null when fewer than 3 pairs or either side is
 * constant (ρ is undefined).
 */
export function spearman(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  /** averageRanks(y), when the caller already has it (one metric against many parameters). */
  yRanks?: Float64Array,
): SpearmanResult | null {
  const n = x.length;
  if (n < 3 || y.length !== n) return null;
  const rx = averageRanks(x);
  const ry = yRanks ?? averageRanks(y);
  const rho = pearson(rx, ry);
  if (Number.isNaN(rho)) return null;
  if (n <= EXACT_SPEARMAN_MAX_N) return { rho, n, pValue: exactPValue(rx, ry), method: 'exact' };
  const pValue =
    Math.abs(rho) >= 1 ? 0 : studentTTwoSided(rho * Math.sqrt((n - 2) / (1 - rho * rho)), n - 2);
  return { rho, n, pValue, method: 't' };
}

/**
 * Share of the n! pairings whose Σ rx·ry is at least as far from its null mean as the observed
 * one (ρ is an increasing function of that sum). Heap's algorithm visits every permutation with
 * one swap each, and a swap changes the sum by (rx[p] − rx[q])·(perm[q] − perm[p]). Ranks are
 * multiples of ½, so every sum is exact in floating point.
 */
function exactPValue(rx: Float64Array, ry: Float64Array): number {
  const n = rx.length;
  const perm = Float64Array.from(ry);
  let sum = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sum += rx[i] * ry[i];
    sx += rx[i];
    sy += ry[i];
  }
  const mean = (sx * sy) / n;
  const observed = Math.abs(sum - mean) - 1e-9;
  let extreme = 1;
  let total = 1;
  const c = new Int32Array(n);
  let i = 1;
  while (i < n) {
    if (c[i] < i) {
      const p = i % 2 === 0 ? 0 : c[i];
      sum += (rx[p] - rx[i]) * (perm[i] - perm[p]);
      const t = perm[p];
      perm[p] = perm[i];
      perm[i] = t;
      total++;
      if (Math.abs(sum - mean) >= observed) extreme++;
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return extreme / total;
}
