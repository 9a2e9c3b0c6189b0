/**
 * Splits the runs by one hyperparameter: quantile ranges for numbers, one bucket per value for
 * categories and for numbers with few distinct values, plus a "(missing)" bucket when needed.
 */
import { CellState, formatNumber as fmt, type Column } from '../model';
import { quantilesUnsorted } from './stats';

export interface RowBucket {
  label: string;
  lo?: number;
  hi?: number;
  rows: number[];
}

/** A numeric hyperparameter with at most this many values is bucketed by value (a grid). */
export const MAX_VALUE_BUCKETS = 6;
export const MISSING_LABEL = '(missing)';

/** Buckets without their rows: which bucket each row is in is given by `codes`. */
export interface BucketCodes {
  buckets: { label: string; lo?: number; hi?: number; trials: number }[];
  /** Index into `buckets` of every row. */
  codes: Int32Array;
}

export function bucketRows(column: Column, rowCount: number, quantiles: number): RowBucket[] {
  const { buckets, codes } = bucketCodes(column, rowCount, quantiles);
  const out = buckets.map(({ label, lo, hi }): RowBucket =>
    lo !== undefined ? { label, lo, hi, rows: [] } : { label, rows: [] },
  );
  for (let row = 0; row < rowCount; row++) out[codes[row]].rows.push(row);
  return out;
}

/**
 * The same buckets as bucketRows, as one bucket index per row: the associations count issue
 * rows per bucket and never need 100,000-entry row lists per hyperparameter.
 */
export function bucketCodes(column: Column, rowCount: number, quantiles: number): BucketCodes {
  if (column.kind === 'number')
    return numberBuckets(column.values, column.states, rowCount, quantiles);
  const codes = new Int32Array(rowCount);
  if (column.kind === 'time') return { buckets: [], codes };
  // Labels in order, missing (-1) last; empty ones are dropped.
  const levels = column.labels.length;
  const trials = new Int32Array(levels + 1);
  for (let row = 0; row < rowCount; row++) {
    const code = column.codes[row];
    trials[code < 0 ? levels : code]++;
  }
  const index = new Int32Array(levels + 1).fill(-1);
  const buckets: BucketCodes['buckets'] = [];
  for (let c = 0; c <= levels; c++) {
    if (trials[c] === 0) continue;
    index[c] = buckets.length;
    buckets.push({ label: c === levels ? MISSING_LABEL : column.labels[c], trials: trials[c] });
  }
  for (let row = 0; row < rowCount; row++) {
    const code = column.codes[row];
    codes[row] = index[code < 0 ? levels : code];
  }
  return { buckets, codes };
}

function numberBuckets(
  values: Float64Array,
  states: Uint8Array,
  rowCount: number,
  quantiles: number,
): BucketCodes {
  const present = new Float64Array(rowCount);
  let n = 0;
  for (let row = 0; row < rowCount; row++) {
    if (states[row] === CellState.value && Number.isFinite(values[row])) present[n++] = values[row];
  }
  const finite = present.subarray(0, n);
  const distinct = smallDistinct(finite, MAX_VALUE_BUCKETS);
  // A small grid is read by value, but only when each value holds two runs on average;
  // six runs with six learning rates are better read as quantile ranges.
  const byValue = distinct !== null && n >= 2 * distinct.length;
  const edges = byValue ? distinct : quantileEdges(finite, Math.max(1, quantiles));
  // Bucket per row by edge (edges.length: missing), then renumbered without the empty ones.
  const codes = new Int32Array(rowCount);
  const trials = new Int32Array(edges.length + 1);
  const lo = new Float64Array(edges.length).fill(Infinity);
  const hi = new Float64Array(edges.length).fill(-Infinity);
  for (let row = 0; row < rowCount; row++) {
    const v = values[row];
    if (states[row] !== CellState.value || !Number.isFinite(v)) {
      codes[row] = edges.length;
      trials[edges.length]++;
      continue;
    }
    const b = bucketIndex(edges, v);
    codes[row] = b;
    trials[b]++;
    if (v < lo[b]) lo[b] = v;
    if (v > hi[b]) hi[b] = v;
  }
  const index = new Int32Array(edges.length + 1).fill(-1);
  const buckets: BucketCodes['buckets'] = [];
  for (let b = 0; b < edges.length; b++) {
    if (trials[b] === 0) continue;
    index[b] = buckets.length;
    const label = lo[b] === hi[b] ? fmt(lo[b]) : `${fmt(lo[b])} to ${fmt(hi[b])}`;
    buckets.push({ label, lo: lo[b], hi: hi[b], trials: trials[b] });
  }
  if (trials[edges.length] > 0) {
    index[edges.length] = buckets.length;
    buckets.push({ label: MISSING_LABEL, trials: trials[edges.length] });
  }
  for (let row = 0; row < rowCount; row++) codes[row] = index[codes[row]];
  return { buckets, codes };
}

/** The distinct values, ascending, or null as soon as there are more than `max`. */
function smallDistinct(values: Float64Array, max: number): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (out.includes(v)) continue;
    if (out.length === max) return null;
    out.push(v);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Upper edges of quantile bins, deduplicated so tied values share a bin (like pandas' qcut with
 * duplicates dropped); fewer distinct values give fewer bins. Reorders `values`.
 */
function quantileEdges(values: Float64Array, k: number): number[] {
  const qs = Array.from({ length: k }, (_, j) => (j + 1) / k);
  const edges: number[] = [];
  for (const e of quantilesUnsorted(values, qs)) {
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/**
 * First edge at or above the value; bins are right-closed, so ties stay together. With value
 * buckets the edges are the values themselves, so the same search finds the exact value.
 */
export function bucketIndex(edges: number[], v: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
