/** Small, dependency-free statistics the design-level detectors need. */
import { logGamma } from '../stats/special';
import { averageRanks, pearson } from '../stats/spearman';

export { averageRanks, pearson };

/** Spearman's rank correlation; NaN when either side is constant. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(averageRanks(x), averageRanks(y));
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 for erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** One-sided p-value of a positive rank correlation (normal approximation, z = ρ√(n − 1)). */
export function spearmanUpperP(rho: number, n: number): number {
  if (!Number.isFinite(rho) || n < 3) return 1;
  return 1 - normalCdf(rho * Math.sqrt(n - 1));
}

export { logGamma };

function logFactorial(n: number): number {
  return n < 2 ? 0 : logGamma(n + 1);
}

export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * P(X ≥ k) for X ~ Hypergeometric(population N, K successes, n draws): the chance that at least
 * k of n trials drawn at random fall in a group of K.
 */
export function hypergeometricUpper(N: number, K: number, n: number, k: number): number {
  const total = logChoose(N, n);
  let p = 0;
  for (let x = Math.max(k, 0); x <= Math.min(n, K); x++) {
    p += Math.exp(logChoose(K, x) + logChoose(N - K, n - x) - total);
  }
  return Math.min(1, p);
}

export function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length > 0 ? s / values.length : NaN;
}

/** Sample standard deviation (n − 1); NaN for fewer than two values. */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (values.length - 1));
}
