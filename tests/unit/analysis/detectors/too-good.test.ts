import { describe, expect, it } from 'vitest';
import { tooGood } from '../../../../src/lib/analysis/detectors';
import { DEFAULT_SETTINGS } from '../../../../src/lib/analysis/settings';
import { runDetector, settingsWith, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps } from './helpers';

type Columns = Parameters<typeof tableFromColumns>[0];
const run = (columns: Columns, settings = DEFAULT_SETTINGS) =>
  runDetector(tooGood, tableFromColumns(columns), settings);

describe('too-good', () => {
  it('flags perfect held-out accuracy, F1 and AUC, and zero held-out loss, one finding per run', () => {
    const findings = run({
      trial_id: [1, 2, 3],
      val_acc: [1, 0.9, 0.91],
      val_f1: [1, 0.88, 0.9],
      test_auc: [0.97, 0.96, 1],
      val_loss: [0, 0.3, 0.25],
    });
    expect(findings.map((f) => f.id)).toEqual(['too-good:1', 'too-good:3']);
    expect(findings[0].evidence.map((e) => e.label)).toEqual(['val_acc', 'val_f1', 'val_loss']);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].explanation).toMatch(/leak/);
  });

  it('reads 100 as perfect on a percent scale', () => {
    expect(run({ trial_id: [1, 2], test_accuracy: [100, 93.5] }).map((f) => f.id)).toEqual([
      'too-good:1',
    ]);
  });

  it('leaves training metrics alone unless asked', () => {
    const columns: Columns = { trial_id: [1, 2], train_acc: [1, 0.99], train_loss: [0, 0.01] };
    expect(run(columns)).toEqual([]);
    const judged = run(
      columns,
      settingsWith({ tooGood: { lossFloor: 1e-6, judgeTrainingMetrics: true } }),
    );
    expect(judged.map((f) => f.id)).toEqual(['too-good:1']);
  });

  it("judges Optuna's value only when it behaves like a score near 1", () => {
    const scores = run({
      number: [0, 1, 2],
      value: [0.999786233433091, 0.9987187700192185, 1],
      params_lr: [1, 2, 3],
    });
    expect(scores.map((f) => f.id)).toEqual(['too-good:2']);
    // A loss-like objective that happens to reach 1.0 is not "perfect".
    expect(run({ number: [0, 1, 2], value: [3.2, 1, 2.5] })).toEqual([]);
    expect(run({ number: [0, 1, 2], value: [0.2, 1, 0.5] })).toEqual([]);
  });

  it('does not judge per-fold scores or unfinished runs', () => {
    expect(
      run({
        trial_id: [1, 2, 3],
        status: ['completed', 'running', 'completed'],
        split0_test_score: [1, 0.9, 1],
        mean_test_score: [0.95, 1, 0.93],
      }),
    ).toEqual([]);
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(tooGood)).toEqual([]);
  });
});
