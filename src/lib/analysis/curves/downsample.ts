/**
 * Min/max downsampling for line plots, fused with TensorBoard's debiased EMA: one pass over the
 * full-resolution series smooths it and cuts the x range into equal buckets, each keeping the
 * points of its smallest and largest finite raw value (in logged order), so a one-point spike
 * survives any zoom level. The first and last points are always kept, and a bucket holding
 * NaN/Inf keeps its first non-finite point, so the line shows a gap there. Flat loops over typed
 * arrays (`v - v !== 0` is the NaN/±Inf test), no per-point allocation: the Curves cell asks for
 * millions of points at a time.
 */

export interface Downsampled {
  /** Indices of the kept points, increasing. */
  index: Int32Array;
  raw: Float64Array;
  /** The EMA of the full series (see smoothEma) at the kept points. */
  smoothed: Float64Array;
}

/** Writes a bucket's kept points in logged order (so the line is drawn the right way round). */
function emit(index: Int32Array, smoothed: Float64Array, m: number, p: Float64Array): number {
  // p = [lo, sLo, hi, sHi, gap, sGap], −1 for an absent index; three items, sorted by index.
  for (let round = 0; round < 3; round++) {
    let best = -1;
    for (let k = 0; k < 6; k += 2) if (p[k] >= 0 && (best < 0 || p[k] < p[best])) best = k;
    if (best < 0) break;
    if (m === 0 || index[m - 1] !== p[best]) {
      index[m] = p[best];
      smoothed[m++] = p[best + 1];
    }
    p[best] = -1;
  }
  return m;
}

export function downsampleCurve(
  x: Float64Array,
  values: Float64Array,
  weight: number,
  maxPoints: number,
): Downsampled {
  const n = values.length;
  let monotonic = true;
  let hasGap = false;
  for (let i = 0; i < n; i++) {
    if (i > 0 && !(x[i] >= x[i - 1])) monotonic = false;
    if (values[i] - values[i] !== 0) hasGap = true;
  }
  const all = n <= maxPoints;
  // Two points per bucket (three with a gap), plus the first and last points.
  const buckets = all ? n : Math.max(1, Math.floor((maxPoints - 2) / (hasGap ? 3 : 2)));
  const cap = all ? n : maxPoints;
  const index = new Int32Array(cap);
  const smoothed = new Float64Array(cap);
  const pending = Float64Array.of(-1, 0, -1, 0, -1, 0);
  let m = 0;
  const x0 = x[0];
  const span = x[n - 1] - x0;
  // Buckets over x when it increases (so sparse stretches get their share of the width); over
  // the index otherwise (a restarted run whose steps go back).
  const byX = monotonic && span > 0;
  const scale = byX ? buckets / span : buckets / Math.max(1, n - 1);
  let bucket = -1;
  let lo = -1;
  let hi = -1;
  let loV = 0;
  let hiV = 0;
  let last = 0;
  let count = 0;
  let bias = 1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let s = v;
    if (v - v === 0) {
      // TensorBoard: last = last·w + (1 − w)·v, shown as last / (1 − w^count).
      last = last * weight + (1 - weight) * v;
      count++;
      if (bias > 1e-17) bias = Math.pow(weight, count);
      s = weight === 1 ? v : last / (1 - bias);
    }
    if (all || i === 0 || i === n - 1) {
      if (i === n - 1 && !all) m = emit(index, smoothed, m, pending);
      index[m] = i;
      smoothed[m++] = s;
      continue;
    }
    const pos = byX ? (x[i] - x0) * scale : i * scale;
    const b = pos >= buckets ? buckets - 1 : Math.floor(pos);
    if (b !== bucket) {
      m = emit(index, smoothed, m, pending);
      bucket = b;
      lo = hi = -1;
    }
    if (v - v !== 0) {
      if (pending[4] < 0) {
        pending[4] = i;
        pending[5] = s;
      }
    } else {
      if (lo < 0 || v < loV) {
        lo = i;
        loV = v;
        pending[0] = i;
        pending[1] = s;
      }
      if (hi < 0 || v > hiV) {
        hi = i;
        hiV = v;
        pending[2] = i;
        pending[3] = s;
      }
    }
  }
  const kept = index.slice(0, m);
  const raw = new Float64Array(m);
  for (let k = 0; k < m; k++) raw[k] = values[kept[k]];
  return { index: kept, raw, smoothed: smoothed.slice(0, m) };
}
