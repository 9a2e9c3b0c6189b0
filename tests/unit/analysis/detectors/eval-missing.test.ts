import { describe, expect, it } from 'vitest';
import { evalMissing } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps } from './helpers';

type Columns = Parameters<typeof tableFromColumns>[0];
const run = (columns: Columns) => runDetector(evalMissing, tableFromColumns(columns));

describe('eval-missing', () => {
  it('fires once for a sweep with only training metrics, with the best training scores', () => {
    const findings = run({
      trial_id: [1, 2, 3],
      'metrics.training_accuracy_score': [0.9998, 0.9991, null],
      'metrics.training_log_loss': [0.0017, 0.004, null],
      peak_memory_mb: [100, 120, 130],
    });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.id).toBe('eval-missing:sweep');
    expect(f.severity).toBe('warning');
    expect(f.runIds).toEqual(['1', '2']);
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        label: 'metrics.training_accuracy_score (best run)',
        value: '0.9998',
      }),
    );
    expect(f.evidence).toContainEqual(
      expect.objectContaining({ label: 'metrics.training_log_loss (best run)', value: '0.0017' }),
    );
    expect(f.recommendation).toMatch(/val_accuracy_score/);
  });

  it('is quiet with a validation, test or unlabelled performance metric', () => {
    expect(run({ train_loss: [1, 2], val_loss: [1, 2] })).toEqual([]);
    expect(run({ train_loss: [1, 2], test_acc: [0.5, 0.6] })).toEqual([]);
    expect(run({ train_loss: [1, 2], accuracy: [0.5, 0.6] })).toEqual([]);
    expect(run({ number: [0, 1], value: [0.5, 0.6] })).toEqual([]);
    expect(run({ lr: [1, 2] })).toEqual([]);
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(evalMissing)).toEqual([]);
  });
});
