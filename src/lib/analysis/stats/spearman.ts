/**
 * Spearman rank correlation: Pearson's correlation of the average ranks (ties share the mean of
 * the ranks they span). Being rank-based it is the same for lr and log(lr).
 *
 * p-value, two-sided (H0: no monotone association):
 * - n ≤ 10: exact over all n! pairings of the ranks (ties included, as they are); p = share of
 *   pairings with |ρ| ≥ |ρ observed|. Their distribution is counted, not walked, and memoised
 *   per pair of rank multisets, since it does not depend on the observed pairing.
 * - n > 10: Student's t approximation, t = ρ·√((n − 2) / (1 − ρ²)) with n − 2 degrees of freedom
 *   (what SciPy's `spearmanr` reports).
 */
import { studentTTwoSided } from './special';

/**
 * Largest n for which the p-value is exact (10! = 3,628,800 pairings, counted in ~10 ms once
 * per distinct pair of rank multisets: see exactPValue).
 */
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
  // End (exclusive) of the block of equal values (0 and −0 alike) starting at each position, so
  // one binary search per value finds its block.
  const ends = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--)
    ends[i] = i + 1 < n && sorted[i + 1] === sorted[i] ? ends[i + 1] : i + 1;
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const first = bound(sorted, values[i]);
    // Positions first+1 … last (1-based) hold v; their mean is the rank.
    ranks[i] = (first + 1 + ends[first]) / 2;
  }
  return ranks;
}

/** Index of the first element ≥ v in an ascending array. */
function bound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
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
 * one (ρ is an increasing function of that sum). The null distribution of that sum depends only
 * on the two multisets of ranks, not on how they are paired, so it is computed once per pair of
 * multisets (once per n when there are no ties) and reused: one metric against 20 parameters of
 * a 10-trial sweep walked 10! pairings 20 times (~1 s) before.
 */
function exactPValue(rx: Float64Array, ry: Float64Array): number {
  const n = rx.length;
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
  const null0 = nullDistribution(rx, ry);
  let extreme = 0;
  for (let k = 0; k < null0.counts.length; k++) {
    if (null0.counts[k] > 0 && Math.abs(null0.min + k / SCALE - mean) >= observed) {
      extreme += null0.counts[k];
    }
  }
  return extreme / null0.total;
}

/**
 * Ranks are multiples of ½, so every product and sum is a multiple of ¼: sums ×4 are integers,
 * exact in floating point, and index a histogram.
 */
const SCALE = 4;

/** How many pairings give each value of Σ rx·ry: counts[k] for the sum min + k / SCALE. */
interface NullDistribution {
  min: number;
  counts: Float64Array;
  total: number;
}

/**
 * Memo by the two sorted rank multisets. Bounded, since a long session analyses many sweeps;
 * the key count stays small in practice (one per n without ties, one per tie pattern with them).
 */
const MAX_MEMO = 256;
const memo = new Map<string, NullDistribution>();
let computed = 0;

/** How many null distributions were computed so far: tests check the memo through it. */
export function nullDistributionsComputed(): number {
  return computed;
}

function nullDistribution(rx: Float64Array, ry: Float64Array): NullDistribution {
  const a = Float64Array.from(rx).sort();
  const b = Float64Array.from(ry).sort();
  // Σ a·b over all pairings has the same distribution with the sides swapped.
  const [ka, kb] = [a.join(','), b.join(',')];
  const key = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
  const cached = memo.get(key);
  if (cached) return cached;
  // Ties on the `b` side shrink the states of the count: give it the side with fewer values.
  const made = distinct(a) < distinct(b) ? countPairings(b, a) : countPairings(a, b);
  computed++;
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(key, made);
  return made;
}

/**
 * How many of the n! pairings of `a` with `b` give each value of Σ a·b, without walking them: a
 * dynamic programme assigns a[0], a[1], … in turn to a still unused value of `b`, and tracks per
 * state (how many of each distinct b value are used) the count of every partial sum. Equal b
 * values are one choice, so ties shrink the states; every count is then the number of distinct
 * arrangements, the same multiple (Π tie sizes!) of the permutation count for every sum, which
 * leaves each share, and so each p-value, exactly as a walk over all n! permutations gives it.
 * Counts stay below 10! < 2^53: exact.
 */
function countPairings(a: Float64Array, b: Float64Array): NullDistribution {
  const n = a.length;
  const values: number[] = [];
  const sizes: number[] = [];
  for (const v of b) {
    if (values.length > 0 && values[values.length - 1] === v) sizes[sizes.length - 1]++;
    else {
      values.push(v);
      sizes.push(1);
    }
  }
  // A state is the used count of each distinct value, in mixed radix (sizes[k] + 1).
  const stride: number[] = [];
  let states = 1;
  for (const size of sizes) {
    stride.push(states);
    states *= size + 1;
  }
  let min = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    min += a[i] * b[n - 1 - i];
    max += a[i] * b[i];
  }
  // Partial sums are indexed from 0 (ranks are positive): bins up to max · SCALE.
  const bins = Math.round(max * SCALE) + 1;
  let level = new Map<number, Float64Array>([[0, zeroAt(bins)]]);
  let top = 0;
  for (let i = 0; i < n; i++) {
    const next = new Map<number, Float64Array>();
    let nextTop = top;
    for (const [state, row] of level) {
      for (let k = 0; k < values.length; k++) {
        if (Math.floor(state / stride[k]) % (sizes[k] + 1) === sizes[k]) continue;
        const target = state + stride[k];
        let out = next.get(target);
        if (!out) next.set(target, (out = new Float64Array(bins)));
        const shift = Math.round(a[i] * values[k] * SCALE);
        for (let j = 0; j <= top; j++) if (row[j] !== 0) out[j + shift] += row[j];
        nextTop = Math.max(nextTop, top + shift);
      }
    }
    level = next;
    top = nextTop;
  }
  const full = [...level.values()][0];
  const offset = Math.round(min * SCALE);
  const counts = full.slice(offset);
  let total = 0;
  for (const c of counts) total += c;
  return { min, counts, total };
}

function distinct(sorted: Float64Array): number {
  let count = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) count++;
  return count;
}

function zeroAt(bins: number): Float64Array {
  const row = new Float64Array(bins);
  row[0] = 1;
  return row;
}
