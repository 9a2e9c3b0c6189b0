import { describe, expect, it } from 'vitest';
import { nanMetrics } from '../../../src/lib/analysis/detectors';
import { runDetector, seedSampleTable, tableFromColumns } from './table-helper';

describe('nan-metrics', () => {
  it('finds the seed sample trials 2 (all NaN) and 4 (val_loss inf)', () => {
    const findings = runDetector(nanMetrics, seedSampleTable());
    expect(findings.map((f) => f.id)).toEqual(['nan-metrics:2', 'nan-metrics:4']);
    const [two, four] = findings;
    expect(two.severity).toBe('critical');
    expect(two.evidence.map((e) => [e.column, e.value])).toEqual([
      ['train_loss', 'NaN'],
      ['val_loss', 'NaN'],
      ['train_acc', 'NaN'],
      ['val_acc', 'NaN'],
    ]);
    expect(four.evidence.map((e) => [e.column, e.value])).toEqual([['val_loss', 'inf']]);
    expect(four.runIds).toEqual(['4']);
    expect(four.rows).toEqual([3]);
  });

  it('gives advice specific to the learning rate', () => {
    const [, four] = runDetector(nanMetrics, seedSampleTable());
    // Trial 4 has lr 0.02; the highest lr of a clean, finished run is 0.005.
    expect(four.recommendation).toMatch(/lr 0\.02 .*keep lr ≤ 0\.005/);
    expect(four.recommendation).toMatch(/gradient clipping/);
  });

  it('spells -inf and checks every metric, not only losses', () => {
    const table = tableFromColumns({
      run_id: ['a', 'b', 'c'],
      val_f1: [0.5, '-inf', 0.7],
      test_rmse: [1, 2, 'nan'],
    });
    const findings = runDetector(nanMetrics, table);
    expect(findings.map((f) => [f.runIds[0], f.evidence.map((e) => e.value)])).toEqual([
      ['b', ['-inf']],
      ['c', ['NaN']],
    ]);
  });

  it('does not treat empty cells as NaN', () => {
    const table = tableFromColumns({
      trial_id: [1, 2, 3],
      val_loss: [0.3, null, 0.4],
      train_loss: [null, null, 0.2],
    });
    expect(runDetector(nanMetrics, table)).toEqual([]);
  });

  it('ignores NaN in columns that are not metrics', () => {
    const table = tableFromColumns({ trial_id: [1, 2], lr: [0.1, 'NaN'], val_loss: [0.3, 0.4] });
    expect(runDetector(nanMetrics, table)).toEqual([]);
  });

  it('stays quiet on a healthy table', () => {
    const table = tableFromColumns({ trial_id: [1, 2, 3], val_loss: [0.3, 0.35, 0.4] });
    expect(runDetector(nanMetrics, table)).toEqual([]);
  });
});
