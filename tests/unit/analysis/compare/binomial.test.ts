/**
 * The count shortcut of the paired bootstrap: binomial and multinomial draws against their exact
 * distributions, and the shortcut's answers against the plain bootstrap's within Monte-Carlo error.
 */
import { describe, expect, it } from 'vitest';
import { pairedBootstrap } from '../../../../src/lib/analysis/compare';
import {
  binomial,
  logFactorial,
  multinomialCounts,
} from '../../../../src/lib/analysis/compare/binomial';
import { mulberry32 } from '../../../../src/lib/analysis/stats/random';

function pmf(n: number, p: number, k: number): number {
  return Math.exp(
    logFactorial(n) -
      logFactorial(k) -
      logFactorial(n - k) +
      k * Math.log(p) +
      (n - k) * Math.log(1 - p),
  );
}

/** Pearson's chi-square of `draws` Binomial(n, p) draws against the exact pmf (cells of ≥ 5 expected). */
function chiSquare(
  n: number,
  p: number,
  draws: number,
  seed: number,
): { stat: number; df: number } {
  const random = mulberry32(seed);
  const seen = new Float64Array(n + 1);
  for (let i = 0; i < draws; i++) seen[binomial(n, p, random)]++;
  let stat = 0;
  let df = -1;
  let obs = 0;
  let exp = 0;
  for (let k = 0; k <= n; k++) {
    obs += seen[k];
    exp += draws * pmf(n, p, k);
    if (exp >= 5 || k === n) {
      stat += (obs - exp) ** 2 / exp;
      df++;
      obs = 0;
      exp = 0;
    }
  }
  return { stat, df };
}

describe('binomial draws', () => {
  it('ln k! matches the summed logs beyond the table (k = 300, 5000)', () => {
    for (const k of [300, 5000]) {
      let sum = 0;
      for (let i = 2; i <= k; i++) sum += Math.log(i);
      expect(logFactorial(k)).toBeCloseTo(sum, 8);
    }
  });

  // Both algorithms (inversion below n·p = 10, rejection above) and the p > 0.5 mirror. The
  // 99.9% chi-square quantile for df ≤ 60 is below df + 3.3·√(2·df) + 10.
  it.each([
    [20, 0.1, 'inversion'],
    [60, 0.4, 'rejection'],
    [1319, 0.07, 'rejection, large n'],
    [400, 0.9, 'mirror of p = 0.1'],
  ])('Binomial(%i, %f) (%s) follows the exact pmf', (n, p) => {
    const { stat, df } = chiSquare(n, p, 40_000, n);
    expect(df).toBeGreaterThan(3);
    expect(stat).toBeLessThan(df + 3.3 * Math.sqrt(2 * df) + 10);
  });

  it('edges: p = 0, p = 1, n = 0', () => {
    const random = mulberry32(1);
    expect(binomial(50, 0, random)).toBe(0);
    expect(binomial(50, 1, random)).toBe(50);
    expect(binomial(0, 0.3, random)).toBe(0);
  });

  it('multinomial counts add up to n and average n·share per category', () => {
    const random = mulberry32(3);
    const sizes = [50, 1200, 69];
    const n = 1319;
    const out = new Int32Array(3);
    const mean = [0, 0, 0];
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      multinomialCounts(n, sizes, random, out);
      expect(out[0] + out[1] + out[2]).toBe(n);
      for (let j = 0; j < 3; j++) mean[j] += out[j] / draws;
    }
    sizes.forEach((s, j) => {
      const sd = Math.sqrt(s * (1 - s / n)) / Math.sqrt(draws);
      expect(Math.abs(mean[j] - s)).toBeLessThan(5 * sd);
    });
  });
});

/** The plain paired bootstrap: n random indices per resample (the shortcut's reference). */
function plainBootstrap(a: number[], b: number[], resamples: number, seed: number) {
  const random = mulberry32(seed);
  const d = a.map((x, i) => x - b[i]);
  const n = d.length;
  const observed = d.reduce((s, x) => s + x, 0) / n;
  const means = new Float64Array(resamples);
  let extreme = 0;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[(random() * n) | 0];
    means[r] = s / n;
    if (Math.abs(means[r] - observed) >= Math.abs(observed) - 1e-12) extreme++;
  }
  means.sort();
  const q = (p: number) => means[Math.round(p * (resamples - 1))];
  return { low: q(0.025), high: q(0.975), pValue: (extreme + 1) / (resamples + 1) };
}

/** 0/1 scores of two models on n shared examples, `gain` more right for b on balance. */
function scores(n: number, gain: number, seed: number): { a: number[]; b: number[] } {
  const random = mulberry32(seed);
  const a = Array.from({ length: n }, () => (random() < 0.55 ? 1 : 0));
  const b = a.map((x) => (random() < 0.08 ? 1 - x : x));
  for (let i = 0, left = gain; i < n && left > 0; i++)
    if (b[i] === 0) {
      b[i] = 1;
      left--;
    }
  return { a, b };
}

describe('paired bootstrap on 0/1 scores: counts instead of indices', () => {
  it.each([
    [1319, 5, 'noise'],
    [1319, 25, 'borderline'],
    [400, 30, 'a real difference'],
  ])('n = %i, %i net gains (%s): same p and interval as the plain bootstrap', (n, gain, _) => {
    const { a, b } = scores(n, gain, n + gain);
    const resamples = 10_000;
    const fast = pairedBootstrap(b, a, resamples, 5);
    const plain = plainBootstrap(b, a, resamples, 6);
    // Standard error of one bootstrap p-value is √(p(1−p)/R); two independent ones differ by
    // less than 4.5 of √2 times that (plus the +1 correction).
    const p = (fast.pValue + plain.pValue) / 2;
    const seP = Math.sqrt((2 * Math.max(p * (1 - p), 1 / resamples)) / resamples);
    expect(Math.abs(fast.pValue - plain.pValue)).toBeLessThan(4.5 * seP + 2 / resamples);
    // The 2.5% quantile of R means wanders by about 0.027 standard deviations of the mean; allow
    // 0.15 (over 4 standard errors of the difference of two such quantiles).
    const d = b.map((x, i) => x - a[i]);
    const mean = d.reduce((s, x) => s + x, 0) / n;
    const sdMean = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / n / n);
    expect(Math.abs(fast.low - plain.low)).toBeLessThan(0.15 * sdMean);
    expect(Math.abs(fast.high - plain.high)).toBeLessThan(0.15 * sdMean);
    // And both sit where the normal approximation puts them (±1.96 sd), within 10%.
    expect(fast.high - fast.low).toBeGreaterThan(0.9 * 2 * 1.96 * sdMean);
    expect(fast.high - fast.low).toBeLessThan(1.1 * 2 * 1.96 * sdMean);
  });

  it('a few distinct non-0/1 differences (partial credit 0, ½, 1) take the shortcut too', () => {
    const random = mulberry32(9);
    const a = Array.from({ length: 600 }, () => Math.floor(random() * 3) / 2);
    const b = a.map((x) => (random() < 0.1 ? Math.floor(random() * 3) / 2 : x));
    const fast = pairedBootstrap(b, a, 10_000, 1);
    const plain = plainBootstrap(b, a, 10_000, 2);
    expect(Math.abs(fast.pValue - plain.pValue)).toBeLessThan(0.03);
  });
});
