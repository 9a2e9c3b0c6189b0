import { describe, expect, it } from 'vitest';
import { metricOutOfRange } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps } from './helpers';

const run = (columns: Parameters<typeof tableFromColumns>[0]) =>
  runDetector(metricOutOfRange, tableFromColumns(columns));

describe('metric-out-of-range', () => {
  it('flags accuracies above 1 on a fraction scale, with the scale in the evidence', () => {
    const findings = run({
      trial_id: [1, 2, 3, 4],
      lr: [0.1, 0.01, 0.001, 0.0001],
      val_acc: [0.81, 1.5, 0.86, 0.9],
    });
    expect(findings.map((f) => f.id)).toEqual(['metric-out-of-range:2']);
    expect(findings[0].severity).toBe('critical');
    expect(findings[0].evidence[0]).toMatchObject({ label: 'val_acc', value: '1.5' });
    expect(findings[0].evidence[0].threshold).toMatch(/outside \[0, 1\].*fraction/);
  });

  it('reads a percent scale from the values: 85 is fine, 104 and -3 are not', () => {
    const findings = run({
      trial_id: [1, 2, 3, 4],
      test_accuracy: [85, 104, 90, -3],
      test_f1: [80, 82, 81, 79],
    });
    expect(findings.map((f) => f.id)).toEqual(['metric-out-of-range:2', 'metric-out-of-range:4']);
    expect(findings[0].evidence[0].threshold).toMatch(/\[0, 100\]/);
  });

  it('flags negative cross-entropy (critical), perplexity < 1 (critical), a negative generic loss (warning)', () => {
    const findings = run({
      trial_id: [1, 2, 3, 4],
      val_nll: [0.5, -0.2, 0.4, 0.3],
      val_perplexity: [1.6, 1.5, 0.8, 1.4],
      gan_loss: [0.3, 0.2, 0.1, -0.5],
    });
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['metric-out-of-range:2', 'critical'],
      ['metric-out-of-range:3', 'critical'],
      ['metric-out-of-range:4', 'warning'],
    ]);
    expect(findings[2].explanation).toMatch(/GAN/);
  });

  it('merges every bad value of a run into one finding', () => {
    const findings = run({
      trial_id: [1, 2, 3],
      val_acc: [0.8, 1.2, 0.9],
      val_loss: [0.4, -0.1, 0.3],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.map((e) => e.label)).toEqual(['val_acc', 'val_loss']);
    expect(findings[0].severity).toBe('critical');
  });

  it('leaves NaN and infinity to nan-metrics, and float rounding alone', () => {
    expect(run({ val_acc: ['NaN', 'inf', 1.0000000001, 0], val_loss: [0, 1, 2, 'inf'] })).toEqual(
      [],
    );
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(metricOutOfRange)).toEqual([]);
  });
});
