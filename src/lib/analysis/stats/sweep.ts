/**
 * Sweep-level statistics for the primary metric: Spearman correlation of each numeric
 * hyperparameter, fANOVA importance, and the recommended region of the best trials.
 *
 * Which trials count:
 * - correlation and importance use finished trials (not failed, pruned or running) with a
 *   finite metric: a crashed trial's last value is not the configuration's result, while a
 *   diverged trial's finite accuracy is, so it stays in;
 * - the recommended region also leaves out trials with a critical finding, or with a warning that
 *   their metric value itself is in doubt (too good to be true, duplicated from another run,
 *   out of range), so a corrupted or leaking trial is never the model of what to search next.
 */
import {
  CellState,
  formatNumber,
  type Column,
  type DetectorId,
  type Finding,
  type Importance,
  type NumberColumn,
  type ParamCorrelation,
  type PrimaryMetric,
  type RecommendedRegion,
  type RegionConfidence,
  type RegionParam,
  type RegionValue,
} from '../../model';
import { MAX_VALUE_BUCKETS, MISSING_LABEL } from '../buckets';
import { kthSmallest } from '../stats';
import { finiteAt, isFinishedRun, type DetectorContext, type MetricRole } from '../context';
import { primaryMetric as choosePrimaryMetric } from '../sweep/primary-metric';
import { featureOf } from './features';
import { hypergeometricUpperTail } from './fisher';
import { DEFAULT_FOREST, fanova, type Feature } from './forest';
import { mulberry32 } from './random';
import { averageRanks, spearman } from './spearman';

/** Fewer finished trials than this give no importance: ten points cannot rank five parameters. */
export const MIN_IMPORTANCE_TRIALS = 10;
/** The best region needs twice the top-k (at least 5) so the best are a minority of the sweep. */
export const MIN_REGION_TRIALS = 10;
export const MIN_TOP_K = 5;
/** Warnings that put the metric value itself in doubt: such trials are not ranked. */
const UNTRUSTED: ReadonlySet<DetectorId> = new Set<DetectorId>([
  'too-good',
  'duplicate-results',
  'metric-out-of-range',
]);
/** The best region is the top 10% of the ranked trials, at least 5 and at most 100. */
export const TOP_FRACTION = 0.1;
export const MAX_TOP_K = 100;
/**
 * Correlation and importance of bigger sweeps use a fixed random subsample of this many finished
 * trials: ρ's standard error is then ≤ 0.01 and bins and trees are as well determined, while
 * 100,000-trial sweeps stay within the analysis budget. `n` and `trials` report what was used.
 */
export const MAX_STAT_TRIALS = 10_000;
const SUBSAMPLE_SEED = 7;

export const IMPORTANCE_METHOD = `fANOVA main effects of a random forest (${DEFAULT_FOREST.trees} regression trees on bootstrap samples of at most ${DEFAULT_FOREST.sampleSize.toLocaleString('en-US')} trials, fixed seed) fitted to the ranks of the metric`;

export interface SweepStatistics {
  primaryMetric: PrimaryMetric | null;
  correlations: ParamCorrelation[];
  importance: Importance | null;
  recommendedRegion: RecommendedRegion | null;
  /** Why a statistic could not be computed, as data-quality sentences. */
  notes: string[];
}

interface Param {
  name: string;
  column: Column;
}

export function sweepStatistics(ctx: DetectorContext, findings: Finding[]): SweepStatistics {
  const chosen = choosePrimaryMetric(ctx.table, ctx.roles);
  const empty: SweepStatistics = {
    primaryMetric: null,
    correlations: [],
    importance: null,
    recommendedRegion: null,
    notes: [],
  };
  if (!chosen) return empty;
  const { column: metric, role } = chosen;
  const primaryMetric: PrimaryMetric = {
    column: metric.name,
    direction: role.direction,
    split: role.split,
    family: role.family,
  };
  const params: Param[] = [];
  for (const r of ctx.roles) {
    const column = r.role.kind === 'param' && ctx.columns.get(r.column);
    if (column) params.push({ name: r.column, column });
  }
  const usable: number[] = [];
  for (let row = 0; row < ctx.table.rowCount; row++) {
    if (finiteAt(metric, row) !== null && isFinishedRun(ctx, row)) usable.push(row);
  }
  const notes: string[] = [];
  if (params.length === 0) return { ...empty, primaryMetric, notes };
  const rows = subsample(usable, MAX_STAT_TRIALS);
  const importance =
    rows.length >= MIN_IMPORTANCE_TRIALS ? importanceOf(params, rows, usable.length, metric) : null;
  if (rows.length < MIN_IMPORTANCE_TRIALS) {
    notes.push(
      `Only ${rows.length} finished ${rows.length === 1 ? 'trial has' : 'trials have'} a finite ${metric.name}; hyperparameter importance needs at least ${MIN_IMPORTANCE_TRIALS}, so it was not computed.`,
    );
  }
  const region = recommendedRegion(ctx, findings, params, usable, metric, role, importance);
  if (!region && rows.length >= MIN_IMPORTANCE_TRIALS) {
    notes.push(
      `Fewer than ${MIN_REGION_TRIALS} finished trials without a critical finding have a finite ${metric.name}, so no best region was derived.`,
    );
  } else if (!region) {
    notes.push(`Too few trials to derive a best region (at least ${MIN_REGION_TRIALS} needed).`);
  }
  return {
    primaryMetric,
    correlations: correlations(params, rows, metric),
    importance,
    recommendedRegion: region,
    notes,
  };
}

/** At most `max` of the rows, chosen by a seeded partial shuffle, in row order. */
function subsample(rows: number[], max: number): Int32Array {
  if (rows.length <= max) return Int32Array.from(rows);
  const pool = Int32Array.from(rows);
  const random = mulberry32(SUBSAMPLE_SEED);
  for (let i = 0; i < max; i++) {
    const k = i + Math.floor(random() * (pool.length - i));
    const t = pool[i];
    pool[i] = pool[k];
    pool[k] = t;
  }
  return pool.slice(0, max).sort();
}

function correlations(params: Param[], rows: Int32Array, metric: NumberColumn): ParamCorrelation[] {
  const out: ParamCorrelation[] = [];
  const metricValues = Float64Array.from(rows, (row) => metric.values[row]);
  let metricRanks: Float64Array | undefined;
  const x = new Float64Array(rows.length);
  const y = new Float64Array(rows.length);
  for (const { name, column } of params) {
    if (column.kind !== 'number') continue;
    let n = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = finiteAt(column, rows[i]);
      if (v === null) continue;
      x[n] = v;
      y[n++] = metricValues[i];
    }
    // Without missing values every parameter pairs with the same metric values: rank them once.
    if (n === rows.length && rows.length >= 3) metricRanks ??= averageRanks(metricValues);
    const result = spearman(
      x.subarray(0, n),
      y.subarray(0, n),
      n === rows.length ? metricRanks : undefined,
    );
    if (result) {
      out.push({
        param: name,
        rho: result.rho,
        n: result.n,
        pValue: result.pValue,
        pMethod: result.method,
      });
    }
  }
  return out;
}

function importanceOf(
  params: Param[],
  rows: Int32Array,
  finished: number,
  metric: NumberColumn,
): Importance | null {
  const modelled: { name: string; feature: Feature }[] = [];
  for (const { name, column } of params) {
    const feature = featureOf(column, rows);
    if (feature) modelled.push({ name, feature });
  }
  if (modelled.length === 0) return null;
  // The forest sees every trial by its row index; y holds the metric's rank scaled to [0, 1].
  const ranks = averageRanks(Float64Array.from(rows, (row) => metric.values[row]));
  const y = ranks.map((r) => (r - 1) / (rows.length - 1));
  const features = modelled.map(({ feature }) => ({
    ...feature,
    codes: Uint16Array.from(rows, (row) => feature.codes[row]),
  }));
  const result = fanova(features, y, DEFAULT_FOREST);
  const ranked = modelled
    .map(({ name }, j) => ({ param: name, importance: result.mainEffects[j], j }))
    .sort((a, b) => b.importance - a.importance || a.j - b.j)
    .map(({ param, importance }) => ({ param, importance }));
  const sampled =
    rows.length < finished
      ? `; computed on a fixed random subsample of ${rows.length.toLocaleString('en-US')} of the ${finished.toLocaleString('en-US')} finished trials`
      : '';
  return {
    method: `${IMPORTANCE_METHOD}${sampled}`,
    metric: metric.name,
    trials: rows.length,
    params: ranked,
    interactions: result.interactions,
  };
}

function confidenceOf(p: number): RegionConfidence {
  return p <= 0.01 ? 'high' : p <= 0.1 ? 'medium' : 'low';
}

function recommendedRegion(
  ctx: DetectorContext,
  findings: Finding[],
  params: Param[],
  usable: number[],
  metric: NumberColumn,
  role: MetricRole,
  importance: Importance | null,
): RecommendedRegion | null {
  const doubtful = new Uint8Array(ctx.table.rowCount);
  for (const f of findings) {
    if (f.severity === 'critical' || (f.severity === 'warning' && UNTRUSTED.has(f.detector))) {
      for (const r of f.rows) doubtful[r] = 1;
    }
  }
  const ranked = usable.filter((row) => doubtful[row] === 0);
  if (ranked.length < MIN_REGION_TRIALS) return null;
  const k = Math.min(MAX_TOP_K, Math.max(MIN_TOP_K, Math.ceil(TOP_FRACTION * ranked.length)));
  const top = bestRows(ranked, metric.values, role.direction === 'min' ? 1 : -1, k);
  const order = new Map(importance?.params.map((p, i) => [p.param, i]));
  const regionParams = params
    .map(({ name, column }) => regionParam(ctx, name, column, ranked, top))
    .filter((p): p is RegionParam => p !== null)
    .sort(
      (a, b) =>
        (order.get(a.param) ?? Infinity) - (order.get(b.param) ?? Infinity) || a.pValue - b.pValue,
    );
  return {
    metric: metric.name,
    direction: role.direction,
    topK: k,
    ranked: ranked.length,
    excluded: usable.length - ranked.length,
    runIds: top.map((row) => ctx.runIds[row]),
    values: top.map((row) => metric.values[row]),
    params: regionParams,
  };
}

/**
 * The k best rows, best first (earlier rows first among equal values). The k-th best value comes
 * from a quickselect of the signed values, so only the k winners are sorted with a comparator
 * (0 or −0 as the cutoff: the comparison below treats them alike).
 */
function bestRows(rows: number[], values: Float64Array, sign: number, k: number): number[] {
  const signed = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) signed[i] = sign * values[rows[i]];
  const cutoff = kthSmallest(signed, k - 1);
  const winners = rows.filter((row) => sign * values[row] <= cutoff);
  return winners.sort((a, b) => sign * (values[a] - values[b]) || a - b).slice(0, k);
}

function regionParam(
  ctx: DetectorContext,
  name: string,
  column: Column,
  ranked: number[],
  top: number[],
): RegionParam | null {
  if (column.kind === 'time') return null;
  if (column.kind !== 'number') {
    // Keys are the codes (−1 missing): counted in an array indexed by code + 1.
    const labels = (key: number) => (key < 0 ? MISSING_LABEL : column.labels[key]);
    const slot = (row: number) => column.codes[row] + 1;
    return valuesParam(name, slot, column.labels.length + 1, (k) => k - 1, labels, ranked, top);
  }
  // A grid of at most MAX_VALUE_BUCKETS values is read by value: slots 0 … 5 are the values in
  // order of appearance (0 and −0 alike, as Map keys), then NaN tokens, then anything else
  // (missing cells and infinities), each with a key of its own formatted once.
  const distinct: number[] = [];
  const slots = new Int8Array(ctx.table.rowCount);
  for (const row of ranked) {
    const v = finiteAt(column, row);
    if (v === null) {
      slots[row] = column.states[row] === CellState.nan ? MAX_VALUE_BUCKETS : MAX_VALUE_BUCKETS + 1;
      continue;
    }
    let i = distinct.indexOf(v);
    if (i < 0) {
      if (distinct.length === MAX_VALUE_BUCKETS) return rangeParam(ctx, name, column, ranked, top);
      i = distinct.push(v === 0 ? 0 : v) - 1; // a Map keeps −0 as 0 too
    }
    slots[row] = i;
  }
  const key = (slot: number): number | string =>
    slot < distinct.length ? distinct[slot] : slot === MAX_VALUE_BUCKETS ? 'NaN' : MISSING_LABEL;
  const label = (k: number | string) => (typeof k === 'number' ? formatNumber(k) : k);
  return valuesParam(name, (row) => slots[row], MAX_VALUE_BUCKETS + 2, key, label, ranked, top);
}

function rangeParam(
  ctx: DetectorContext,
  name: string,
  column: NumberColumn,
  ranked: number[],
  top: number[],
): RegionParam | null {
  const best = top.map((row) => finiteAt(column, row)).filter((v): v is number => v !== null);
  if (best.length < 2) return null;
  const lo = Math.min(...best);
  const hi = Math.max(...best);
  let searchedLo = Infinity;
  let searchedHi = -Infinity;
  for (let row = 0; row < ctx.table.rowCount; row++) {
    const v = finiteAt(column, row);
    if (v === null) continue;
    if (v < searchedLo) searchedLo = v;
    if (v > searchedHi) searchedHi = v;
  }
  let inside = 0;
  let finite = 0;
  for (const row of ranked) {
    const v = finiteAt(column, row);
    if (v === null) continue;
    finite++;
    if (v >= lo && v <= hi) inside++;
  }
  const share = inside / finite;
  const k = best.length;
  // Distribution of the range of k uniform order statistics: P(R ≤ s) = k s^(k−1) − (k−1) s^k.
  const pValue = Math.min(1, Math.max(0, k * share ** (k - 1) - (k - 1) * share ** k));
  const atLow = lo <= searchedLo;
  const atHigh = hi >= searchedHi;
  return {
    kind: 'range',
    param: name,
    share,
    pValue,
    confidence: confidenceOf(pValue),
    lo,
    hi,
    searchedLo,
    searchedHi,
    edge: atLow && atHigh ? 'both' : atLow ? 'low' : atHigh ? 'high' : null,
    logScale: searchedLo > 0 && searchedHi / searchedLo >= 100,
  };
}

/**
 * One row's value as a slot: slots stand one-to-one for keys (values as they were compared), so
 * the counts over every ranked trial go in an array, not a Map keyed by value.
 */
function valuesParam<K>(
  name: string,
  slotOf: (row: number) => number,
  slots: number,
  key: (slot: number) => K,
  label: (key: K) => string,
  ranked: number[],
  top: number[],
): RegionParam | null {
  const all = new Int32Array(slots);
  let searched = 0;
  for (const row of ranked) if (all[slotOf(row)]++ === 0) searched++;
  if (searched < 2) return null;
  // Slots in order of appearance among the best.
  const best = new Map<number, number>();
  for (const row of top) {
    const slot = slotOf(row);
    best.set(slot, (best.get(slot) ?? 0) + 1);
  }
  const values: RegionValue[] = [...best]
    .map(([slot, count]) => ({ value: label(key(slot)), best: count, all: all[slot] }))
    // Most frequent among the best first; at equal counts the rarer value is the stronger sign.
    .sort((a, b) => b.best - a.best || a.all - b.all || (a.value < b.value ? -1 : 1));
  const head = values[0];
  const pHead = hypergeometricUpperTail(head.best, {
    N: ranked.length,
    K: head.all,
    n: top.length,
  });
  const pValue = Math.min(1, pHead * values.length);
  return {
    kind: 'values',
    param: name,
    searchedValues: searched,
    share: head.all / ranked.length,
    pValue,
    confidence: confidenceOf(pValue),
    values,
  };
}
