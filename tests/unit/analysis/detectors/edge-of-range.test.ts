import { describe, expect, it } from 'vitest';
import { edgeOfRange } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps, rng } from './helpers';

/** 40 trials, lr log-uniform in [1e-5, 1e-2]; val_loss falls with lr (best at the top). */
function risingToTheEdge(seed: number) {
  const random = rng(seed);
  const lr: number[] = [];
  const batch: number[] = [];
  const loss: number[] = [];
  for (let i = 0; i < 40; i++) {
    const x = random();
    lr.push(Number((10 ** (-5 + 3 * x)).toPrecision(3)));
    batch.push([16, 32, 64, 128][Math.floor(random() * 4)]);
    loss.push(Number((1 - 0.6 * x + 0.05 * random()).toPrecision(4)));
  }
  return tableFromColumns({
    trial_id: lr.map((_, i) => i + 1),
    lr,
    batch_size: batch,
    val_loss: loss,
  });
}

describe('edge-of-range', () => {
  it('finds the best trials at the top of the lr range and suggests values beyond it', () => {
    for (const seed of [1, 2, 3]) {
      const findings = runDetector(edgeOfRange, risingToTheEdge(seed));
      expect(
        findings.map((f) => f.id),
        `seed ${seed}`,
      ).toEqual(['edge-of-range:lr']);
      const [f] = findings;
      expect(f.severity).toBe('warning');
      expect(f.title).toMatch(/4 of the 4 best trials sit at the top of the lr range/);
      expect(f.evidence[0].value).toMatch(/log scale/);
      expect(f.recommendation).toMatch(/Extend lr above/);
    }
  });

  it('finds a grid edge: the best trials all at the smallest batch size', () => {
    const random = rng(5);
    const batch: number[] = [];
    const dropout: number[] = [];
    const acc: number[] = [];
    for (let i = 0; i < 32; i++) {
      const b = [16, 32, 64, 128][i % 4];
      batch.push(b);
      dropout.push(0.05 * Math.floor(i / 4));
      acc.push(Number((0.9 - 0.02 * Math.log2(b / 16) + 0.01 * random()).toPrecision(4)));
    }
    const [f] = runDetector(
      edgeOfRange,
      tableFromColumns({ batch_size: batch, dropout, val_acc: acc }),
    );
    expect(f.id).toBe('edge-of-range:batch_size');
    expect(f.title).toMatch(/bottom of the batch_size range \(batch_size = 16\)/);
    expect(f.recommendation).toMatch(/try 8 and 4/);
  });

  it('is quiet when the optimum is inside the range, and on small sweeps', () => {
    const random = rng(9);
    const lr: number[] = [];
    const loss: number[] = [];
    for (let i = 0; i < 40; i++) {
      const x = random();
      lr.push(10 ** (-5 + 3 * x));
      loss.push((x - 0.5) ** 2 + 0.01 * random());
    }
    expect(runDetector(edgeOfRange, tableFromColumns({ lr, val_loss: loss }))).toEqual([]);
    expect(
      runDetector(
        edgeOfRange,
        tableFromColumns({ lr: [1, 2, 3, 4, 5], val_loss: [5, 4, 3, 2, 1] }),
      ),
    ).toEqual([]);
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(edgeOfRange)).toEqual([]);
  });
});
