import { describe, expect, it } from 'vitest';
import { averageRanks, spearman } from '../../../../src/lib/analysis/stats/spearman';
import {
  incompleteBeta,
  logGamma,
  studentTTwoSided,
} from '../../../../src/lib/analysis/stats/special';

describe('special functions', () => {
  it('log-gamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });

  it('incomplete beta and Student t match SciPy', () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    // 2 * scipy.stats.t.sf(|t|, df)
    expect(studentTTwoSided(2.5, 7)).toBeCloseTo(0.04099221858575289, 12);
    expect(studentTTwoSided(-0.3, 30)).toBeCloseTo(0.7662461052843528, 12);
    expect(studentTTwoSided(10, 3)).toBeCloseTo(0.0021283990584141503, 12);
    expect(studentTTwoSided(Infinity, 3)).toBe(0);
  });
});

describe('averageRanks', () => {
  it('gives ties the mean of their ranks', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([3, 1, 3, 3, 2]))).toEqual([4, 1, 4, 4, 2]);
  });
});

describe('spearman', () => {
  it('matches SciPy spearmanr with the t approximation for n > 10', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const y = [2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11];
    const r = spearman(x, y);
    expect(r?.rho).toBeCloseTo(0.9580419580419581, 13);
    expect(r?.pValue).toBeCloseTo(9.543581826838402e-7, 17);
    expect(r?.method).toBe('t');
    const ties = spearman(
      [0.1, 0.2, 0.2, 0.3, 0.5, 0.5, 0.9, 1.0, 1.2, 1.3, 2, 3, 4, 5, 6],
      [3, 1, 2, 5, 4, 4, 7, 6, 9, 8, 11, 10, 12, 15, 13],
    );
    expect(ties?.rho).toBeCloseTo(0.9632949249753416, 13);
    expect(ties?.pValue).toBeCloseTo(8.42883041604842e-9, 19);
  });

  it('is the same for a log-scaled hyperparameter', () => {
    const lr = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0];
    const loss = [0.9, 0.8, 0.85, 0.6, 0.5, 0.45, 0.3, 0.35, 0.2, 0.5, 0.9];
    const a = spearman(lr, loss);
    const b = spearman(lr.map(Math.log10), loss);
    expect(a).toEqual(b);
    expect(a?.rho).toBeCloseTo(-0.415529446129273, 13);
    expect(a?.pValue).toBeCloseTo(0.20373622825149998, 12);
  });

  it('is exact for n ≤ 10 (brute-force permutation references, |ρ| ≥ |ρ observed|)', () => {
    // Same as scipy.stats.permutation_test(..., permutation_type='pairings') on spearmanr.
    const five = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
    expect(five?.rho).toBeCloseTo(0.8207826816681234, 13);
    expect(five?.pValue).toBeCloseTo(0.13333333333333333, 14);
    expect(five?.method).toBe('exact');
    expect(spearman([1, 2, 3, 4, 5, 6, 7], [2, 1, 4, 3, 7, 5, 6])?.pValue).toBeCloseTo(
      0.034126984126984124,
      14,
    );
    const ties = spearman([0.1, 0.2, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8], [1, 3, 2, 4, 4, 6, 8, 7]);
    expect(ties?.rho).toBeCloseTo(0.9638554216867469, 13);
    expect(ties?.pValue).toBeCloseTo(0.0005952380952380953, 14);
    expect(spearman([3, 1, 2], [1, 2, 3])?.pValue).toBe(1);
  });

  it('is exact over all 10! pairings', () => {
    const r = spearman([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 1, 4, 3, 6, 5, 8, 7, 10, 9]);
    expect(r?.rho).toBeCloseTo(0.9393939393939393, 13);
    expect(r?.pValue).toBe(746 / 3628800);
  });

  it('counts the same p-values as a walk over every pairing, ties included', () => {
    for (let k = 0; k < 12; k++) {
      const x = Array.from({ length: 7 }, (_, i) => (i * (k + 2)) % (2 + (k % 4)));
      const y = Array.from({ length: 7 }, (_, i) => (i * 5 + k) % (3 + (k % 5)));
      const r = spearman(x, y);
      if (r) expect(r.pValue, `${x} / ${y}`).toBe(bruteForceP(x, y));
    }
  });

  it('is undefined for a constant side or fewer than 3 pairs', () => {
    expect(spearman([1, 1, 1, 1], [1, 2, 3, 4])).toBeNull();
    expect(spearman([1, 2], [2, 1])).toBeNull();
  });
});

/** Share of all pairings of the ranks with |Σ rx·ry − mean| ≥ the observed one, walked. */
function bruteForceP(x: number[], y: number[]): number {
  const rx = averageRanks(x);
  const ry = Array.from(averageRanks(y));
  const n = x.length;
  const mean = (rx.reduce((a, b) => a + b, 0) * ry.reduce((a, b) => a + b, 0)) / n;
  const dot = (p: number[]) => p.reduce((acc, v, i) => acc + rx[i] * v, 0);
  const observed = Math.abs(dot(ry) - mean) - 1e-9;
  let extreme = 0;
  let total = 0;
  const walk = (rest: number[], prefix: number[]): void => {
    if (rest.length === 0) {
      total++;
      if (Math.abs(dot(prefix) - mean) >= observed) extreme++;
      return;
    }
    rest.forEach((v, i) => walk([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, v]));
  };
  walk(ry, []);
  return extreme / total;
}
