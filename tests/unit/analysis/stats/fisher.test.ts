import { describe, expect, it } from 'vitest';
import {
  fisherGreater,
  fisherTwoSided,
  hypergeometricLogPmf,
  hypergeometricUpperTail,
  minAttainableP,
} from '../../../../src/lib/analysis/stats/fisher';
import { logChoose, logFactorial } from '../../../../src/lib/analysis/stats/special';

describe('log-factorials', () => {
  it('are exact sums of logs', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    expect(Math.exp(logFactorial(10))).toBeCloseTo(3628800, 6);
    expect(Math.exp(logChoose(8, 4))).toBeCloseTo(70, 10);
    // Stirling with its 1/(12n) term is accurate to ~1e-12 relative at n = 100,000.
    const n = 100_000;
    const stirling = n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n);
    expect(logFactorial(n)).toBeCloseTo(stirling, 6);
  });
});

describe('Fisher exact test', () => {
  // Reference values from R fisher.test and SciPy 1.17 scipy.stats.fisher_exact.
  it("Fisher's tea-tasting table: 0.2429 one-sided, 0.4857 two-sided", () => {
    // 3 of 4 milk-first cups guessed right: P(X ≥ 3) = (16 + 1) / 70.
    expect(fisherGreater(3, 1, 1, 3)).toBeCloseTo(17 / 70, 14);
    expect(fisherGreater(3, 1, 1, 3)).toBeCloseTo(0.24285714285714283, 12);
    expect(fisherTwoSided(3, 1, 1, 3)).toBeCloseTo(0.48571428571428565, 12);
    // All four right: 1 / 70.
    expect(fisherGreater(4, 0, 0, 4)).toBeCloseTo(1 / 70, 14);
  });

  it('matches SciPy on other tables', () => {
    expect(fisherGreater(8, 2, 1, 5)).toBeCloseTo(0.024475524475524483, 12);
    expect(fisherTwoSided(8, 2, 1, 5)).toBeCloseTo(0.034965034965034975, 12);
    expect(fisherTwoSided(1, 9, 11, 3)).toBeCloseTo(0.0027594561852200836, 12);
    expect(fisherGreater(1, 9, 11, 3)).toBeCloseTo(0.9999663480953022, 12);
    // The seed sample's lr bucket: 2 of 2 trials vs 0 of 4: 1 / C(6, 2).
    expect(fisherGreater(2, 0, 0, 4)).toBeCloseTo(1 / 15, 14);
  });

  it('stays exact and relative-accurate in big tables', () => {
    const p = fisherGreater(120, 380, 60, 940);
    expect(p / 1.4018257992411633e-22).toBeCloseTo(1, 8);
    // hypergeom.sf(59, 1000, 300, 150)
    const tail = hypergeometricUpperTail(60, { N: 1000, K: 300, n: 150 });
    expect(tail / 0.0029625865121989912).toBeCloseTo(1, 8);
    // Far below double range (SciPy gives 0; log10 p ≈ −366.6): a clean 0, not NaN.
    expect(fisherGreater(900, 9100, 1100, 88900)).toBe(0);
    expect(hypergeometricLogPmf(900, { N: 100_000, K: 2000, n: 10_000 }) / Math.LN10).toBeCloseTo(
      -366.6,
      0,
    );
  });

  it('is 1 at or below the support and 0 above it, and sums to 1', () => {
    const h = { N: 20, K: 7, n: 9 };
    expect(hypergeometricUpperTail(0, h)).toBe(1);
    expect(hypergeometricUpperTail(8, h)).toBe(0);
    let total = 0;
    for (let x = 0; x <= 7; x++) total += Math.exp(hypergeometricLogPmf(x, h));
    expect(total).toBeCloseTo(1, 12);
    // Every tail equals the direct sum, on both sides of the mode.
    for (let x = 0; x <= 7; x++) {
      let direct = 0;
      for (let k = x; k <= 7; k++) direct += Math.exp(hypergeometricLogPmf(k, h));
      expect(hypergeometricUpperTail(x, h)).toBeCloseTo(direct, 12);
    }
  });

  it('knows the smallest p-value a bucket can reach', () => {
    expect(minAttainableP({ N: 6, K: 2, n: 2 })).toBeCloseTo(1 / 15, 14);
    expect(minAttainableP({ N: 8, K: 4, n: 4 })).toBeCloseTo(1 / 70, 14);
  });
});
