import { describe, expect, it } from 'vitest';
import type { RegionRange, RegionValues } from '../../../../src/lib/model';
import { analyzeTable, seedSampleTable, tableFromColumns } from '../table-helper';
import { oneDriverSweep } from './sweeps';

describe('recommended region', () => {
  const summary = analyzeTable(oneDriverSweep(5, 100, 0.1));
  const region = summary.recommendedRegion;
  const param = (name: string) => region?.params.find((p) => p.param === name);

  it('takes the best 10% (at least 5) of the ranked trials, best first', () => {
    expect(summary.primaryMetric).toEqual({
      column: 'val_loss',
      direction: 'min',
      split: 'val',
      family: 'loss',
    });
    expect(region?.topK).toBe(10);
    expect(region?.ranked).toBe(100);
    expect(region?.runIds).toHaveLength(10);
    const values = region?.values ?? [];
    expect([...values].sort((x, y) => x - y)).toEqual(values);
  });

  it('narrows the driving hyperparameter around its optimum, with high confidence', () => {
    const lr = param('lr') as RegionRange;
    expect(region?.params[0].param).toBe('lr');
    expect(lr.kind).toBe('range');
    expect(lr.lo).toBeGreaterThan(1e-4);
    expect(lr.hi).toBeLessThan(1e-2);
    expect(lr.searchedLo).toBeLessThan(2e-5);
    expect(lr.searchedHi).toBeGreaterThan(5e-2);
    expect(lr.logScale).toBe(true);
    expect(lr.edge).toBeNull();
    expect(lr.confidence).toBe('high');
    // P(10 random trials span ≤ share of the trials) = k·s^(k−1) − (k−1)·s^k.
    expect(lr.pValue).toBeCloseTo(10 * lr.share ** 9 - 9 * lr.share ** 10, 12);
  });

  it('reads grids and categories by value, and calls a distractor uncertain', () => {
    const optimizer = param('optimizer') as RegionValues;
    expect(optimizer.kind).toBe('values');
    expect(optimizer.values.reduce((n, v) => n + v.best, 0)).toBe(10);
    const batch = param('batch_size') as RegionValues;
    expect(batch.kind).toBe('values');
    expect(batch.values.every((v) => ['16', '32', '64', '128'].includes(v.value))).toBe(true);
    for (const name of ['optimizer', 'batch_size', 'dropout', 'weight_decay']) {
      expect(param(name)?.confidence, name).not.toBe('high');
    }
  });

  it('leaves out trials with a critical finding and says where the best sit on the edge', () => {
    const n = 30;
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const table = tableFromColumns({
      trial_id: x,
      // The higher the better, up to the top of the searched range.
      warmup: x,
      // Trial 30 has the best val_acc but a NaN training loss (critical): not a model to follow.
      train_loss: x.map((v) => (v === 30 ? 'NaN' : 0.5 - v / 100)),
      val_acc: x.map((v) => 0.5 + v / 100),
    });
    const s = analyzeTable(table);
    expect(s.findings.some((f) => f.id === 'nan-metrics:30' && f.severity === 'critical')).toBe(
      true,
    );
    const r = s.recommendedRegion;
    expect(r?.direction).toBe('max');
    expect(r).toMatchObject({ ranked: 29, excluded: 1, topK: 5 });
    expect(r?.runIds).toEqual(['29', '28', '27', '26', '25']);
    const warmup = r?.params[0] as RegionRange;
    expect(warmup).toMatchObject({ lo: 25, hi: 29, searchedLo: 1, searchedHi: 30, edge: null });
    expect(warmup.confidence).toBe('high');
    // Without trial 30's row the best trials touch the top of the searched range.
    const clean = analyzeTable(
      tableFromColumns({ trial_id: x, warmup: x, val_acc: x.map((v) => 0.5 + v / 100) }),
    );
    expect(clean.recommendedRegion?.params[0]).toMatchObject({ lo: 26, hi: 30, edge: 'high' });
  });

  it('is absent for sweeps with fewer than 10 ranked trials, and says so', () => {
    const s = analyzeTable(seedSampleTable());
    expect(s.recommendedRegion).toBeNull();
    expect(s.dataQuality.join(' ')).toMatch(/best region/);
  });
});

describe('correlations', () => {
  it('gives each numeric hyperparameter its Spearman ρ with the primary metric', () => {
    const x = Array.from({ length: 12 }, (_, i) => i + 1);
    const table = tableFromColumns({
      trial_id: x,
      lr: x.map((v) => 10 ** -v),
      optimizer: x.map((v) => (v % 2 ? 'adam' : 'sgd')),
      val_loss: x.map((v) => 1 / v),
    });
    const s = analyzeTable(table);
    expect(s.correlations).toHaveLength(1);
    expect(s.correlations[0]).toMatchObject({
      param: 'lr',
      rho: 1,
      n: 12,
      pValue: 0,
      pMethod: 't',
    });
  });

  it('uses only finished trials with both values, and the exact test for n ≤ 10', () => {
    const s = analyzeTable(seedSampleTable());
    const lr = s.correlations.find((c) => c.param === 'lr');
    // Trials 1, 3, 5, 6 (2 failed, 4 has val_loss inf): ρ(lr, val_loss) = −0.8, p = 8/24.
    expect(lr).toMatchObject({ n: 4, pMethod: 'exact' });
    expect(lr?.rho).toBeCloseTo(-0.8, 12);
    expect(lr?.pValue).toBeCloseTo(1 / 3, 12);
  });
});
