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
 * Everything is deterministic for a given seed (mulberry32).
 */
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
}

export const DEFAULT_FOREST: ForestOptions = {
  trees: 48,
  sampleSize: 1000,
  minLeaf: 2,
  maxDepth: 10,
  featureFraction: 0.6,
  bootstrap: true,
  seed: 20140621,
};

export interface FanovaResult {
  /** Fraction of the forest's variance explained by each feature alone, in feature order. */
  mainEffects: number[];
  /** 1 − Σ main effects: variance explained only by interactions. */
  interactions: number;
  /** Trees that contributed (those with non-constant predictions). */
  trees: number;
}

/** Per-tree accumulators of the decomposition. */
interface TreeState {
  features: Feature[];
  /** Difference arrays (ordered) or direct sums (nominal) of f_j, per feature. */
  effect: Float64Array[];
  /** Contribution of leaves that do not restrict feature j: added to every level. */
  constant: Float64Array;
  leafValues: number[];
  leafVolumes: number[];
  /** Current box: bin range per ordered feature, level mask per nominal one. */
  lo: Int32Array;
  hi: Int32Array;
  masks: (Uint8Array | null)[];
  /** Prefix sums of ordered weights, for the share of a bin range. */
  prefix: (Float64Array | null)[];
}

export function fanova(
  features: Feature[],
  y: Float64Array,
  options: ForestOptions = DEFAULT_FOREST,
): FanovaResult {
  const p = features.length;
  const n = y.length;
  const sums = new Float64Array(p);
  let used = 0;
  if (p === 0 || n < 2 * options.minLeaf) {
    return { mainEffects: Array.from(sums), interactions: 0, trees: 0 };
  }
  const random = mulberry32(options.seed);
  const size = options.bootstrap ? Math.min(n, options.sampleSize) : n;
  const maxLevels = Math.max(...features.map((f) => f.levels));
  const builder = new TreeBuilder(features, y, options, random, maxLevels);
  const prefix = features.map((f) => (f.kind === 'ordered' ? prefixSums(f.weights) : null));
  for (let t = 0; t < options.trees; t++) {
    const rows = new Int32Array(size);
    for (let i = 0; i < size; i++) rows[i] = options.bootstrap ? Math.floor(random() * n) : i;
    const state: TreeState = {
      features,
      effect: features.map((f) => new Float64Array(f.levels + 1)),
      constant: new Float64Array(p),
      leafValues: [],
      leafVolumes: [],
      lo: new Int32Array(p),
      hi: Int32Array.from(features, (f) => f.levels - 1),
      masks: features.map((f) => (f.kind === 'nominal' ? new Uint8Array(f.levels).fill(1) : null)),
      prefix,
    };
    builder.grow(rows, 0, size, 0, state);
    const fractions = decompose(state);
    if (!fractions) continue;
    used++;
    for (let j = 0; j < p; j++) sums[j] += fractions[j];
  }
  const mainEffects = Array.from(sums, (s) => (used > 0 ? s / used : 0));
  const explained = mainEffects.reduce((a, b) => a + b, 0);
  return { mainEffects, interactions: used > 0 ? Math.max(0, 1 - explained) : 0, trees: used };
}

function prefixSums(weights: Float64Array): Float64Array {
  const out = new Float64Array(weights.length + 1);
  for (let i = 0; i < weights.length; i++) out[i + 1] = out[i] + weights[i];
  return out;
}

/** Variance fractions of the main effects of one tree, or null when the tree is constant. */
function decompose(state: TreeState): Float64Array | null {
  const { features, leafValues, leafVolumes } = state;
  let mean = 0;
  for (let l = 0; l < leafValues.length; l++) mean += leafValues[l] * leafVolumes[l];
  let variance = 0;
  for (let l = 0; l < leafValues.length; l++) {
    variance += leafVolumes[l] * (leafValues[l] - mean) ** 2;
  }
  if (!(variance > 1e-15)) return null;
  const out = new Float64Array(features.length);
  features.forEach((f, j) => {
    const effect = state.effect[j];
    let running = 0;
    let vj = 0;
    for (let c = 0; c < f.levels; c++) {
      running = f.kind === 'ordered' ? running + effect[c] : effect[c];
      const fc = running + state.constant[j];
      vj += f.weights[c] * (fc - mean) ** 2;
    }
    out[j] = Math.min(1, vj / variance);
  });
  return out;
}

/**
 * Insertion sort of the first `length` levels: by level (ordered features) or by mean target
 * (nominal ones), ties by level. Nodes hold few levels, so this beats a comparator sort.
 */
function sortLevels(
  order: Int32Array,
  length: number,
  sum: Float64Array | null,
  count: Float64Array | null,
): void {
  const key = (c: number) => (sum && count ? sum[c] / count[c] : c);
  for (let i = 1; i < length; i++) {
    const c = order[i];
    const kc = key(c);
    let k = i - 1;
    while (k >= 0 && (key(order[k]) > kc || (key(order[k]) === kc && order[k] > c))) {
      order[k + 1] = order[k];
      k--;
    }
    order[k + 1] = c;
  }
}

class TreeBuilder {
  private readonly count: Float64Array;
  private readonly sum: Float64Array;
  private readonly order: Int32Array;
  private readonly featureOrder: Int32Array;
  private readonly tries: number;

  constructor(
    private readonly features: Feature[],
    private readonly y: Float64Array,
    private readonly options: ForestOptions,
    private readonly random: () => number,
    maxLevels: number,
  ) {
    this.count = new Float64Array(maxLevels);
    this.sum = new Float64Array(maxLevels);
    this.order = new Int32Array(maxLevels);
    this.featureOrder = Int32Array.from(features, (_, i) => i);
    this.tries = Math.max(1, Math.round(options.featureFraction * features.length));
  }

  grow(rows: Int32Array, start: number, end: number, depth: number, state: TreeState): void {
    const { y, options } = this;
    const n = end - start;
    let total = 0;
    let totalSq = 0;
    for (let i = start; i < end; i++) {
      const v = y[rows[i]];
      total += v;
      totalSq += v * v;
    }
    const impurity = totalSq - (total * total) / n;
    const split =
      n >= 2 * options.minLeaf && depth < options.maxDepth && impurity > 1e-12 * n
        ? this.bestSplit(rows, start, end, total)
        : null;
    if (!split) {
      this.leaf(total / n, state);
      return;
    }
    const { feature: j, left } = split;
    const codes = this.features[j].codes;
    // Partition rows[start, end) so the left child's rows come first.
    let mid = start;
    for (let i = start; i < end; i++) {
      if (left[codes[rows[i]]] === 1) {
        const t = rows[mid];
        rows[mid] = rows[i];
        rows[i] = t;
        mid++;
      }
    }
    if (this.features[j].kind === 'ordered') {
      const [lo, hi] = [state.lo[j], state.hi[j]];
      let t = lo;
      while (t < hi && left[t + 1] === 1) t++;
      state.hi[j] = t;
      this.grow(rows, start, mid, depth + 1, state);
      state.hi[j] = hi;
      state.lo[j] = t + 1;
      this.grow(rows, mid, end, depth + 1, state);
      state.lo[j] = lo;
    } else {
      const mask = state.masks[j] as Uint8Array;
      const saved = mask.slice();
      for (let c = 0; c < mask.length; c++) mask[c] = saved[c] & left[c];
      this.grow(rows, start, mid, depth + 1, state);
      for (let c = 0; c < mask.length; c++) mask[c] = saved[c] & (1 - left[c]);
      this.grow(rows, mid, end, depth + 1, state);
      mask.set(saved);
    }
  }

  /** The squared-error-optimal split over a random subset of features; `left` flags levels. */
  private bestSplit(
    rows: Int32Array,
    start: number,
    end: number,
    total: number,
  ): { feature: number; left: Uint8Array } | null {
    const { features, y, count, sum, order, featureOrder, random } = this;
    // count and sum are all zero between calls.
    const minLeaf = this.options.minLeaf;
    const n = end - start;
    // Partial Fisher–Yates: the first `tries` entries are the features to try at this node.
    for (let i = 0; i < this.tries; i++) {
      const k = i + Math.floor(random() * (featureOrder.length - i));
      const t = featureOrder[i];
      featureOrder[i] = featureOrder[k];
      featureOrder[k] = t;
    }
    let bestGain = 1e-12 * n;
    let best: { feature: number; left: Uint8Array } | null = null;
    const base = (total * total) / n;
    for (let f = 0; f < featureOrder.length; f++) {
      if (f >= this.tries && best) break;
      const j = featureOrder[f];
      const feature = features[j];
      const codes = feature.codes;
      // Histogram of the node's rows by level, listing the levels present as they appear, so
      // small nodes never scan (or clear) all 64 bins.
      let present = 0;
      for (let i = start; i < end; i++) {
        const row = rows[i];
        const c = codes[row];
        if (count[c] === 0) order[present++] = c;
        count[c]++;
        sum[c] += y[row];
      }
      if (present >= 2) {
        if (feature.kind === 'ordered') sortLevels(order, present, null, null);
        else sortLevels(order, present, sum, count);
        let nl = 0;
        let sl = 0;
        let bestCut = -1;
        let featureGain = bestGain;
        for (let k = 0; k < present - 1; k++) {
          const c = order[k];
          nl += count[c];
          sl += sum[c];
          const nr = n - nl;
          if (nl < minLeaf) continue;
          if (nr < minLeaf) break;
          const sr = total - sl;
          const gain = (sl * sl) / nl + (sr * sr) / nr - base;
          if (gain > featureGain) {
            featureGain = gain;
            bestCut = k;
          }
        }
        if (bestCut >= 0) {
          bestGain = featureGain;
          const levels = feature.levels;
          const left = new Uint8Array(levels);
          if (feature.kind === 'ordered') {
            left.fill(1, 0, order[bestCut] + 1);
          } else {
            let leftRows = 0;
            for (let k = 0; k <= bestCut; k++) {
              left[order[k]] = 1;
              leftRows += count[order[k]];
            }
            // Levels this node never saw follow its larger child.
            if (leftRows * 2 > n) for (let c = 0; c < levels; c++) if (count[c] === 0) left[c] = 1;
          }
          best = { feature: j, left };
        }
      }
      for (let k = 0; k < present; k++) {
        count[order[k]] = 0;
        sum[order[k]] = 0;
      }
    }
    return best;
  }

  private leaf(value: number, state: TreeState): void {
    const { features } = this;
    const p = features.length;
    const shares = new Float64Array(p);
    let volume = 1;
    for (let j = 0; j < p; j++) {
      const f = features[j];
      let share = 0;
      if (f.kind === 'ordered') {
        const prefix = state.prefix[j] as Float64Array;
        share = prefix[state.hi[j] + 1] - prefix[state.lo[j]];
      } else {
        const mask = state.masks[j] as Uint8Array;
        for (let c = 0; c < f.levels; c++) if (mask[c] === 1) share += f.weights[c];
      }
      shares[j] = share;
      volume *= share;
    }
    state.leafValues.push(value);
    state.leafVolumes.push(volume);
    if (volume === 0) return;
    for (let j = 0; j < p; j++) {
      const f = features[j];
      if (shares[j] >= 1 - 1e-12) {
        state.constant[j] += value * volume;
        continue;
      }
      const contribution = (value * volume) / shares[j];
      const effect = state.effect[j];
      if (f.kind === 'ordered') {
        effect[state.lo[j]] += contribution;
        effect[state.hi[j] + 1] -= contribution;
      } else {
        const mask = state.masks[j] as Uint8Array;
        for (let c = 0; c < f.levels; c++) if (mask[c] === 1) effect[c] += contribution;
      }
    }
  }
}
