import { describe, expect, it } from 'vitest';
import { duplicateResults } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps } from './helpers';

type Columns = Parameters<typeof tableFromColumns>[0];
const run = (columns: Columns, text: string[] = []) =>
  runDetector(duplicateResults, tableFromColumns(columns, text));

describe('duplicate-results', () => {
  it('finds duplicate MLflow runs: same params and commit, identical metrics, different names', () => {
    const findings = run(
      {
        run_id: ['125f39', 'f2f198', 'a0a0a0'],
        status: ['FINISHED', 'FINISHED', 'FINISHED'],
        'metrics.training_accuracy_score': [
          0.9998639159544935, 0.9998639159544935, 0.9871234567891234,
        ],
        'metrics.training_log_loss': [0.0016667165587887125, 0.0016667165587887125, 0.04123456789],
        'params.max_depth': [null, null, 10],
        'params.random_state': [42, 42, 42],
        'tags.mlflow.runName': ['silent-gull-111', 'powerful-turtle-151', 'odd-fox-3'],
        'tags.mlflow.source.git.commit': ['31560e', '31560e', '31560e'],
      },
      ['run_id', 'tags.mlflow.runName'],
    );
    expect(findings.map((f) => f.id)).toEqual(['duplicate-results:125f39']);
    const [f] = findings;
    expect(f.severity).toBe('warning');
    expect(f.runIds).toEqual(['125f39', 'f2f198']);
    expect(f.title).toMatch(
      /Runs 125f39 and f2f198 are duplicates: same settings, identical results on all 2 metrics/,
    );
    const evidence = Object.fromEntries(f.evidence.map((e) => [e.label, e.value]));
    expect(evidence.hyperparameters).toMatch(/identical in all 2 logged setting columns/);
    expect(evidence['tags.mlflow.source.git.commit']).toBe('31560e in all');
    expect(evidence['differ only in']).toMatch(/tags\.mlflow\.runName/);
    expect(f.recommendation).toMatch(/params\.random_state \(42 in all of them\)/);
  });

  it('says when different seeds give identical results: the seed is not applied', () => {
    const [f] = run({
      lr: [0.1, 0.1, 0.2],
      seed: [1, 2, 1],
      val_loss: [0.31234567891, 0.31234567891, 0.4123456789],
      val_acc: [0.91, 0.91, 0.88],
    });
    expect(f.title).toMatch(/different seeds, identical/);
    expect(f.explanation).toMatch(/seed never reached/);
  });

  it('flags identical results from different configs (overwritten or mis-logged)', () => {
    const [f] = run({
      lr: [0.1, 0.01, 0.2, 0.3],
      batch_size: [32, 64, 32, 64],
      val_loss: [0.31234567891, 0.31234567891, 0.4123456789, 0.5],
      val_acc: [0.91, 0.91, 0.88, 0.8],
    });
    expect(f.runIds).toEqual(['row 1', 'row 2']);
    expect(f.title).toMatch(/different configs, identical/);
    expect(f.evidence.at(-1)?.value).toMatch(/row 1: lr 0\.1, batch_size 32 \| row 2: lr 0\.01/);
  });

  it('ignores ties of low-precision values, k/n accuracies, spreads and empty or broken rows', () => {
    // Short decimals tie by chance.
    expect(run({ lr: [1, 2, 3], val_acc: [0.95, 0.95, 0.9] })).toEqual([]);
    // Accuracies on a 1,495-example set tie by chance too, and a std derived from them is not evidence.
    expect(
      run({
        lr: [1, 2, 3],
        val_acc: [934 / 1495, 934 / 1495, 950 / 1495],
        std_val_acc: [0.0123456789, 0.0123456789, 0.01],
      }),
    ).toEqual([]);
    // Crashed runs (nothing logged) and diverged ones (NaN) are other detectors' business.
    expect(run({ lr: [1, 2, 3, 4], val_loss: [null, null, 'NaN', 'NaN'] })).toEqual([]);
  });

  it('leaves a collapsed group of different configs to collapsed-trials', () => {
    const value = 0.11250000224977508;
    expect(
      run({
        C: [0.1, 1, 10, 0.1, 1],
        kernel: ['rbf', 'rbf', 'rbf', 'linear', 'linear'],
        mean_test_score: [value, value, value, 0.91, 0.93],
      }),
    ).toEqual([]);
  });

  it('flags different configs whose metrics, logged at 4 digits, all tie (overwritten)', () => {
    // 40 trials with distinct 4-digit metrics; trial 31 got trial 8's results.
    const n = 40;
    const digits = (v: number) => Number(v.toPrecision(4));
    const lr = Array.from({ length: n }, (_, i) => digits(1e-4 * 1.17 ** i));
    const layers = Array.from({ length: n }, (_, i) => 1 + (i % 4));
    const trainLoss = lr.map((_, i) => digits(0.1 + 0.0123 * i + 0.00037 * ((i * 7) % 11)));
    const valLoss = trainLoss.map((v, i) => digits(v * 1.1 + 0.0011 * ((i * 5) % 13)));
    const trainAcc = trainLoss.map((v) => digits(1 - v / 2));
    const valAcc = valLoss.map((v) => digits(1 - v / 2.1));
    for (const metric of [trainLoss, valLoss, trainAcc, valAcc]) metric[30] = metric[7];
    const columns = { lr, layers, train_loss: trainLoss, val_loss: valLoss };
    const findings = run({ ...columns, train_acc: trainAcc, val_acc: valAcc });
    expect(findings.map((f) => f.runIds)).toEqual([['row 8', 'row 31']]);
    expect(findings[0].title).toMatch(/different configs, identical results on all 4 metrics/);
    // Two metrics at 4 digits are not enough evidence on their own.
    expect(run(columns)).toEqual([]);
    // Nor are three metrics whose values repeat often anyway (few distinct values).
    const coarse = (i: number) => [0.9, 0.8, 0.7][i % 3];
    expect(
      run({
        lr,
        a: lr.map((_, i) => coarse(i)),
        b: lr.map((_, i) => coarse(i) / 2),
        c: lr.map((_, i) => coarse(i) / 4),
      }),
    ).toEqual([]);
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(duplicateResults)).toEqual([]);
  });
});
