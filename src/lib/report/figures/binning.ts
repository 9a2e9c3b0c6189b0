/**
 * One heatmap axis: each row's bin (or −1 when the row has no value) and the bins' labels.
 * At most MAX_BINS bins per axis, so a two-parameter heatmap has at most 400 cells whatever the
 * sweep size (far under plotly's comfortable 250k). Numbers: one bin per value for a grid of at
 * most MAX_BINS values; otherwise equal-width bins of log10 when the values are positive and span
 * more than two decades (a learning rate), quantile bins when not (equal counts, so a skewed
 * axis still spreads the trials). Categories: one bin per label, the rarest folded into "other".
 */
import { CellState, formatNumber, type Column } from '../../model';
import { wantsLog } from './spec';

export const MAX_BINS = 20;

export type BinScale = 'value' | 'log' | 'quantile' | 'category';

export interface AxisBins {
  scale: BinScale;
  /** Plain text (escape before plotting). */
  labels: string[];
  /** Bin per row; −1: missing, NaN or ±Infinity. */
  bin: Int32Array;
}

export function binAxis(column: Column, rowCount: number): AxisBins {
  if (column.kind === 'number') return numberBins(column.values, column.states, rowCount);
  if (column.kind === 'category' || column.kind === 'text')
    return categoryBins(column.codes, column.labels);
  return { scale: 'category', labels: [], bin: new Int32Array(rowCount).fill(-1) };
}

function numberBins(values: Float64Array, states: Uint8Array, rowCount: number): AxisBins {
  const buffer = new Float64Array(rowCount);
  let n = 0;
  for (let row = 0; row < rowCount; row++) {
    const v = values[row];
    if (states[row] === CellState.value && Number.isFinite(v)) buffer[n++] = v;
  }
  const sorted = buffer.subarray(0, n).sort();
  const distinct = distinctUpTo(sorted, MAX_BINS);
  const bin = new Int32Array(rowCount).fill(-1);
  if (sorted.length === 0) return { scale: 'value', labels: [], bin };
  if (distinct) {
    for (let row = 0; row < rowCount; row++) {
      if (states[row] === CellState.value && Number.isFinite(values[row]))
        bin[row] = lowerBound(distinct, values[row]);
    }
    return { scale: 'value', labels: Array.from(distinct, formatNumber), bin };
  }
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  const log = wantsLog(lo, hi);
  // Upper edges of bins 0…k−2; the last bin is open-ended. Values equal to an edge go below it.
  const edges = log ? logEdges(lo, hi) : quantileEdges(sorted);
  for (let row = 0; row < rowCount; row++) {
    const v = values[row];
    if (states[row] === CellState.value && Number.isFinite(v)) bin[row] = lowerBound(edges, v);
  }
  const k = edges.length + 1;
  // Log bins are a regular grid: label them by their edges. Quantile bins by the values in them.
  const bounds = [lo, ...edges, hi];
  const first = Float64Array.from({ length: k }, (_, i) => bounds[i]);
  const last = Float64Array.from({ length: k }, (_, i) => bounds[i + 1]);
  if (!log) {
    first.fill(Infinity);
    last.fill(-Infinity);
    for (let row = 0; row < rowCount; row++) {
      const b = bin[row];
      if (b < 0) continue;
      if (values[row] < first[b]) first[b] = values[row];
      if (values[row] > last[b]) last[b] = values[row];
    }
  }
  const labels = Array.from(first, (a, i) =>
    a === last[i] ? formatNumber(a) : `${formatNumber(a)} to ${formatNumber(last[i])}`,
  );
  return { scale: log ? 'log' : 'quantile', labels, bin };
}

/** The distinct values, ascending, or null beyond `max`. */
function distinctUpTo(sorted: Float64Array, max: number): Float64Array | null {
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    if (out.length === max) return null;
    out.push(sorted[i]);
  }
  return Float64Array.from(out);
}

function logEdges(lo: number, hi: number): Float64Array {
  const a = Math.log10(lo);
  const step = (Math.log10(hi) - a) / MAX_BINS;
  return Float64Array.from({ length: MAX_BINS - 1 }, (_, i) => 10 ** (a + (i + 1) * step));
}

/** Edges at the 1/k…(k−1)/k quantiles, ties merged: heavy ties give fewer, fuller bins. */
function quantileEdges(sorted: Float64Array): Float64Array {
  const edges: number[] = [];
  for (let i = 1; i < MAX_BINS; i++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / MAX_BINS))];
    if (v < sorted[sorted.length - 1] && (edges.length === 0 || v > edges[edges.length - 1]))
      edges.push(v);
  }
  return Float64Array.from(edges);
}

/** First index whose element is ≥ v (the bin of v when elements are upper edges). */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function categoryBins(codes: Int32Array, labels: readonly string[]): AxisBins {
  const counts = new Int32Array(labels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  const used = labels.map((_, code) => code).filter((code) => counts[code] > 0);
  // Keep the most common labels; the rest share one "other" bin so the axis stays readable.
  const keep = used.length > MAX_BINS ? MAX_BINS - 1 : used.length;
  const kept = [...used].sort((a, b) => counts[b] - counts[a] || a - b).slice(0, keep);
  kept.sort((a, b) => collator.compare(labels[a], labels[b]));
  const binOf = new Int32Array(labels.length).fill(keep);
  kept.forEach((code, i) => (binOf[code] = i));
  const out = kept.map((code) => labels[code]);
  if (used.length > keep) out.push(`(${used.length - keep} other values)`);
  const bin = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) bin[i] = codes[i] < 0 ? -1 : binOf[codes[i]];
  return { scale: 'category', labels: out, bin };
}

const collator = new Intl.Collator('en', { numeric: true });
