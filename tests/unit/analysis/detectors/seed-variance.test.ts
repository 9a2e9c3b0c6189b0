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
  it('stays quiet when seeds agree and configs differ by more than the seed noise', () => {
    expect(runDetector(seedVariance, seeded(0.05, 0.01))).toEqual([]);
  });

  it('names the one config whose seeds disagree, without a sweep-wide warning', () => {
    const table = seeded(0.05, 0.01, 8, 3);
    const acc = table.columns.find((c) => c.name === 'val_acc');
    if (!acc || acc.kind !== 'number') throw new Error('no val_acc');
    // Config 5 (rows 15–17): one seed collapses.
    acc.values[16] -= 0.25;
    const findings = runDetector(seedVariance, table);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.severity).toBe('warning');
    expect(f.id).not.toBe('seed-variance:sweep');
    expect(f.rows).toEqual([15, 16, 17]);
    expect(f.title).toMatch(/Seeds disagree on one config \(lr /);
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
      tableFromColumns({
        lr: [1, 1, 1, 2, 2, 2, 3, 3, 3],
        val_loss: [0.5, 0.6, 0.45, 0.55, 0.47, 0.6, 0.52, 0.44, 0.58],
      }),
    );
    expect(f.severity).toBe('warning');
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
