import { describe, expect, it } from 'vitest';
import { bucketRows, hotBucket } from '../../../src/lib/analysis';
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
  const bucket = (label: string, trials: number, withIssue: number): AssociationBucket => ({
    label,
    trials,
    withIssue,
    rate: withIssue / trials,
    runIds: [],
  });

  it('needs two affected runs, 1.5× and 20 points above the base rate', () => {
    expect(hotBucket([bucket('a', 1, 1), bucket('b', 9, 1)], 0.2)).toBeNull();
    expect(hotBucket([bucket('a', 2, 2), bucket('b', 8, 0)], 0.2)).toBe('a');
    // 25% vs 20%: not clearly above.
    expect(hotBucket([bucket('a', 8, 2), bucket('b', 12, 2)], 0.2)).toBeNull();
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

  it('is empty when nothing is wrong', () => {
    const table = tableFromColumns({ trial_id: [1, 2], lr: [0.1, 0.2], val_loss: [0.3, 0.4] });
    expect(analyzeTable(table).associations).toEqual([]);
  });
});
