/**
 * The significance tests of the Compare cell, strongest first: a paired bootstrap over matched
 * per-sample results, a z-test from two standard errors, a two-proportion test from two sample
 * counts. Each returns the difference a − b, its 95% interval and a two-sided p-value.
 */
import { mulberry32 } from '../stats/random';
import { multinomialCounts } from './binomial';

export const Z95 = 1.959963984540054;
export const DEFAULT_RESAMPLES = 10_000;
export const DEFAULT_SEED = 20_250_123;

export interface TestResult {
  difference: number;
  low: number;
  high: number;
  pValue: number;
}

/** Two-sided p-value of a standard normal statistic: 2·(1 − Φ(|z|)) = erfc(|z|/√2). */
export function normalTwoSided(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? NaN : 0;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly =
    -x * x -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Paired differences with at most this many distinct values are resampled as counts. */
const MAX_CATEGORIES = 16;

/**
 * Paired bootstrap of the mean difference of matched samples (a[i] − b[i]): `resamples` means of
 * n differences drawn with replacement (seeded, so the same inputs give the same answer). The
 * interval is the 2.5–97.5 percentile of those means; the p-value is the share of means at least
 * as far from the observed mean as the observed mean is from 0 (the bootstrap shifted to the
 * null), with the +1 correction so it is never exactly 0.
 *
 * When the differences take few distinct values (0/1 scores give −1, 0, 1), a resample's mean
 * depends only on how many of each it holds, and those counts are multinomial: drawing them is
 * the same bootstrap in distribution at O(resamples) instead of O(resamples·n) (10,000 resamples
 * of 10,000 examples: seconds become milliseconds).
 */
export function pairedBootstrap(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  resamples = DEFAULT_RESAMPLES,
  seed = DEFAULT_SEED,
): TestResult {
  const n = Math.min(a.length, b.length);
  if (n === 0) return { difference: NaN, low: NaN, high: NaN, pValue: NaN };
  const diffs = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    diffs[i] = a[i] - b[i];
    sum += diffs[i];
  }
  const observed = sum / n;
  const random = mulberry32(seed);
  const categories = distinctCounts(diffs, MAX_CATEGORIES);
  const means = categories
    ? countMeans(n, categories, resamples, random)
    : indexMeans(diffs, resamples, random);
  let extreme = 0;
  // A tolerance keeps rounding from counting a resample of all-equal differences as extreme.
  for (const mean of means) if (Math.abs(mean - observed) >= Math.abs(observed) - 1e-12) extreme++;
  means.sort();
  return {
    difference: observed,
    low: percentile(means, 0.025),
    high: percentile(means, 0.975),
    pValue: observed === 0 ? 1 : (extreme + 1) / (resamples + 1),
  };
}

/** The plain bootstrap: n random indices per resample. */
function indexMeans(diffs: Float64Array, resamples: number, random: () => number) {
  const n = diffs.length;
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += diffs[(random() * n) | 0];
    means[r] = s / n;
  }
  return means;
}

interface Categories {
  values: Float64Array;
  sizes: Float64Array;
}

/** The distinct values and how often each occurs, or null when there are more than `max`. */
function distinctCounts(xs: Float64Array, max: number): Categories | null {
  const counts = new Map<number, number>();
  for (const x of xs) {
    counts.set(x, (counts.get(x) ?? 0) + 1);
    if (counts.size > max) return null;
  }
  return {
    values: Float64Array.from(counts.keys()),
    sizes: Float64Array.from(counts.values()),
  };
}

function countMeans(n: number, c: Categories, resamples: number, random: () => number) {
  const means = new Float64Array(resamples);
  const counts = new Int32Array(c.values.length);
  for (let r = 0; r < resamples; r++) {
    multinomialCounts(n, c.sizes, random, counts);
    let s = 0;
    for (let j = 0; j < counts.length; j++) s += counts[j] * c.values[j];
    means[r] = s / n;
  }
  return means;
}

function percentile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** z-test of a − b from two independent standard errors: se = √(se_a² + se_b²). */
export function stderrTest(a: number, seA: number, b: number, seB: number): TestResult {
  const difference = a - b;
  const se = Math.sqrt(seA * seA + seB * seB);
  const half = Z95 * se;
  return {
    difference,
    low: difference - half,
    high: difference + half,
    pValue: se > 0 ? normalTwoSided(difference / se) : difference === 0 ? 1 : 0,
  };
}

/**
 * Two proportions (accuracies as 0–1 fractions) on nA and nB examples: the pooled z-test for the
 * p-value, and the unpooled (Wald) 95% interval of the difference.
 */
export function twoProportionTest(pA: number, nA: number, pB: number, nB: number): TestResult {
  const difference = pA - pB;
  const pooled = (pA * nA + pB * nB) / (nA + nB);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const half = Z95 * Math.sqrt((pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB);
  return {
    difference,
    low: difference - half,
    high: difference + half,
    pValue: sePooled > 0 ? normalTwoSided(difference / sePooled) : difference === 0 ? 1 : 0,
  };
}
