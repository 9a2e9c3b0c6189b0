import { describe, expect, it } from 'vitest';
import { flatSweep } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps, rng } from './helpers';

type Columns = Parameters<typeof tableFromColumns>[0];
const run = (columns: Columns) => runDetector(flatSweep, tableFromColumns(columns));

describe('flat-sweep', () => {
  it('infers the eval-set size from full-precision accuracies and finds differences within noise', () => {
    const findings = run({
      learning_rate: [1e-5, 5e-5, 1e-4],
      accuracy: [0.6247491638795987, 0.6367892976588628, 0.620066889632107],
      macro_f1: [0.6167354119137874, 0.6196354184259159, 0.607149412105739],
    });
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['flat-sweep:sweep', 'warning']]);
    const [f] = findings;
    expect(f.evidence.find((e) => e.label === 'eval-set size')).toMatchObject({ value: '1495' });
    expect(Number(f.evidence.at(-1)?.value)).toBeLessThan(2);
    // How big an eval set would resolve the difference.
    expect(f.recommendation).toMatch(
      /about [\d,]+ examples to resolve a 0\.0167 difference, now 1,495/,
    );
  });

  it('uses an eval-size column when there is one', () => {
    const [f] = run({
      lr: [1, 2, 3, 4],
      n_eval_samples: [200, 200, 200, 200],
      val_acc: [0.8, 0.82, 0.79, 0.81],
    });
    expect(f.severity).toBe('warning');
    expect(f.evidence.find((e) => e.label === 'eval-set size')?.threshold).toBe(
      'column n_eval_samples',
    );
  });

  it('uses std_test_score / √folds for scikit-learn results', () => {
    const columns: Columns = {
      param_C: [0.1, 1, 10],
      split0_test_score: [0.9, 0.92, 0.91],
      split1_test_score: [0.93, 0.9, 0.92],
      split2_test_score: [0.91, 0.93, 0.9],
      mean_test_score: [0.9133, 0.9167, 0.91],
      std_test_score: [0.0125, 0.0125, 0.0082],
    };
    const [f] = run(columns);
    expect(f.severity).toBe('warning');
    expect(f.title).toMatch(/noise: std_test_score \/ √3/);
    expect(run({ ...columns, mean_test_score: [0.7, 0.85, 0.95] })).toEqual([]);
  });

  it('uses seed replicates when configs were repeated', () => {
    const random = rng(2);
    const lr = [1, 1, 1, 2, 2, 2, 3, 3, 3];
    const [f] = run({
      lr,
      seed: lr.map((_, i) => i % 3),
      val_loss: lr.map(() => 0.5 + 0.05 * random()),
    });
    expect(f.title).toMatch(/seed replicates/);
  });

  it('falls back to a relative spread (of the error rate for accuracies), as info', () => {
    const [f] = run({ lr: [1, 2, 3], val_loss: [0.5, 0.51, 0.505] });
    expect(f.severity).toBe('info');
    // 0.97 vs 0.99 accuracy is a 3× difference in errors: not flat.
    expect(run({ lr: [1, 2, 3], val_acc: [0.97, 0.98, 0.99] })).toEqual([]);
    expect(run({ lr: [1, 2, 3], val_acc: [0.6, 0.605, 0.61] })[0].title).toMatch(/error rate/);
  });

  it('without a noise estimate, lets rank tests speak only when the spread is modest', () => {
    const random = rng(5);
    const lr = Array.from({ length: 50 }, (_, i) => 1 + i);
    const noise = lr.map(() => random() - 0.5);
    // No hyperparameter matters and the losses are within 20% of each other: flat.
    const [f] = run({ lr, val_loss: noise.map((e) => 0.16 + 0.03 * e) });
    expect(f.title).toMatch(/no hyperparameter is associated/);
    // The same ranks with losses 0.1–0.9 apart: an effect rank tests cannot see, not noise.
    expect(run({ lr, val_loss: noise.map((e) => 0.5 + 0.8 * e) })).toEqual([]);
  });

  it('needs three configs and a hyperparameter', () => {
    expect(run({ lr: [1, 2], val_loss: [0.5, 0.5001] })).toEqual([]);
    expect(run({ val_loss: [0.5, 0.5001, 0.5002] })).toEqual([]);
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(flatSweep)).toEqual([]);
  });
});
