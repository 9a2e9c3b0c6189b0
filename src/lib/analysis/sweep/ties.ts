/**
 * Trials whose primary metric is exactly the same although their configurations differ, shared
 * by collapsed-trials (which reports them) and duplicate-results (which leaves them to it).
 */
import type { Column } from '../../model';
import { type DetectorContext } from '../context';
import { chanceResolver } from './chance';
import { columnCodes, orientation, scoreAt, sweepFacts } from './facts';
import { isAccuracyName, isFinePrecision, metricKind } from './metric-kind';
import { scaleOverScored } from './scales';
import { tieGroupsSorted } from './tie-groups';

export { sameValue, tieGroups } from './tie-groups';
import type { PrimaryMetric } from './primary-metric';
import { isQuantised } from './resolution';

export interface TiedGroup {
  /** Row indices, ascending. */
  rows: number[];
  value: number;
  /** A failure (chance, zero, far below the rest) rather than a setting without effect. */
  degenerate: boolean;
  /** Why it is degenerate, for the evidence; '' when it is not. */
  why: string;
  /** Logged at full precision, so the tie cannot be a coincidence. */
  distinctive: boolean;
  /** How many different configurations (seeds ignored) share the value. */
  configs: number;
}

const cache = new WeakMap<DetectorContext, TiedGroup[]>();

/** Groups of ≥ minTrials scored trials with ≥ 2 configs and one primary value, worth reporting. */
export function collapsedGroups(ctx: DetectorContext): TiedGroup[] {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const { primary, scored } = sweepFacts(ctx);
  const out = primary ? collapsedGroupsOf(ctx, primary, scored) : [];
  cache.set(ctx, out);
  return out;
}

/**
 * The same for any metric (given as a primary-like column and role), among `rows`: the rows
 * the metric is judged on (scored trials with a finite value of it).
 */
export function collapsedGroupsOf(
  ctx: DetectorContext,
  primary: PrimaryMetric,
  scored: readonly number[],
  degenerateOnly = false,
): TiedGroup[] {
  const { configKeys, unconfigured } = sweepFacts(ctx);
  const { minTrials, tolerance } = ctx.settings.collapsedTrials;
  const out: TiedGroup[] = [];
  if (scored.length >= minTrials) {
    const valueOf = (row: number) => scoreAt(primary, row);
    const sign = orientation(primary);
    const values = new Float64Array(scored.length);
    for (let i = 0; i < scored.length; i++) values[i] = valueOf(scored[i]);
    const sorted = values.slice().sort();
    // Oriented (larger = better) and ascending; a group is a contiguous block of it. Reversing
    // the negated ascending values gives what sorting them would (-0 still before 0).
    const oriented = sign === 1 ? sorted : sorted.map((_, i) => -sorted[sorted.length - 1 - i]);
    const kind = metricKind(primary.column.name, primary.role);
    const accuracy = kind === 'bounded' && isAccuracyName(primary.column.name, primary.role);
    // `scored` keeps every scored trial with a finite value: the column's scale over them.
    const scale = scaleOverScored(ctx, primary.column);
    const chance = accuracy ? chanceResolver(ctx) : null;
    let quantised: boolean | null = null;
    for (const rows of tieGroupsSorted(scored, values, sorted, tolerance, minTrials)) {
      // Rows without any hyperparameter value are not configurations of the sweep.
      const keys = new Set<number>();
      for (const r of rows) if (unconfigured[r] === 0) keys.add(configKeys[r]);
      if (keys.size < 2) continue;
      const value = valueOf(rows[0]);
      let why = '';
      const c = chance?.at(primary.column.name, rows[0]);
      const upper = scale?.upper ?? 1;
      if (c && value / upper <= c.level * (1 + ctx.settings.atChance.margin)) {
        why = `at chance (${c.source})`;
      } else if (kind === 'bounded' && value === 0) {
        why = 'zero: the model is never right';
      } else if (
        isFarBelow(
          oriented,
          lowest(rows, (r) => sign * valueOf(r)),
          rows.length,
        )
      ) {
        why = 'far worse than the other trials (an outlier below the rest)';
      }
      // Callers that keep failures only need not decide whether a normal tie is distinctive.
      if (degenerateOnly && why === '') continue;
      // k/n accuracies of a small eval set tie by chance: decided once for the column.
      quantised ??= isQuantised(scored.map(valueOf));
      const distinctive = isFinePrecision(value) && !quantised;
      if (why === '' && !distinctive) continue;
      out.push({ rows, value, degenerate: why !== '', why, distinctive, configs: keys.size });
    }
  }
  return out;
}

/** Math.min over the rows' values (as Math.min, -0 below 0), without spreading a big array. */
function lowest(rows: readonly number[], valueOf: (row: number) => number): number {
  let min = Infinity;
  for (const r of rows) min = Math.min(min, valueOf(r));
  return min;
}

/**
 * Whether `value` (repeated `count` times in the ascending `all`) is an outlier on the bad side
 * of the other trials: below Tukey's lower fence (Q1 − 1.5 × IQR) of the rest and at least
 * max(3 × IQR, 10% of their median) worse than that median; with fewer than four others, simply
 * worse than all of them. Values are oriented so that larger is better.
 */
function isFarBelow(all: Float64Array, value: number, count: number): boolean {
  const n = all.length - count;
  if (n <= 0) return false;
  // The group is the block [from, from + count) of `all`; the others are the rest, in order.
  let [from, to] = [0, all.length];
  while (from < to) {
    const mid = (from + to) >> 1;
    if (all[mid] < value) from = mid + 1;
    else to = mid;
  }
  const other = (i: number) => all[i < from ? i : i + count];
  const quantile = (q: number) => {
    const pos = (n - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, n - 1);
    return other(lo) + (other(hi) - other(lo)) * (pos - lo);
  };
  if (n < 4) return value < other(0);
  const q1 = quantile(0.25);
  const q3 = quantile(0.75);
  const mid = quantile(0.5);
  const iqr = q3 - q1;
  return value < q1 - 1.5 * iqr && mid - value >= Math.max(3 * iqr, 0.1 * Math.abs(mid));
}

export interface ParamValues {
  column: Column;
  values: string[];
}

export interface GroupParams {
  /** One value in every trial of the group. */
  common: ParamValues[];
  /** Values that never occur among the other scored trials: the settings that single the group out. */
  separating: ParamValues[];
  /** Several values inside the group: settings that made no difference to the result. */
  varying: ParamValues[];
  /** Every scored trial with all the common values is in the group. */
  coversCommon: boolean;
}

/**
 * Per column, the scored trials grouped by code (counts, and the rows of each code), built once
 * per analysis: sweeps with hundreds of tied groups would otherwise rescan every trial per group.
 */
interface ScoredIndex {
  counts: Int32Array;
  /** Built on first use: most columns are only asked for their counts. */
  rows: { offsets: Int32Array; rows: Int32Array } | null;
  codes: Int32Array;
}
const scoredIndexCache = new WeakMap<DetectorContext, Map<Column, ScoredIndex>>();

function scoredIndex(ctx: DetectorContext, column: Column): ScoredIndex {
  let byColumn = scoredIndexCache.get(ctx);
  if (!byColumn) scoredIndexCache.set(ctx, (byColumn = new Map()));
  let index = byColumn.get(column);
  if (!index) {
    const { codes, size } = columnCodes(ctx, column);
    const scored = sweepFacts(ctx).scored;
    const counts = new Int32Array(size);
    for (let i = 0; i < scored.length; i++) {
      const c = codes[scored[i]];
      if (c >= 0) counts[c]++;
    }
    byColumn.set(column, (index = { counts, rows: null, codes }));
  }
  return index;
}

/** The scored trials of each code: rows[offsets[c] … offsets[c + 1]). */
function scoredRows(ctx: DetectorContext, index: ScoredIndex) {
  if (!index.rows) {
    const { counts, codes } = index;
    const size = counts.length;
    const scored = sweepFacts(ctx).scored;
    const offsets = new Int32Array(size + 1);
    for (let c = 0; c < size; c++) offsets[c + 1] = offsets[c] + counts[c];
    const fill = offsets.slice(0, size);
    const rows = new Int32Array(offsets[size]);
    for (const r of scored) if (codes[r] >= 0) rows[fill[codes[r]]++] = r;
    index.rows = { offsets, rows };
  }
  return index.rows;
}

/** How the group's hyperparameters relate to the rest of the scored trials. */
export function groupParams(ctx: DetectorContext, rows: readonly number[]): GroupParams {
  const facts = sweepFacts(ctx);
  const inGroup = new Set(rows);
  const scored = scoredFlags(ctx);
  const groupScored = rows.filter((r) => scored[r] === 1);
  const restCount = facts.scored.length - groupScored.length;
  const result: GroupParams = { common: [], separating: [], varying: [], coversCommon: false };
  const commonCodes: { codes: Int32Array; code: number; column: Column }[] = [];
  for (const column of facts.params) {
    const { codes, label } = columnCodes(ctx, column);
    const inside = [...new Set(rows.map((r) => codes[r]))].filter((c) => c >= 0);
    if (inside.length === 0) continue;
    const values = inside.map(label);
    const present = rows.every((r) => codes[r] >= 0);
    if (values.length === 1 && present) {
      result.common.push({ column, values });
      commonCodes.push({ codes, code: inside[0], column });
    } else {
      result.varying.push({ column, values: sortValues(values) });
    }
    if (present && restCount > 0) {
      // A value is separating when no scored trial outside the group holds it.
      // Counted in a Map: a group has a few values, the column up to one per trial.
      const insideCounts = new Map<number, number>();
      for (const r of groupScored)
        insideCounts.set(codes[r], (insideCounts.get(codes[r]) ?? 0) + 1);
      const total = scoredIndex(ctx, column).counts;
      if (inside.every((c) => total[c] === (insideCounts.get(c) ?? 0))) {
        result.separating.push({ column, values: sortValues(values) });
      }
    }
  }
  result.coversCommon = commonCodes.length > 0 && !commonOutside(ctx, commonCodes, inGroup);
  return result;
}

/** Whether a scored trial outside the group shares every common value (scans the rarest value). */
function commonOutside(
  ctx: DetectorContext,
  common: readonly { codes: Int32Array; code: number; column: Column }[],
  inGroup: ReadonlySet<number>,
): boolean {
  let rarest = scoredIndex(ctx, common[0].column);
  let rarestCode = common[0].code;
  for (const { column, code } of common) {
    const index = scoredIndex(ctx, column);
    if (index.counts[code] < rarest.counts[rarestCode]) [rarest, rarestCode] = [index, code];
  }
  const { offsets, rows } = scoredRows(ctx, rarest);
  for (let i = offsets[rarestCode]; i < offsets[rarestCode + 1]; i++) {
    const r = rows[i];
    if (!inGroup.has(r) && common.every(({ codes, code }) => codes[r] === code)) return true;
  }
  return false;
}

const scoredFlagsCache = new WeakMap<DetectorContext, Uint8Array>();

/** 1 for the scored rows. */
function scoredFlags(ctx: DetectorContext): Uint8Array {
  let flags = scoredFlagsCache.get(ctx);
  if (!flags) {
    flags = new Uint8Array(ctx.table.rowCount);
    for (const row of sweepFacts(ctx).scored) flags[row] = 1;
    scoredFlagsCache.set(ctx, flags);
  }
  return flags;
}

function sortValues(values: string[]): string[] {
  const numeric = values.every((v) => Number.isFinite(Number(v)));
  return numeric ? [...values].sort((a, b) => Number(a) - Number(b)) : values;
}
