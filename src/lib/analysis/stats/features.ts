/** Hyperparameter columns as discrete features for the forest (see forest.ts for why). */
import { bucketIndex } from '../buckets';
import { CellState, type Column } from '../../model';
import type { Feature } from './forest';

/** Numbers with more distinct values than this are cut at quantiles into this many bins. */
export const MAX_BINS = 64;
/** Categorical hyperparameters with more levels than this are not modelled (ids, free text). */
export const MAX_LEVELS = 256;

/**
 * The feature of one hyperparameter over the given rows, or null when it cannot vary the
 * prediction: a single value, a time column, or (nearly) one category per trial.
 */
export function featureOf(column: Column, rows: Int32Array): Feature | null {
  if (column.kind === 'number') return numberFeature(column.values, column.states, rows);
  if (column.kind === 'time') return null;
  return nominalFeature(column.codes, column.labels.length, rows);
}

function numberFeature(values: Float64Array, states: Uint8Array, rows: Int32Array): Feature | null {
  const n = rows.length;
  const present: number[] = [];
  for (const row of rows) {
    if (states[row] === CellState.value && Number.isFinite(values[row])) present.push(values[row]);
  }
  const sorted = Float64Array.from(present).sort();
  const edges: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (edges.length === 0 || sorted[i] > edges[edges.length - 1]) edges.push(sorted[i]);
  }
  if (edges.length > MAX_BINS) {
    // Upper edges of equal-count bins; tied values share a bin.
    const cut: number[] = [];
    for (let b = 1; b <= MAX_BINS; b++) {
      const e = sorted[Math.ceil((b * sorted.length) / MAX_BINS) - 1];
      if (cut.length === 0 || e > cut[cut.length - 1]) cut.push(e);
    }
    edges.splice(0, edges.length, ...cut);
  }
  const missing = present.length < n ? 1 : 0;
  const levels = edges.length + missing;
  if (levels < 2) return null;
  const codes = new Uint16Array(values.length);
  const counts = new Float64Array(levels);
  for (const row of rows) {
    const v = values[row];
    const code =
      states[row] === CellState.value && Number.isFinite(v) ? bucketIndex(edges, v) : edges.length;
    codes[row] = code;
    counts[code]++;
  }
  return { kind: 'ordered', codes, levels, weights: counts.map((c) => c / n) };
}

function nominalFeature(codesIn: Int32Array, labels: number, rows: Int32Array): Feature | null {
  const n = rows.length;
  // Levels renumbered in order of appearance, missing (-1) being a level of its own.
  const levelOf = new Int32Array(labels + 1).fill(-1);
  const counts: number[] = [];
  const codes = new Uint16Array(codesIn.length);
  for (const row of rows) {
    const key = codesIn[row] + 1;
    if (levelOf[key] < 0) {
      if (counts.length === MAX_LEVELS) return null;
      levelOf[key] = counts.push(0) - 1;
    }
    codes[row] = levelOf[key];
    counts[levelOf[key]]++;
  }
  const levels = counts.length;
  if (levels < 2 || levels > Math.max(4, n / 2)) return null;
  return { kind: 'nominal', codes, levels, weights: Float64Array.from(counts, (c) => c / n) };
}
