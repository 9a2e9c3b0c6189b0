/**
 * Fisher's exact test on a 2×2 table, computed exactly from the hypergeometric distribution with
 * log-factorials (no normal or chi-square approximation, so it is valid for 2-trial buckets).
 *
 *              with issue   without
 *   bucket         a           b
 *   rest           c           d
 *
 * Given the margins, the number of issue trials in the bucket X follows a hypergeometric
 * distribution: N = a+b+c+d trials, K = a+c with the issue, n = a+b drawn into the bucket.
 */
import { logChoose } from './special';

export interface Hypergeometric {
  /** Population size. */
  N: number;
  /** Successes in the population (trials with the issue). */
  K: number;
  /** Draws (trials in the bucket). */
  n: number;
}

/** Smallest and largest possible X. */
export function support({ N, K, n }: Hypergeometric): [number, number] {
  return [Math.max(0, n - (N - K)), Math.min(K, n)];
}

export function hypergeometricLogPmf(x: number, { N, K, n }: Hypergeometric): number {
  return logChoose(K, x) + logChoose(N - K, n - x) - logChoose(N, n);
}

/**
 * P(X ≥ x): the upper tail. Summed from x away from the mode, with each term obtained from the
 * previous by the ratio of consecutive probabilities, and stopped once the terms no longer change
 * the sum; below the mode the tail is 1 − P(X ≤ x − 1), whose terms also shrink away from it.
 * Either way the cost is a few standard deviations' worth of terms, even for 100,000 trials.
 */
export function hypergeometricUpperTail(x: number, h: Hypergeometric): number {
  const { N, K, n } = h;
  const [lo, hi] = support(h);
  if (x <= lo) return 1;
  if (x > hi) return 0;
  const mode = Math.floor(((n + 1) * (K + 1)) / (N + 2));
  if (x > mode) {
    let term = Math.exp(hypergeometricLogPmf(x, h));
    let sum = term;
    for (let k = x; k < hi && term > sum * 1e-17; k++) {
      term *= ((K - k) * (n - k)) / ((k + 1) * (N - K - n + k + 1));
      sum += term;
    }
    return Math.min(1, sum);
  }
  let term = Math.exp(hypergeometricLogPmf(x - 1, h));
  let sum = term;
  for (let k = x - 1; k > lo && term > sum * 1e-17; k--) {
    term *= (k * (N - K - n + k)) / ((K - k + 1) * (n - k + 1));
    sum += term;
  }
  return Math.min(1, Math.max(0, 1 - sum));
}

/**
 * One-sided Fisher exact test that the bucket's issue rate is higher than the rest's
 * (R's `fisher.test(alternative = "greater")`): P(X ≥ a).
 */
export function fisherGreater(a: number, b: number, c: number, d: number): number {
  return hypergeometricUpperTail(a, { N: a + b + c + d, K: a + c, n: a + b });
}

/**
 * Two-sided Fisher exact test as R and SciPy compute it: the probability of every table at most
 * as likely as the observed one (with R's relative tolerance of 1e-7 for ties).
 */
export function fisherTwoSided(a: number, b: number, c: number, d: number): number {
  const h = { N: a + b + c + d, K: a + c, n: a + b };
  const [lo, hi] = support(h);
  const observed = hypergeometricLogPmf(a, h);
  let sum = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = hypergeometricLogPmf(x, h);
    if (lp <= observed + Math.log1p(1e-7)) sum += Math.exp(lp);
  }
  return Math.min(1, sum);
}

/**
 * The smallest p-value the one-sided test can give with these margins: every possible issue
 * trial in the bucket. A bucket of 2 trials in a sweep of 6 can never go below 1/15 ≈ 0.067.
 */
export function minAttainableP(h: Hypergeometric): number {
  const [, hi] = support(h);
  return hypergeometricUpperTail(hi, h);
}
