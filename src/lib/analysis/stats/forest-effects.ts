/**
 * Per-tree accumulators of the fANOVA decomposition (see forest.ts): the box of the node being
 * grown, each leaf's value and volume, and the main effect f_j of every feature.
 *
 * A leaf costs O(features): ordered features add to a difference array over their bin range, and
 * nominal ones add to a pending sum that is spread over the levels of their mask only when the
 * split that set the mask is done. Spreading at every leaf would cost O(levels) per feature per
 * leaf: 500 leaves × 100 nominal features × 256 levels per tree on a pathological table.
 */
import type { Feature } from './forest';

export class TreeEffects {
  /** Difference arrays (ordered) or direct sums (nominal) of f_j, per feature. */
  private readonly effect: Float64Array[];
  /** Contribution of leaves that do not restrict feature j: added to every level. */
  private readonly constant: Float64Array;
  private readonly leafValues: number[] = [];
  private readonly leafVolumes: number[] = [];
  /** Current box: bin range per ordered feature, level mask (and its share) per nominal one. */
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  private readonly masks: (Uint8Array | null)[];
  private readonly maskShare: Float64Array;
  /** Levels left in each nominal feature's mask. */
  private readonly maskLevels: Int32Array;
  /** Contributions of the leaves under the current mask of each nominal feature, not yet spread. */
  private readonly pending: Float64Array;
  /** Leaf shares, reused. */
  private readonly shares: Float64Array;

  constructor(
    private readonly features: Feature[],
    /** Prefix sums of ordered weights (null for nominal features), shared by the trees. */
    private readonly prefix: (Float64Array | null)[],
  ) {
    const p = features.length;
    this.effect = features.map((f) => new Float64Array(f.levels + 1));
    this.constant = new Float64Array(p);
    this.lo = new Int32Array(p);
    this.hi = Int32Array.from(features, (f) => f.levels - 1);
    this.masks = features.map((f) =>
      f.kind === 'nominal' ? new Uint8Array(f.levels).fill(1) : null,
    );
    this.maskShare = new Float64Array(p).fill(1);
    this.maskLevels = Int32Array.from(features, (f) => f.levels);
    this.pending = new Float64Array(p);
    this.shares = new Float64Array(p);
  }

  /**
   * Whether feature j can still take two values in the current box: once a path has narrowed it
   * to one bin or level, every row of the node has that level and scanning it would find no split.
   */
  canVary(j: number): boolean {
    return this.prefix[j] ? this.lo[j] < this.hi[j] : this.maskLevels[j] > 1;
  }

  /** Grows the two children of an ordered split: bins lo…t go left, t+1…hi right. */
  splitOrdered(j: number, t: number, left: () => void, right: () => void): void {
    const [lo, hi] = [this.lo[j], this.hi[j]];
    this.hi[j] = t;
    left();
    this.hi[j] = hi;
    this.lo[j] = t + 1;
    right();
    this.lo[j] = lo;
  }

  /** Grows the two children of a nominal split: levels flagged in `isLeft` go left. */
  splitNominal(j: number, isLeft: Uint8Array, left: () => void, right: () => void): void {
    const mask = this.masks[j] as Uint8Array;
    const saved = mask.slice();
    const [share, pending, levels] = [this.maskShare[j], this.pending[j], this.maskLevels[j]];
    this.child(j, saved, isLeft, 1, left);
    this.child(j, saved, isLeft, 0, right);
    mask.set(saved);
    this.maskShare[j] = share;
    this.pending[j] = pending;
    this.maskLevels[j] = levels;
  }

  private child(j: number, saved: Uint8Array, isLeft: Uint8Array, side: number, grow: () => void) {
    const mask = this.masks[j] as Uint8Array;
    const weights = this.features[j].weights;
    let share = 0;
    let levels = 0;
    for (let c = 0; c < mask.length; c++) {
      mask[c] = saved[c] & (isLeft[c] === side ? 1 : 0);
      if (mask[c] === 1) {
        share += weights[c];
        levels++;
      }
    }
    this.maskShare[j] = share;
    this.maskLevels[j] = levels;
    this.pending[j] = 0;
    grow();
    const add = this.pending[j];
    if (add === 0) return;
    const effect = this.effect[j];
    for (let c = 0; c < mask.length; c++) if (mask[c] === 1) effect[c] += add;
  }

  leaf(value: number): void {
    const { features, shares } = this;
    const p = features.length;
    let volume = 1;
    for (let j = 0; j < p; j++) {
      const prefix = this.prefix[j];
      shares[j] = prefix ? prefix[this.hi[j] + 1] - prefix[this.lo[j]] : this.maskShare[j];
      volume *= shares[j];
    }
    this.leafValues.push(value);
    this.leafVolumes.push(volume);
    if (volume === 0) return;
    for (let j = 0; j < p; j++) {
      if (shares[j] >= 1 - 1e-12) {
        this.constant[j] += value * volume;
        continue;
      }
      const contribution = (value * volume) / shares[j];
      if (this.prefix[j]) {
        this.effect[j][this.lo[j]] += contribution;
        this.effect[j][this.hi[j] + 1] -= contribution;
      } else {
        this.pending[j] += contribution;
      }
    }
  }

  /** Variance fractions of the main effects of the tree, or null when the tree is constant. */
  decompose(): Float64Array | null {
    const { features, leafValues, leafVolumes } = this;
    let mean = 0;
    for (let l = 0; l < leafValues.length; l++) mean += leafValues[l] * leafVolumes[l];
    let variance = 0;
    for (let l = 0; l < leafValues.length; l++) {
      variance += leafVolumes[l] * (leafValues[l] - mean) ** 2;
    }
    if (!(variance > 1e-15)) return null;
    const out = new Float64Array(features.length);
    features.forEach((f, j) => {
      const effect = this.effect[j];
      let running = 0;
      let vj = 0;
      for (let c = 0; c < f.levels; c++) {
        running = f.kind === 'ordered' ? running + effect[c] : effect[c];
        const fc = running + this.constant[j];
        vj += f.weights[c] * (fc - mean) ** 2;
      }
      out[j] = Math.min(1, vj / variance);
    });
    return out;
  }
}

export function prefixSums(weights: Float64Array): Float64Array {
  const out = new Float64Array(weights.length + 1);
  for (let i = 0; i < weights.length; i++) out[i + 1] = out[i] + weights[i];
  return out;
}
