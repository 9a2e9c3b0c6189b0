/**
 * fANOVA-style hyperparameter importance (Hutter, Hoos & Leyton-Brown, "An Efficient Approach for
 * Assessing Hyperparameter Importance", ICML 2014) over a small random forest implemented here.
 *
 * 1. Features. Every hyperparameter becomes a discrete feature: numbers are cut into at most
 *    64 bins at their quantiles (one bin per value when there are fewer distinct values), so a
 *    split is "bin ≤ t" and log-scaled parameters need no transform; categories keep one level per
 *    value. A missing value is a level of its own. Each level carries its share of the trials:
 *    the measure the decomposition integrates over is the sweep's own marginal distribution of
 *    each hyperparameter (taken as independent, as in fANOVA).
 * 2. Forest. `trees` regression trees (CART, squared error), each grown on a bootstrap sample
 *    (at most `sampleSize` rows, so 100,000 trials cost what a few thousand do) with a random
 *    subset of the features tried at every node. Numeric splits scan the bins in order;
 *    categorical splits order the levels by their mean target (optimal for squared error, as in
 *    Breiman et al.) and scan that order. Levels absent from a node follow its larger child.
 * 3. Decomposition. A tree is a piecewise-constant function over boxes. Its mean μ and variance
 *    V integrate over the leaves (box volume = product of the level shares it covers). The main
 *    effect of hyperparameter j at level c is the average prediction over all other
 *    hyperparameters, f_j(c) = Σ_{leaves ∋ c} value · volume / share_j(leaf); its variance
 *    V_j = Σ_c share(c)·(f_j(c) − μ)². The importance of j is V_j / V, averaged over the trees
 *    whose V > 0. Main effects sum to at most 1; the rest is interactions.
 *
 * Work is bounded by a budget counted in row visits (one row histogrammed for one feature at
 * one node), never by time, so results stay deterministic: each tree's bootstrap sample shrinks
 * until a typical tree fits its share of the budget, and a tree that still reaches its share stops
 * splitting (forest-tree.ts). The default budget is far above what sweeps of up to 1,000 trials
 * and a few dozen hyperparameters need, so it only binds on wide pathological tables.
 *
 * Everything is deterministic for a given seed (mulberry32).
 */
import { prefixSums, TreeEffects } from './forest-effects';
import { TreeBuilder } from './forest-tree';
import { mulberry32 } from './random';

export interface Feature {
  kind: 'ordered' | 'nominal';
  /** Level per row, 0 … levels − 1. */
  codes: Uint16Array;
  levels: number;
  /** Share of the rows at each level (sums to 1). */
  weights: Float64Array;
}

export interface ForestOptions {
  trees: number;
  /** Rows drawn (with replacement) for each tree: the whole sweep when it is smaller. */
  sampleSize: number;
  minLeaf: number;
  maxDepth: number;
  /**
   * Share of the features tried at each node (at least one); when none of them can split the
   * node, the others are tried too (as scikit-learn does), so a tree never stops early.
   */
  featureFraction: number;
  /** Bootstrap rows for each tree (true), or fit every tree on all rows (exact, for tests). */
  bootstrap: boolean;
  seed: number;
  /** Row visits the whole forest may spend (split equally between the trees). */
  workBudget: number;
}

/**
 * Sized for big sweeps too: importance is fitted on at most MAX_STAT_TRIALS (10,000) trials, a
 * fixed subsample (stats/sweep.ts), and each tree on a bootstrap of at most 1,000 of them, so a
 * 100,000-trial sweep with a dozen hyperparameters costs what a 1,000-trial one does: at most
 * 48 × 1,000 rows × 7 features tried × 11 levels ≈ 3.7 M row visits (50–100 ms in a browser
 * worker), well inside the 12 M budget, which only binds on wide tables.
 */
export const DEFAULT_FOREST: ForestOptions = {
  trees: 48,
  sampleSize: 1000,
  minLeaf: 2,
  maxDepth: 10,
  featureFraction: 0.6,
  bootstrap: true,
  seed: 20140621,
  workBudget: 12_000_000,
};

/** The smallest bootstrap sample the budget may shrink a tree to. */
export const MIN_SAMPLE = 64;

/** Work done, for tests and benchmarks: adds to whatever the counter holds. */
export interface ForestCounter {
  /** Rows histogrammed, one per row per feature scanned at a node. */
  rowVisits: number;
  /** Thresholds scored (between consecutive levels present at a node). */
  splitEvaluations: number;
}

export interface FanovaResult {
  /** Fraction of the forest's variance explained by each feature alone, in feature order. */
  mainEffects: number[];
  /** 1 − Σ main effects: variance explained only by interactions. */
  interactions: number;
  /** Trees that contributed (those with non-constant predictions). */
  trees: number;
}

export function fanova(
  features: Feature[],
  y: Float64Array,
  options: ForestOptions = DEFAULT_FOREST,
  counter: ForestCounter = { rowVisits: 0, splitEvaluations: 0 },
): FanovaResult {
  const p = features.length;
  const n = y.length;
  const sums = new Float64Array(p);
  let used = 0;
  if (p === 0 || n < 2 * options.minLeaf) {
    return { mainEffects: Array.from(sums), interactions: 0, trees: 0 };
  }
  const random = mulberry32(options.seed);
  const treeBudget = Math.floor(options.workBudget / options.trees);
  const size = options.bootstrap ? sampleSize(n, p, treeBudget, options) : n;
  const builder = new TreeBuilder(features, y, options, random, counter);
  const prefix = features.map((f) => (f.kind === 'ordered' ? prefixSums(f.weights) : null));
  for (let t = 0; t < options.trees; t++) {
    const rows = new Int32Array(size);
    for (let i = 0; i < size; i++) rows[i] = options.bootstrap ? Math.floor(random() * n) : i;
    const effects = new TreeEffects(features, prefix);
    builder.tree(rows, treeBudget, effects);
    const fractions = effects.decompose();
    if (!fractions) continue;
    used++;
    for (let j = 0; j < p; j++) sums[j] += fractions[j];
  }
  const mainEffects = Array.from(sums, (s) => (used > 0 ? s / used : 0));
  const explained = mainEffects.reduce((a, b) => a + b, 0);
  return { mainEffects, interactions: used > 0 ? Math.max(0, 1 - explained) : 0, trees: used };
}

/**
 * Rows drawn for each tree: at most `sampleSize`, and few enough that a typical tree (every level
 * of depth scanning `featureFraction` of the features over all its rows) fits the tree's budget.
 */
export function sampleSize(n: number, p: number, treeBudget: number, options: ForestOptions) {
  const tries = Math.max(1, Math.round(options.featureFraction * p));
  const affordable = Math.floor(treeBudget / (tries * (options.maxDepth + 1)));
  return Math.min(n, options.sampleSize, Math.max(MIN_SAMPLE, affordable));
}
