/**
 * One CART regression tree (squared error) of the forest in forest.ts, grown straight into the
 * decomposition's accumulators (forest-effects.ts); the tree itself is never stored.
 *
 * Work is counted, not timed: every row of a node histogrammed for one feature is one row visit,
 * every threshold scored is one split evaluation. A tree stops scanning features once its row
 * visits would exceed its budget (the node then becomes a leaf, or takes the best split found so
 * far), so a tree never costs more than `budget` row visits whatever the table looks like.
 */
import type { ForestCounter, Feature, ForestOptions } from './forest';
import type { TreeEffects } from './forest-effects';

/** Below this many levels an insertion sort beats the native sort (nodes hold few levels). */
const INSERTION_SORT_MAX = 16;

interface Split {
  feature: number;
  /** 1 for the levels that go to the left child. */
  left: Uint8Array;
}

export class TreeBuilder {
  private readonly count: Float64Array;
  private readonly sum: Float64Array;
  private readonly order: Int32Array;
  private readonly featureOrder: Int32Array;
  private readonly tries: number;
  private visits = 0;
  private budget = Infinity;

  constructor(
    private readonly features: Feature[],
    private readonly y: Float64Array,
    private readonly options: ForestOptions,
    private readonly random: () => number,
    private readonly counter: ForestCounter,
  ) {
    const maxLevels = Math.max(...features.map((f) => f.levels));
    this.count = new Float64Array(maxLevels);
    this.sum = new Float64Array(maxLevels);
    this.order = new Int32Array(maxLevels);
    this.featureOrder = Int32Array.from(features, (_, i) => i);
    this.tries = Math.max(1, Math.round(options.featureFraction * features.length));
  }

  /** Grows a tree on rows (reordered in place) within `budget` row visits. */
  tree(rows: Int32Array, budget: number, effects: TreeEffects): void {
    this.visits = 0;
    this.budget = budget;
    this.grow(rows, 0, rows.length, 0, effects);
  }

  private grow(rows: Int32Array, start: number, end: number, depth: number, effects: TreeEffects) {
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
        ? this.bestSplit(rows, start, end, total, effects)
        : null;
    if (!split) {
      effects.leaf(total / n);
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
    const growLeft = () => this.grow(rows, start, mid, depth + 1, effects);
    const growRight = () => this.grow(rows, mid, end, depth + 1, effects);
    if (this.features[j].kind === 'ordered') {
      let t = 0;
      while (t + 1 < left.length && left[t + 1] === 1) t++;
      effects.splitOrdered(j, t, growLeft, growRight);
    } else {
      effects.splitNominal(j, left, growLeft, growRight);
    }
  }

  /** The squared-error-optimal split over a random subset of features, or null. */
  private bestSplit(
    rows: Int32Array,
    start: number,
    end: number,
    total: number,
    effects: TreeEffects,
  ): Split | null {
    const { features, y, count, sum, order, featureOrder, random, counter } = this;
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
    let best: Split | null = null;
    const base = (total * total) / n;
    for (let f = 0; f < featureOrder.length; f++) {
      // When none of the tried features can split the node the others are tried too (as
      // scikit-learn does), but never beyond the tree's budget.
      if ((f >= this.tries && best) || this.visits + n > this.budget) break;
      const j = featureOrder[f];
      // Pinned to one level by the splits above: it counts as tried, and cannot split.
      if (!effects.canVary(j)) continue;
      this.visits += n;
      counter.rowVisits += n;
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
        sortLevels(order, present, feature.kind === 'nominal' ? sum : null, count);
        counter.splitEvaluations += present - 1;
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
          best = { feature: j, left: leftLevels(feature, order, bestCut, count, n) };
        }
      }
      for (let k = 0; k < present; k++) {
        count[order[k]] = 0;
        sum[order[k]] = 0;
      }
    }
    return best;
  }
}

/** Flags of the levels left of the cut at position `cut` of the sorted `order`. */
function leftLevels(
  feature: Feature,
  order: Int32Array,
  cut: number,
  count: Float64Array,
  n: number,
): Uint8Array {
  const left = new Uint8Array(feature.levels);
  if (feature.kind === 'ordered') {
    left.fill(1, 0, order[cut] + 1);
    return left;
  }
  let leftRows = 0;
  for (let k = 0; k <= cut; k++) {
    left[order[k]] = 1;
    leftRows += count[order[k]];
  }
  // Levels this node never saw follow its larger child.
  if (leftRows * 2 > n) for (let c = 0; c < feature.levels; c++) if (count[c] === 0) left[c] = 1;
  return left;
}

/**
 * Sorts the first `length` levels by level (ordered features, sum null) or by mean target
 * (nominal ones), ties by level: insertion sort for the few levels of most nodes, the native
 * sort (O(L log L)) for the up to 256 levels of a wide categorical column.
 */
function sortLevels(
  order: Int32Array,
  length: number,
  sum: Float64Array | null,
  count: Float64Array,
) {
  if (length > INSERTION_SORT_MAX) {
    const head = order.subarray(0, length);
    if (!sum) head.sort();
    else head.sort((a, b) => sum[a] / count[a] - sum[b] / count[b] || a - b);
    return;
  }
  const key = (c: number) => (sum ? sum[c] / count[c] : c);
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
