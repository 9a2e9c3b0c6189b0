import { describe, expect, it } from 'vitest';
import { collapsedTrials } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps } from './helpers';

type Columns = Parameters<typeof tableFromColumns>[0];
const run = (columns: Columns) => runDetector(collapsedTrials, tableFromColumns(columns));

const COLLAPSE = 0.11250000224977508;
const LINEAR = 0.9062000081231879;

/** The shape of a scikit-learn SVM grid search whose small-gamma RBF models predict one class. */
function svmGrid(): Columns {
  const rows: [string, number, number | null, string | null, number][] = [];
  for (const C of [0.1, 1, 10]) rows.push(['linear', C, null, null, LINEAR]);
  for (const C of [0.1, 1, 10]) {
    for (const degree of [2, 3, 4])
      rows.push(['poly', C, degree, null, 0.95 - 0.03 * degree + 0.01 * C]);
  }
  for (const C of [0.1, 1, 10]) {
    rows.push(['rbf', C, null, 'scale', 0.9184 + 0.004 * C]);
    rows.push(['rbf', C, null, '0.01', COLLAPSE]);
    rows.push(['rbf', C, null, '0.001', COLLAPSE]);
  }
  return {
    param_kernel: rows.map((r) => r[0]),
    param_C: rows.map((r) => r[1]),
    param_degree: rows.map((r) => r[2]),
    param_gamma: rows.map((r) => r[3]),
    mean_test_score: rows.map((r) => r[4]),
  };
}

describe('collapsed-trials', () => {
  it('reports the collapsed RBF group as a warning, tied to the gamma values that produce it', () => {
    const findings = run(svmGrid());
    const collapse = findings.find((f) => f.severity === 'warning');
    expect(collapse?.id).toBe('collapsed-trials:mean_test_score=0.1125');
    expect(collapse?.runIds).toHaveLength(6);
    expect(collapse?.title).toMatch(
      /6 trials collapsed to mean_test_score 0\.1125: every trial with param_gamma ∈ \{0\.001, 0\.01\}/,
    );
    const labels = collapse?.evidence.map((e) => e.label) ?? [];
    expect(labels).toContain('param_kernel (same in all)');
    expect(labels).toContain('param_C (varies, no effect)');
    expect(collapse?.evidence.find((e) => e.label === 'the shared value is')?.value).toMatch(
      /far worse/,
    );
    expect(collapse?.recommendation).toMatch(/\(all with param_kernel = rbf\)/);
  });

  it('reports identical linear-kernel scores for every C as a setting without effect (info)', () => {
    const info = run(svmGrid()).find((f) => f.severity === 'info');
    expect(info?.id).toBe('collapsed-trials:mean_test_score=0.9062');
    expect(info?.title).toMatch(/param_C made no difference with param_kernel = linear/);
    expect(info?.runIds).toHaveLength(3);
  });

  it('calls a tie at chance a collapse even when it is not the worst value', () => {
    const findings = run({
      trial_id: [1, 2, 3, 4, 5, 6],
      num_classes: [10, 10, 10, 10, 10, 10],
      lr: [1, 2, 3, 4, 5, 6],
      val_acc: [0.1, 0.1, 0.1, 0.05, 0.8, 0.85],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].evidence.find((e) => e.label === 'the shared value is')?.value).toMatch(
      /at chance/,
    );
  });

  it('ignores ties of low-precision values that are not failures (0.95 on small folds)', () => {
    expect(
      run({
        C: [1, 2, 3, 4, 5, 6],
        kernel: ['a', 'b', 'a', 'b', 'a', 'b'],
        acc: [0.95, 0.95, 0.95, 0.9, 0.92, 0.93],
      }),
    ).toEqual([]);
  });

  it('needs different configurations and at least minTrials of them', () => {
    // Same config three times: duplicate-results' business.
    expect(run({ lr: [1, 1, 1, 2], val_loss: [COLLAPSE, COLLAPSE, COLLAPSE, 0.5] })).toEqual([]);
    expect(run({ lr: [1, 2, 3, 4], val_loss: [LINEAR, LINEAR, 0.4, 0.5] })).toEqual([]);
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(collapsedTrials)).toEqual([]);
  });
});
