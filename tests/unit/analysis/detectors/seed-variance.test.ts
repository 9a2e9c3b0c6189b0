import { describe, expect, it } from 'vitest';
import { seedVariance } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps, rng } from './helpers';

/** `configs` learning rates × `seeds` seeds; val_acc = effect(lr) + seed noise. */
function seeded(effect: number, noise: number, configs = 4, seeds = 3) {
  const random = rng(7);
  const lr: number[] = [];
  const seed: number[] = [];
  const acc: number[] = [];
  for (let c = 0; c < configs; c++) {
    for (let s = 0; s < seeds; s++) {
      lr.push(10 ** -(c + 2));
      seed.push(s);
      acc.push(0.7 + effect * c + noise * (random() - 0.5));
    }
  }
  return tableFromColumns({ lr, seed, val_acc: acc });
}

describe('seed-variance', () => {
  it('reports the seed spread and that configs differ by more (info)', () => {
    const [f] = runDetector(seedVariance, seeded(0.05, 0.01));
    expect(f.id).toBe('seed-variance:sweep');
    expect(f.severity).toBe('info');
    expect(f.runIds).toHaveLength(12);
    const ratio = Number(f.evidence.find((e) => e.label === 'between / within')?.value);
    expect(ratio).toBeGreaterThan(2);
    expect(f.explanation).toMatch(/the seed \(seed\)/);
  });

  it('warns when configs differ less than seeds do', () => {
    const [f] = runDetector(seedVariance, seeded(0.002, 0.05));
    expect(f.severity).toBe('warning');
    expect(f.title).toMatch(/Configs differ less than seeds do/);
    expect(Number(f.evidence.find((e) => e.label === 'between / within')?.value)).toBeLessThan(2);
  });

  it('says a run is not deterministic when identical configs differ without a seed column', () => {
    const [f] = runDetector(
      seedVariance,
      tableFromColumns({ lr: [1, 1, 1, 2, 2, 2], val_loss: [0.5, 0.52, 0.49, 0.7, 0.71, 0.69] }),
    );
    expect(f.explanation).toMatch(/not deterministic/);
  });

  it('ignores one accidental repeat in a random search and identical replicates', () => {
    expect(
      runDetector(
        seedVariance,
        tableFromColumns({ lr: [1, 1, 2, 3, 4], val_loss: [0.5, 0.6, 0.7, 0.2, 0.3] }),
      ),
    ).toEqual([]);
    expect(
      runDetector(
        seedVariance,
        tableFromColumns({ lr: [1, 1, 1, 2], val_loss: [0.5, 0.5, 0.5, 0.3] }),
      ),
    ).toEqual([]);
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(seedVariance)).toEqual([]);
  });
});
