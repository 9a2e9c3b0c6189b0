import { describe, expect, it } from 'vitest';
import { DEFAULT_FOREST, fanova, type Feature } from '../../../../src/lib/analysis/stats/forest';
import { featureOf, MAX_BINS } from '../../../../src/lib/analysis/stats/features';
import { analyzeTable, tableFromColumns } from '../table-helper';
import { oneDriverSweep } from './sweeps';

/** A feature of `levels` equally frequent levels, level = row % levels (or a given array). */
function feature(kind: Feature['kind'], codes: number[], levels: number): Feature {
  const counts = new Float64Array(levels);
  for (const c of codes) counts[c]++;
  return {
    kind,
    codes: Uint16Array.from(codes),
    levels,
    weights: counts.map((c) => c / codes.length),
  };
}

describe('fANOVA decomposition', () => {
  // A full 8 × 8 grid, each cell twice: the hyperparameters are exactly independent.
  const a = Array.from({ length: 128 }, (_, i) => i % 8);
  const b = Array.from({ length: 128 }, (_, i) => Math.floor(i / 8) % 8);
  // One tree on all rows, every feature tried: the tree reproduces the function exactly, so the
  // decomposition must give the analytic variance shares.
  const exact = { ...DEFAULT_FOREST, trees: 1, bootstrap: false, featureFraction: 1 };

  it('gives all the variance to the one hyperparameter the metric depends on', () => {
    const y = Float64Array.from(a, (x) => (x - 3.5) ** 2);
    const features = [feature('ordered', a, 8), feature('nominal', b, 8)];
    const r = fanova(features, y, exact);
    expect(r.mainEffects[0]).toBeCloseTo(1, 10);
    expect(r.mainEffects[1]).toBeCloseTo(0, 10);
    // The default forest (bootstrap, random feature subsets) still puts it far ahead.
    const forest = fanova(features, y);
    expect(forest.mainEffects[0]).toBeGreaterThan(0.6);
    expect(forest.mainEffects[1]).toBeLessThan(0.05);
  });

  it('splits an additive function by the variance of each term', () => {
    // Var(3a) = 9·Var(a), Var(b) = Var(a): shares 0.9 and 0.1, no interaction.
    const y = Float64Array.from(a, (x, i) => 3 * x + b[i]);
    const r = fanova([feature('ordered', a, 8), feature('ordered', b, 8)], y, exact);
    expect(r.mainEffects[0]).toBeCloseTo(0.9, 10);
    expect(r.mainEffects[1]).toBeCloseTo(0.1, 10);
    expect(r.interactions).toBeCloseTo(0, 10);
  });

  it('separates main effects from the interaction of a product', () => {
    // y = a·b, a and b uniform on 0…7: Var = 17.5² − 12.25² = 156.1875; each main effect
    // 3.5²·5.25 = 64.3125 (0.41176…), the interaction the remaining 0.17647…
    const y = Float64Array.from(a, (x, i) => x * b[i]);
    const r = fanova([feature('nominal', a, 8), feature('ordered', b, 8)], y, exact);
    expect(r.mainEffects[0]).toBeCloseTo(64.3125 / 156.1875, 10);
    expect(r.mainEffects[1]).toBeCloseTo(64.3125 / 156.1875, 10);
    expect(r.interactions).toBeCloseTo(1 - (2 * 64.3125) / 156.1875, 10);
  });

  it('weights levels by how often the sweep tried them', () => {
    // a = 0 in 3 of 4 trials: Var(y = a) = 0.1875, all of it a's main effect.
    const codes = [0, 0, 0, 1, 0, 0, 0, 1];
    const y = Float64Array.from(codes);
    const r = fanova([feature('ordered', codes, 2)], y, { ...exact, minLeaf: 1 });
    expect(r.mainEffects[0]).toBeCloseTo(1, 10);
  });

  it('is deterministic and returns zeros without features or variance', () => {
    const y = Float64Array.from(a, (x, i) => x * b[i]);
    const features = [feature('ordered', a, 8), feature('ordered', b, 8)];
    expect(fanova(features, y)).toEqual(fanova(features, y));
    expect(fanova([], y).mainEffects).toEqual([]);
    expect(fanova(features, new Float64Array(128)).trees).toBe(0);
  });
});

describe('featureOf', () => {
  it('bins numbers at quantiles, keeps grids by value and missing cells apart', () => {
    const many = tableFromColumns({ x: Array.from({ length: 1000 }, (_, i) => i ** 2) });
    const rows = Int32Array.from({ length: 1000 }, (_, i) => i);
    const f = featureOf(many.columns[0], rows);
    expect(f?.kind).toBe('ordered');
    expect(f?.levels).toBe(MAX_BINS);
    const grid = tableFromColumns({ x: [16, 32, null, 16, 64, 'NaN'] });
    const g = featureOf(grid.columns[0], Int32Array.from([0, 1, 2, 3, 4, 5]));
    expect(g?.levels).toBe(4); // 16, 32, 64, missing
    expect(Array.from(g?.codes ?? [])).toEqual([0, 1, 3, 0, 2, 3]);
    expect(Array.from(g?.weights ?? [])).toEqual([2 / 6, 1 / 6, 1 / 6, 2 / 6]);
  });

  it('leaves out constant and id-like hyperparameters', () => {
    const t = tableFromColumns({ c: [1, 1, 1, 1], id: ['a', 'b', 'c', 'd'] });
    const rows = Int32Array.from([0, 1, 2, 3]);
    expect(featureOf(t.columns[0], rows)).toBeNull();
    const ids = tableFromColumns({
      id: Array.from({ length: 20 }, (_, i) => `run-${i}`),
    });
    expect(
      featureOf(
        ids.columns[0],
        Int32Array.from({ length: 20 }, (_, i) => i),
      ),
    ).toBeNull();
  });
});

describe('importance in an analysis', () => {
  it('ranks the one hyperparameter that drives the metric first in ≥ 95% of 50 seeds', () => {
    let first = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const summary = analyzeTable(oneDriverSweep(seed, 50, 0.25));
      expect(summary.importance?.params).toHaveLength(5);
      if (summary.importance?.params[0].param === 'lr') first++;
    }
    // Measured: 50 of 50.
    expect(first / 50).toBeGreaterThanOrEqual(0.95);
  });

  it('describes the method and the metric, and sums to at most 1 with interactions', () => {
    const summary = analyzeTable(oneDriverSweep(3, 50, 0.25));
    const imp = summary.importance;
    expect(imp?.metric).toBe('val_loss');
    expect(imp?.trials).toBe(50);
    expect(imp?.method).toMatch(/^fANOVA main effects of a random forest/);
    const total = (imp?.params ?? []).reduce((s, p) => s + p.importance, 0);
    expect(total + (imp?.interactions ?? 0)).toBeCloseTo(1, 10);
    expect(imp?.params[0]).toMatchObject({ param: 'lr' });
    expect(imp?.params[0].importance).toBeGreaterThan(0.3);
  });

  it('is not computed from fewer than 10 finished trials', () => {
    const summary = analyzeTable(oneDriverSweep(3, 9, 0.25));
    expect(summary.importance).toBeNull();
    expect(summary.dataQuality.join(' ')).toMatch(/importance needs at least 10/);
  });
});
