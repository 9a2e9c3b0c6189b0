import { describe, expect, it } from 'vitest';
import { bucketRows } from '../../../src/lib/analysis';
import { computeAssociations, hotBucket } from '../../../src/lib/analysis/associations';
import type { AssociationBucket } from '../../../src/lib/model';
import { analyzeTable, seedSampleTable, tableFromColumns } from './table-helper';

const labels = (cells: (number | string | null)[], quantiles = 4) => {
  const table = tableFromColumns({ x: cells });
  return bucketRows(table.columns[0], table.rowCount, quantiles).map((b) => [
    b.label,
    b.rows.length,
  ]);
};

describe('bucketRows', () => {
  it('cuts numbers into quartiles', () => {
    expect(labels([1, 2, 3, 4, 5, 6, 7, 8])).toEqual([
      ['1 to 2', 2],
      ['3 to 4', 2],
      ['5 to 6', 2],
      ['7 to 8', 2],
    ]);
  });

  it('keeps tied values in one bucket and makes fewer buckets when values repeat', () => {
    const result = labels([1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7]);
    expect(result[0]).toEqual(['1', 6]);
    expect(result.reduce((n, [, c]) => n + Number(c), 0)).toBe(12);
    expect(result.length).toBeLessThanOrEqual(4);
  });

  it('uses the values of a small grid as buckets', () => {
    expect(labels([16, 32, 64, 16, 32, 64, 128, 128])).toEqual([
      ['16', 2],
      ['32', 2],
      ['64', 2],
      ['128', 2],
    ]);
  });

  it('reads six values over six runs as quantile ranges, not six singletons', () => {
    expect(labels([0.001, 0.01, 0.0001, 0.02, 0.005, 0.0005]).map(([l]) => l)).toEqual([
      '1e-4 to 5e-4',
      '0.001',
      '0.005',
      '0.01 to 0.02',
    ]);
  });

  it('gives categories one bucket per value and keeps missing cells apart', () => {
    expect(labels(['adam', 'sgd', null, 'adam'])).toEqual([
      ['adam', 2],
      ['sgd', 1],
      ['(missing)', 1],
    ]);
    expect(labels([1, 2, null, 'NaN', 3, 4, 5, 6], 2)).toEqual([
      ['1 to 3', 3],
      ['4 to 6', 3],
      ['(missing)', 2],
    ]);
  });
});

describe('hotBucket', () => {
  const bucket = (
    label: string,
    trials: number,
    withIssue: number,
    qValue = 1,
  ): AssociationBucket => ({
    label,
    trials,
    withIssue,
    rate: withIssue / trials,
    lift: withIssue / trials / 0.2,
    pValue: qValue,
    qValue,
    runIds: [],
  });

  it('needs two affected runs, 1.5× and 20 points above the base rate', () => {
    expect(hotBucket([bucket('a', 1, 1), bucket('b', 9, 1)], 0.2, false)).toBeNull();
    expect(hotBucket([bucket('a', 2, 2), bucket('b', 8, 0)], 0.2, false)).toEqual({
      label: 'a',
      significant: false,
    });
    // 25% vs 20%: not clearly above, however significant.
    expect(hotBucket([bucket('a', 8, 2, 0.001), bucket('b', 12, 2)], 0.2, true)).toBeNull();
  });

  it('needs q ≤ 0.1 when the sweep is big enough to test', () => {
    expect(hotBucket([bucket('a', 2, 2, 0.3), bucket('b', 8, 0)], 0.2, true)).toBeNull();
    expect(hotBucket([bucket('a', 2, 2, 0.1), bucket('b', 8, 0)], 0.2, true)).toEqual({
      label: 'a',
      significant: true,
    });
  });

  it('prefers a significant bucket to a higher but untested rate', () => {
    const buckets = [bucket('a', 2, 2, 0.5), bucket('b', 10, 8, 0.01), bucket('c', 8, 0)];
    expect(hotBucket(buckets, 0.2, false)).toEqual({ label: 'b', significant: true });
  });
});

describe('association tests', () => {
  it('gives each bucket its lift, exact p-value and BH q-value', () => {
    // 20 trials; lr ≥ 0.01 (5 trials) all NaN, the rest clean: a clear, testable pattern.
    const lr = [1e-4, 2e-4, 3e-4, 4e-4, 5e-4, 1e-3, 2e-3, 3e-3, 4e-3, 5e-3];
    const table = tableFromColumns({
      trial_id: Array.from({ length: 20 }, (_, i) => i + 1),
      lr: [...lr, ...lr.slice(0, 5), 0.01, 0.02, 0.03, 0.04, 0.05],
      val_loss: [...Array<number>(15).fill(0.3), 'NaN', 'NaN', 'NaN', 'NaN', 'NaN'],
    });
    const summary = analyzeTable(table);
    const nan = summary.associations.find((a) => a.param === 'lr' && a.issue === 'nan-metrics');
    const top = nan?.buckets.at(-1);
    expect(top).toMatchObject({ label: '0.01 to 0.05', trials: 5, withIssue: 5, lift: 4 });
    // 5 of 5 vs 0 of 15: 1 / C(20, 5).
    expect(top?.pValue).toBeCloseTo(1 / 15504, 12);
    expect(top?.qValue).toBeLessThanOrEqual(0.1);
    expect(nan?.hotBucket).toBe('0.01 to 0.05');
    expect(nan?.hotBucketSignificant).toBe(true);
    expect(summary.associationTesting).toMatchObject({ fdr: 0.1, powered: true });
    expect(summary.associationTesting.tests).toBe(
      summary.associations.reduce((n, a) => n + a.buckets.length, 0),
    );
  });

  it('marks the seed sample as too small to test, and keeps its pattern as not significant', () => {
    const summary = analyzeTable(seedSampleTable());
    expect(summary.associationTesting.powered).toBe(false);
    const lrNan = summary.associations.find((a) => a.param === 'lr' && a.issue === 'nan-metrics');
    const hot = lrNan?.buckets.find((b) => b.label === lrNan.hotBucket);
    expect(hot?.pValue).toBeCloseTo(1 / 15, 12);
    expect(hot?.lift).toBeCloseTo(3, 12);
    expect(hot?.qValue).toBeGreaterThan(0.1);
    expect(lrNan?.hotBucketSignificant).toBe(false);
  });

  it('reports no tests when nothing is wrong', () => {
    const table = tableFromColumns({ trial_id: [1, 2], lr: [0.1, 0.2], val_loss: [0.3, 0.4] });
    const roles = analyzeTable(table).roles;
    const result = computeAssociations(table, roles, ['1', '2'], [], 4);
    expect(result.associations).toEqual([]);
    expect(result.testing).toMatchObject({ tests: 0, powered: false });
  });
});

describe('associations in an analysis', () => {
  it('links the seed sample NaN metrics to the highest learning rates', () => {
    const summary = analyzeTable(seedSampleTable());
    const lrNan = summary.associations.find((a) => a.param === 'lr' && a.issue === 'nan-metrics');
    expect(lrNan?.kind).toBe('quantile');
    expect(lrNan?.baseRate).toBeCloseTo(2 / 6);
    expect(lrNan?.hotBucket).toBe('0.01 to 0.02');
    const hot = lrNan?.buckets.find((b) => b.label === '0.01 to 0.02');
    expect(hot).toMatchObject({ lo: 0.01, hi: 0.02, trials: 2, withIssue: 2, rate: 1 });
    expect(hot?.runIds).toEqual(['2', '4']);
    // 'any' comes first for every parameter; only detectors that fired appear.
    const issues = summary.associations.filter((a) => a.param === 'lr').map((a) => a.issue);
    expect(issues).toEqual(['any', 'nan-metrics', 'failed-status', 'overfitting', 'short-run']);
  });
});
