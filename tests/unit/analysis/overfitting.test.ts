import { describe, expect, it } from 'vitest';
import { overfitting } from '../../../src/lib/analysis/detectors';
import { runDetector, seedSampleTable, settingsWith, tableFromColumns } from './table-helper';
import { DEFAULT_SETTINGS } from '../../../src/lib/analysis';

describe('overfitting', () => {
  it('finds seed sample trial 3 with a val/train loss ratio of about 5.33', () => {
    const findings = runDetector(overfitting, seedSampleTable());
    expect(findings.map((f) => f.id)).toEqual(['overfitting:3']);
    const [f] = findings;
    expect(f.severity).toBe('warning');
    const ratio = f.evidence.find((e) => e.label === 'val_loss / train_loss');
    expect(Number(ratio?.value)).toBeCloseTo(5.333, 2);
    expect(ratio?.threshold).toBe('≥ 1.5');
    expect(f.evidence).toContainEqual({ label: 'train_loss', value: '0.15', column: 'train_loss' });
    expect(f.evidence).toContainEqual({ label: 'val_loss', value: '0.8', column: 'val_loss' });
    // Accuracy gap 0.99 − 0.6 is also reported.
    expect(f.evidence.find((e) => e.label === 'train_acc − val_acc')?.value).toBe('0.39');
    expect(f.recommendation).toMatch(/weight_decay is 0/);
    expect(f.recommendation).toMatch(/40 epochs/);
  });

  it('skips diverged runs: trial 4 (val_loss inf) is nan-metrics territory', () => {
    const ids = runDetector(overfitting, seedSampleTable()).map((f) => f.id);
    expect(ids).not.toContain('overfitting:4');
  });

  it('pairs losses by stem across naming styles', () => {
    const table = tableFromColumns({
      run: ['a', 'b'],
      'train/loss': [0.2, 0.2],
      'eval/loss': [0.25, 0.5],
    });
    expect(runDetector(overfitting, table).map((f) => f.id)).toEqual(['overfitting:b']);
  });

  it('scales the accuracy gap for percentages', () => {
    const table = tableFromColumns({
      trial_id: [1, 2, 3],
      train_acc: [95, 99, 90],
      val_acc: [92, 80, 89.95],
    });
    const findings = runDetector(overfitting, table);
    expect(findings.map((f) => f.id)).toEqual(['overfitting:2']);
    expect(findings[0].evidence.at(-1)?.threshold).toBe('≥ 10');
  });

  it('only judges runs with enough budget', () => {
    const table = tableFromColumns({
      trial_id: [1, 2, 3, 4, 5],
      train_loss: [0.3, 0.3, 0.3, 0.3, 0.1],
      val_loss: [0.33, 0.33, 0.33, 0.33, 0.5],
      epochs: [20, 20, 20, 20, 5],
    });
    expect(runDetector(overfitting, table)).toEqual([]);
    const lenient = settingsWith({
      overfitting: { ...DEFAULT_SETTINGS.overfitting, minBudgetFraction: 0.1 },
    });
    expect(runDetector(overfitting, table, lenient).map((f) => f.id)).toEqual(['overfitting:5']);
  });

  it('respects a user threshold', () => {
    const strict = settingsWith({ overfitting: { ...DEFAULT_SETTINGS.overfitting, lossRatio: 6 } });
    const ids = runDetector(overfitting, seedSampleTable(), strict).map((f) => f.id);
    // Trial 3 still fires on its accuracy gap, but no longer on the loss ratio.
    expect(ids).toEqual(['overfitting:3']);
    const [f] = runDetector(overfitting, seedSampleTable(), strict);
    expect(f.evidence.some((e) => e.label === 'val_loss / train_loss')).toBe(false);
  });

  it('stays quiet on healthy gaps and without train/validation pairs', () => {
    const healthy = tableFromColumns({
      trial_id: [1, 2, 3],
      train_loss: [0.3, 0.2, 0.25],
      val_loss: [0.36, 0.25, 0.3],
      train_acc: [0.9, 0.92, 0.91],
      val_acc: [0.88, 0.9, 0.87],
    });
    expect(runDetector(overfitting, healthy)).toEqual([]);
    const unpaired = tableFromColumns({ trial_id: [1, 2], loss: [0.1, 0.9], accuracy: [0.2, 1] });
    expect(runDetector(overfitting, unpaired)).toEqual([]);
  });
});
