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

export function bucketRows(column: Column, rowCount: number, quantiles: number): RowBucket[] {
  if (column.kind === 'number')
    return numberBuckets(column.values, column.states, rowCount, quantiles);
  if (column.kind === 'time') return [];
  const byCode = column.labels.map((label): RowBucket => ({ label, rows: [] }));
  const missing: RowBucket = { label: MISSING_LABEL, rows: [] };
  for (let row = 0; row < rowCount; row++) {
    const code = column.codes[row];
    (code < 0 ? missing : byCode[code]).rows.push(row);
  }
  return [...byCode, missing].filter((b) => b.rows.length > 0);
}

function numberBuckets(
  values: Float64Array,
  states: Uint8Array,
  rowCount: number,
  quantiles: number,
): RowBucket[] {
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
  const buckets = edges.map(() => ({ rows: [] as number[], lo: Infinity, hi: -Infinity }));
  const missing: RowBucket = { label: MISSING_LABEL, rows: [] };
  for (let row = 0; row < rowCount; row++) {
    const v = values[row];
    if (states[row] !== CellState.value || !Number.isFinite(v)) {
      missing.rows.push(row);
      continue;
    }
    const b = buckets[bucketIndex(edges, v)];
    b.rows.push(row);
    if (v < b.lo) b.lo = v;
    if (v > b.hi) b.hi = v;
  }
  const out: RowBucket[] = buckets
    .filter((b) => b.rows.length > 0)
    .map(({ rows, lo, hi }) => ({
      label: lo === hi ? fmt(lo) : `${fmt(lo)} to ${fmt(hi)}`,
      lo,
      hi,
      rows,
    }));
  if (missing.rows.length > 0) out.push(missing);
  return out;
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
