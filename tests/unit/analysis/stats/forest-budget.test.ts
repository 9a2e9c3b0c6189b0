/**
 * The forest's work budget (issue 9): importance of real-sized sweeps is what it was before the
 * budget, and the work on wide pathological tables is bounded, counted in row visits and split
 * evaluations (never time).
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FOREST,
  fanova,
  MIN_SAMPLE,
  sampleSize,
  type Feature,
  type ForestCounter,
} from '../../../../src/lib/analysis/stats/forest';
import { featureOf } from '../../../../src/lib/analysis/stats/features';
import { mulberry32 } from '../../../../src/lib/analysis/stats/random';
import { generatePlantedSweep } from '../../../../src/lib/fixtures';
import { analyzeTable, tableFromCsv } from '../table-helper';
import { oneDriverSweep } from './sweeps';

const counter = (): ForestCounter => ({ rowVisits: 0, splitEvaluations: 0 });
const unlimited = { ...DEFAULT_FOREST, workBudget: Infinity };

/** `p` random features of up to `levels` levels over `n` rows (odd ones nominal), y = noise. */
function wideTable(seed: number, n: number, p: number, levels: number) {
  const random = mulberry32(seed);
  const features: Feature[] = Array.from({ length: p }, (_, j) => {
    const count = 2 + Math.floor(random() * (levels - 1));
    const codes = Uint16Array.from({ length: n }, () => Math.floor(random() * count));
    const weights = new Float64Array(count);
    for (const c of codes) weights[c] += 1 / n;
    return { kind: j % 2 ? 'nominal' : 'ordered', codes, levels: count, weights };
  });
  return { features, y: Float64Array.from({ length: n }, () => random()) };
}

describe('forest work budget', () => {
  it('leaves the importance of the planted sweeps as it was before the budget', () => {
    // Measured with the forest before the budget and the split into files (same seeds).
    const before: Record<number, [string, number][]> = {
      1: [
        ['lr', 0.289302629646],
        ['weight_decay', 0.232750055122],
        ['batch_size', 0.039698288996],
      ],
      7: [
        ['lr', 0.252362915677],
        ['weight_decay', 0.220749956535],
        ['batch_size', 0.132399442384],
      ],
      42: [
        ['lr', 0.421825737547],
        ['weight_decay', 0.172837981989],
        ['batch_size', 0.048817009447],
      ],
    };
    for (const [seed, expected] of Object.entries(before)) {
      const summary = analyzeTable(tableFromCsv(generatePlantedSweep(Number(seed), 60).csv));
      const params = summary.importance?.params ?? [];
      expect(params.map((p) => p.param)).toEqual(expected.map(([name]) => name));
      params.forEach((p, i) => expect(p.importance).toBeCloseTo(expected[i][1], 9));
    }
  });

  it('keeps the one-driver sweeps of 1,000 and 3,000 trials exactly as before', () => {
    const big = analyzeTable(oneDriverSweep(4, 3000, 0.25)).importance?.params ?? [];
    expect(big.map((p) => p.param)).toEqual([
      'lr',
      'weight_decay',
      'dropout',
      'batch_size',
      'optimizer',
    ]);
    expect(big[0].importance).toBeCloseTo(0.71994747013, 9);
    const mid = analyzeTable(oneDriverSweep(3, 1000, 0.25)).importance?.params ?? [];
    expect(mid[0]).toMatchObject({ param: 'lr' });
    expect(mid[0].importance).toBeCloseTo(0.694718332647, 9);
  });

  it('does not bind on sweeps of up to 1,000 trials and a dozen hyperparameters', () => {
    const { features, y } = wideTable(1, 1000, 12, 64);
    const used = counter();
    const budgeted = fanova(features, y, DEFAULT_FOREST, used);
    expect(fanova(features, y, unlimited)).toEqual(budgeted);
    expect(used.rowVisits).toBeLessThan(DEFAULT_FOREST.workBudget / 2);
  });

  it('bounds row visits and split evaluations on a wide pathological table', () => {
    const { features, y } = wideTable(2, 600, 40, 256);
    const options = { ...DEFAULT_FOREST, workBudget: 500_000 };
    const free = counter();
    fanova(features, y, { ...options, workBudget: Infinity }, free);
    // Without the budget the same forest does several times the work: the bound binds.
    expect(free.rowVisits).toBeGreaterThan(3 * options.workBudget);
    const used = counter();
    const r = fanova(features, y, options, used);
    expect(used.rowVisits).toBeGreaterThan(0);
    expect(used.rowVisits).toBeLessThanOrEqual(options.workBudget);
    // Each threshold scored needs a level present at the node, hence a row visited.
    expect(used.splitEvaluations).toBeLessThanOrEqual(used.rowVisits);
    expect(r.mainEffects).toHaveLength(40);
    for (const m of r.mainEffects) expect(m).toBeGreaterThanOrEqual(0);
  });

  it('caps each tree even without bootstrap (all rows, every feature tried)', () => {
    const { features, y } = wideTable(3, 600, 30, 64);
    const options = {
      ...DEFAULT_FOREST,
      trees: 4,
      bootstrap: false,
      featureFraction: 1,
      workBudget: 40_000,
    };
    const used = counter();
    const r = fanova(features, y, options, used);
    expect(used.rowVisits).toBeLessThanOrEqual(options.workBudget);
    // The root alone scans 600 rows × 30 features = 18,000 visits, so every tree splits at least once.
    expect(r.trees).toBe(4);
  });

  it('does not scan a feature the path has pinned to one level', () => {
    // y = a + b/2 over a 2 × 2 grid, 32 rows per cell; one exact tree trying both features.
    const a = Array.from({ length: 128 }, (_, i) => i % 2);
    const b = Array.from({ length: 128 }, (_, i) => Math.floor(i / 2) % 2);
    const half = Float64Array.from([0.5, 0.5]);
    const features: Feature[] = [
      { kind: 'ordered', codes: Uint16Array.from(a), levels: 2, weights: half },
      { kind: 'nominal', codes: Uint16Array.from(b), levels: 2, weights: half },
    ];
    const y = Float64Array.from(a, (x, i) => x + b[i] / 2);
    const exact = { ...DEFAULT_FOREST, trees: 1, bootstrap: false, featureFraction: 1 };
    const used = counter();
    const r = fanova(features, y, exact, used);
    // Root: 128 rows × 2 features, split on a. Each child (64 rows): a is pinned, only b is
    // scanned; the grandchildren are pure leaves. Scanning a again would make it 512.
    expect(used.rowVisits).toBe(128 * 2 + 64 + 64);
    expect(r.mainEffects[0]).toBeCloseTo(0.8, 10);
    expect(r.mainEffects[1]).toBeCloseTo(0.2, 10);
  });

  it('shrinks the bootstrap sample with the number of features, never below MIN_SAMPLE', () => {
    const perTree = DEFAULT_FOREST.workBudget / DEFAULT_FOREST.trees;
    expect(sampleSize(300, 5, perTree, DEFAULT_FOREST)).toBe(300);
    expect(sampleSize(50_000, 6, perTree, DEFAULT_FOREST)).toBe(DEFAULT_FOREST.sampleSize);
    const wide = sampleSize(50_000, 100, perTree, DEFAULT_FOREST);
    expect(wide).toBeLessThan(DEFAULT_FOREST.sampleSize);
    expect(wide * 60 * (DEFAULT_FOREST.maxDepth + 1)).toBeLessThanOrEqual(perTree);
    expect(sampleSize(50_000, 5000, perTree, DEFAULT_FOREST)).toBe(MIN_SAMPLE);
  });

  it('still ranks the driver first when the budget shrinks every tree to 200 rows', () => {
    const names = ['lr', 'batch_size', 'dropout', 'optimizer', 'weight_decay'];
    // 3 features tried × 11 levels of depth × 200 rows per tree, for 48 trees.
    const options = { ...DEFAULT_FOREST, workBudget: 200 * 3 * 11 * 48 };
    expect(sampleSize(1000, 5, options.workBudget / options.trees, options)).toBe(200);
    for (let seed = 1; seed <= 10; seed++) {
      const table = oneDriverSweep(seed, 1000, 0.25);
      const rows = Int32Array.from({ length: 1000 }, (_, i) => i);
      const column = (name: string) => table.columns.find((c) => c.name === name);
      const features = names.map((name) => featureOf(column(name)!, rows)!);
      const metric = column('val_loss');
      if (metric?.kind !== 'number') throw new Error('val_loss is numeric');
      const r = fanova(features, metric.values, options);
      const top = r.mainEffects.indexOf(Math.max(...r.mainEffects));
      expect(names[top]).toBe('lr');
    }
  });
});
