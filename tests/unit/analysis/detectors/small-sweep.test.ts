import { describe, expect, it } from 'vitest';
import { smallSweep } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps } from './helpers';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('small-sweep', () => {
  it('warns below five trials (Optuna study with 3 trials)', () => {
    const findings = runDetector(
      smallSweep,
      tableFromColumns({
        number: [0, 1, 2],
        value: [0.9998, 0.9987, 1],
        params_batch_size: [4, 8, 4],
        params_learning_rate: [3.5e-6, 3.4e-5, 2.3e-6],
      }),
    );
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['small-sweep:sweep', 'warning']]);
    expect(findings[0].runIds).toEqual(['0', '1', '2']);
    expect(findings[0].evidence[0].threshold).toBe('< 5 (minimum)');
  });

  it('notes 20 trials over 5 hyperparameters as too few to separate their effects (info)', () => {
    const n = 20;
    const [f] = runDetector(
      smallSweep,
      tableFromColumns({
        a: range(n),
        b: range(n).map((i) => i % 3),
        c: range(n).map((i) => i * 2),
        d: range(n).map((i) => i % 5),
        e: range(n).map((i) => (i % 2 ? 'x' : 'y')),
        value: range(n).map((i) => 100 + i),
      }),
    );
    expect(f.severity).toBe('info');
    expect(f.title).toMatch(/20 trials for 5 hyperparameters .*about 50 needed/);
    expect(f.recommendation).toMatch(/Run 30 more trials/);
  });

  it('counts failed trials, ignores seeds, and needs metrics and hyperparameters', () => {
    const table = (n: number) =>
      tableFromColumns({
        lr: range(n),
        seed: range(n),
        val_loss: range(n).map((i) => (i % 2 ? 'NaN' : i)),
      });
    expect(runDetector(smallSweep, table(10))).toEqual([]);
    expect(runDetector(smallSweep, table(9)).map((f) => f.severity)).toEqual(['info']);
    expect(runDetector(smallSweep, tableFromColumns({ val_loss: [1, 2] }))).toEqual([]);
    expect(runDetector(smallSweep, tableFromColumns({ lr: [1, 2] }))).toEqual([]);
  });

  it('stays quiet on healthy and planted sweeps (40 and 60 trials over 3 hyperparameters)', () => {
    expect(findingsOnGeneratedSweeps(smallSweep)).toEqual([]);
  });
});
