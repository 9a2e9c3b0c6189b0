/**
 * Pairs of hyperparameters the sweep design moved together, so their effects cannot be told
 * apart. Judged over every trial where both are set (the design, not the outcomes):
 * - aliased: each value of one always comes with the same value of the other, both ways (every
 *   value in at least 2 trials), or one way when the determining one has more values (every value
 *   in at least 3 trials): a nested design;
 * - numeric pairs with |Spearman ρ| ≥ minCorrelation;
 * - a number whose ranges per value of a grid-like setting (at most valuesTriedOnce.maxValues
 *   values) do not overlap: lr 1e-4–1e-3 for adam, 1e-2–1e-1 for sgd.
 * Warning, one finding per pair.
 */
import {
  formatNumber as fmt,
  type Column,
  type Evidence,
  type Finding,
  type NumberColumn,
} from '../../model';
import type { Detector, DetectorContext } from '../context';
import { columnCodes, sweepFacts, type ColumnCodes } from '../sweep/facts';
import { averageRanks, pearson } from '../sweep/rank-stats';

interface Confound {
  how: 'aliased' | 'nested' | 'correlated' | 'separated';
  evidence: Evidence[];
  summary: string;
}

/**
 * Rank correlations are estimated on at most this many trials (an even stride through the
 * sweep): enough to tell |ρ| ≥ 0.9 from 0.8 (standard error < 0.01), and it keeps a
 * 100,000-trial sweep from sorting every numeric column.
 */
const MAX_RANKED = 5000;

/** One hyperparameter, prepared once for all its pairs. */
interface Prepared {
  column: Column;
  codes: ColumnCodes;
  /** Number of distinct values. */
  levels: number;
  /** Whether every row has a value. */
  full: boolean;
  /** Average ranks over the sampled rows, when `full` and every value is a finite number. */
  ranks: Float64Array | null;
}

function prepare(ctx: DetectorContext, column: Column, sample: readonly number[]): Prepared {
  const codes = columnCodes(ctx, column);
  let full = true;
  for (let r = 0; r < codes.codes.length && full; r++) full = codes.codes[r] >= 0;
  let numeric = column.kind === 'number' && full;
  if (column.kind === 'number') {
    const values = column.values;
    for (let r = 0; r < values.length && numeric; r++) numeric = Number.isFinite(values[r]);
  }
  return {
    column,
    codes,
    levels: codes.size,
    full,
    ranks:
      numeric && column.kind === 'number'
        ? averageRanks(sample.map((r) => column.values[r]))
        : null,
  };
}

/** An even stride of at most MAX_RANKED of the rows. */
function strideSample(rows: readonly number[]): number[] {
  if (rows.length <= MAX_RANKED) return [...rows];
  const step = rows.length / MAX_RANKED;
  return Array.from({ length: MAX_RANKED }, (_, i) => rows[Math.floor(i * step)]);
}

export const confoundedParams: Detector = {
  id: 'confounded-params',
  label: 'Confounded hyperparameters',
  description:
    'Pairs of hyperparameters that move together by design: |Spearman ρ| ≥ minCorrelation, values that always come together (aliased or nested), or numeric ranges that do not overlap between the values of a categorical setting.',
  run(ctx) {
    const { minCorrelation, minTrials } = ctx.settings.confoundedParams;
    const maxLevels = ctx.settings.valuesTriedOnce.maxValues;
    // Every pair needs minTrials rows where both are set: with fewer rows in the table no pair
    // can qualify, and skipping the params² pair loop keeps a wide, short table linear.
    if (ctx.table.rowCount < minTrials) return [];
    const all = Array.from({ length: ctx.table.rowCount }, (_, i) => i);
    const sample = strideSample(all);
    const facts = sweepFacts(ctx);
    const params = facts.params.map((c) => prepare(ctx, c, sample));
    // Distinct counts over all rows, computed once: per pair they cost O(params² × rows).
    const configsOfAll = distinctIds(facts.configKeys, all);
    // Over every row each code occurs, and a missing cell counts as one more value.
    const valuesOfAll = new Map(params.map((p) => [p, p.levels + (p.full ? 0 : 1)] as const));
    const findings: Finding[] = [];
    for (let i = 0; i < params.length; i++) {
      for (let j = i + 1; j < params.length; j++) {
        const [a, b] = [params[i], params[j]];
        const rows =
          a.full && b.full
            ? all
            : all.filter((r) => a.codes.codes[r] >= 0 && b.codes.codes[r] >= 0);
        if (rows.length < minTrials) continue;
        // In a replicated random search every continuous value belongs to one configuration,
        // so it trivially "determines" every other setting: not a design choice. A real
        // conditional design on such a number shows as separated ranges, tested below.
        const whole = rows === all;
        const configs = whole ? configsOfAll : distinctIds(facts.configKeys, rows);
        const valuesOf = (p: Prepared) => (whole ? valuesOfAll.get(p)! : distinctValues(p, rows));
        const found =
          (isConfigId(a, valuesOf(a), configs) || isConfigId(b, valuesOf(b), configs)
            ? null
            : aliasing(a, b, rows, maxLevels)) ??
          correlation(a, b, rows, rows === all, minCorrelation) ??
          separation(a, b, rows, maxLevels) ??
          separation(b, a, rows, maxLevels);
        if (found) findings.push(finding(ctx, a.column, b.column, rows, found));
      }
    }
    return findings;
  },
};

/**
 * Whether the number `p` takes about one value per configuration over `rows` (at least 80% as
 * many values as there are configurations, and more than 3): then each value names a
 * configuration and the values of every other setting follow from it.
 */
function isConfigId(p: Prepared, values: number, configs: number): boolean {
  if (p.column.kind !== 'number' || configs <= 3) return false;
  return values > 3 && values >= 0.8 * configs;
}

/** Distinct configuration ids (non-negative) over `rows`. */
function distinctIds(ids: Int32Array, rows: readonly number[]): number {
  let max = 0;
  for (const r of rows) max = Math.max(max, ids[r]);
  const seen = new Uint8Array(max + 1);
  let distinct = 0;
  for (const r of rows) {
    if (seen[ids[r]] === 0) {
      seen[ids[r]] = 1;
      distinct++;
    }
  }
  return distinct;
}

/** Distinct codes over `rows`, a missing cell (−1) counting as one more value. */
function distinctValues(p: Prepared, rows: readonly number[]): number {
  const seen = new Uint8Array(p.levels + 1);
  let distinct = 0;
  const codes = p.codes.codes;
  for (const r of rows) {
    const k = codes[r] + 1;
    if (seen[k] === 0) {
      seen[k] = 1;
      distinct++;
    }
  }
  return distinct;
}

/** A cell key for prose: numbers in the short evidence format. */
function shown(key: string): string {
  const v = Number(key);
  return key !== '' && Number.isFinite(v) ? fmt(v) : key;
}

/** Trials per code over `rows`. */
function countsOf(p: Prepared, rows: readonly number[]): Int32Array {
  const out = new Int32Array(p.levels);
  for (const r of rows) out[p.codes.codes[r]]++;
  return out;
}

/** For each code of `from`, the single code of `to` it comes with (−1: none); null if several. */
function mapping(from: Prepared, to: Prepared, rows: readonly number[]): Int32Array | null {
  const out = new Int32Array(from.levels).fill(-1);
  const a = from.codes.codes;
  const b = to.codes.codes;
  for (const r of rows) {
    const seen = out[a[r]];
    if (seen >= 0 && seen !== b[r]) return null;
    out[a[r]] = b[r];
  }
  return out;
}

function aliasing(a: Prepared, b: Prepared, rows: number[], maxLevels: number): Confound | null {
  if (a.levels > maxLevels || b.levels > maxLevels) return null;
  // Both ways several values: no aliasing or nesting, whatever the counts (mapping stops at the
  // first conflict, counting scans every row).
  const ab = mapping(a, b, rows);
  const ba = mapping(b, a, rows);
  if (!ab && !ba) return null;
  const present = (counts: Int32Array) => [...counts].filter((c) => c > 0);
  const ca = present(countsOf(a, rows));
  const cb = present(countsOf(b, rows));
  if (ca.length < 2 || cb.length < 2) return null;
  const pairs = (m: Int32Array, x: Prepared, y: Prepared) =>
    [...m]
      .map((v, u) => [u, v])
      .filter(([, v]) => v >= 0)
      .map(
        ([u, v]) =>
          `${x.column.name} ${shown(x.codes.label(u))} → ${y.column.name} ${shown(y.codes.label(v))}`,
      )
      .join(', ');
  if (ab && ba && Math.min(...ca) >= 2 && Math.min(...cb) >= 2) {
    return {
      how: 'aliased',
      summary: `aliased: each ${a.column.name} value always comes with the same ${b.column.name} value`,
      evidence: [{ label: 'value pairs', value: pairs(ab, a, b) }],
    };
  }
  for (const [x, y, m, cx, cy] of [
    [a, b, ab, ca, cb],
    [b, a, ba, cb, ca],
  ] as const) {
    if (m && cx.length > cy.length && Math.min(...cx) >= 3) {
      return {
        how: 'nested',
        summary: `nested: ${x.column.name} determines ${y.column.name}`,
        evidence: [{ label: `${y.column.name} given ${x.column.name}`, value: pairs(m, x, y) }],
      };
    }
  }
  return null;
}

function correlation(
  a: Prepared,
  b: Prepared,
  rows: number[],
  allRows: boolean,
  min: number,
): Confound | null {
  if (a.column.kind !== 'number' || b.column.kind !== 'number') return null;
  let x: ArrayLike<number>;
  let y: ArrayLike<number>;
  if (allRows && a.ranks && b.ranks) {
    [x, y] = [a.ranks, b.ranks];
  } else {
    const sample = strideSample(rows);
    const va = sample.map((r) => (a.column as NumberColumn).values[r]);
    const vb = sample.map((r) => (b.column as NumberColumn).values[r]);
    if (!va.every(Number.isFinite) || !vb.every(Number.isFinite)) return null;
    [x, y] = [averageRanks(va), averageRanks(vb)];
  }
  const rho = pearson(x, y);
  if (!(Math.abs(rho) >= min)) return null;
  const value = fmt(Number(rho.toPrecision(3)));
  return {
    how: 'correlated',
    summary: `Spearman ρ = ${value}`,
    evidence: [
      {
        label: `Spearman ρ(${a.column.name}, ${b.column.name})`,
        value,
        threshold: `|ρ| ≥ ${fmt(min)}`,
      },
    ],
  };
}

/** Ranges of the number `num` per value of the grid-like `cat` that do not overlap. */
function separation(
  num: Prepared,
  cat: Prepared,
  rows: number[],
  maxLevels: number,
): Confound | null {
  if (num.column.kind !== 'number' || cat.levels > maxLevels) return null;
  const values = num.column.values;
  const codes = cat.codes.codes;
  const lo = new Float64Array(cat.levels).fill(Infinity);
  const hi = new Float64Array(cat.levels).fill(-Infinity);
  const count = new Int32Array(cat.levels);
  // Ranges only widen as rows are added, so once two of them overlap the answer is null: check
  // after blocks of doubling size, which ends a random design's scan after a few hundred rows.
  let check = 256;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const c = codes[r];
    const v = values[r];
    count[c]++;
    if (v < lo[c]) lo[c] = v;
    if (v > hi[c]) hi[c] = v;
    if (i + 1 === check) {
      if (overlapping(lo, hi, count)) return null;
      check *= 2;
    }
  }
  const ranges = [...count]
    .map((n, code) => ({
      label: shown(cat.codes.label(code)),
      count: n,
      lo: lo[code],
      hi: hi[code],
    }))
    .filter((g) => g.count > 0);
  if (ranges.length < 2) return null;
  if (
    ranges.some(
      (g) => g.count < 2 || !Number.isFinite(g.lo) || !Number.isFinite(g.hi) || g.lo === g.hi,
    )
  ) {
    return null;
  }
  ranges.sort((p, q) => p.lo - q.lo);
  for (let k = 1; k < ranges.length; k++) if (ranges[k].lo <= ranges[k - 1].hi) return null;
  return {
    how: 'separated',
    summary: `${num.column.name} ranges do not overlap between ${cat.column.name} values`,
    evidence: ranges.map((g) => ({
      label: `${num.column.name} when ${cat.column.name} = ${g.label}`,
      value: `${fmt(g.lo)} – ${fmt(g.hi)} (${g.count} trials)`,
    })),
  };
}

/** Whether two of the non-empty ranges [lo, hi] share a point. */
function overlapping(lo: Float64Array, hi: Float64Array, count: Int32Array): boolean {
  for (let p = 0; p < lo.length; p++) {
    if (count[p] === 0) continue;
    for (let q = p + 1; q < lo.length; q++) {
      if (count[q] > 0 && lo[p] <= hi[q] && lo[q] <= hi[p]) return true;
    }
  }
  return false;
}

function finding(
  ctx: DetectorContext,
  a: Column,
  b: Column,
  rows: number[],
  found: Confound,
): Finding {
  const derived =
    found.how === 'correlated' || found.how === 'aliased'
      ? ` If one is computed from the other (an output such as a ratio or a size, not a setting), mark it as a metric or ignore it in the Data cell.`
      : '';
  return {
    id: `confounded-params:${a.name}~${b.name}`,
    detector: 'confounded-params',
    severity: 'warning',
    title: `${a.name} and ${b.name} are confounded by the design (${found.summary})`,
    runIds: rows.map((r) => ctx.runIds[r]),
    rows,
    evidence: [
      { label: 'trials where both are set', value: String(rows.length) },
      ...found.evidence,
    ],
    explanation: `In this sweep ${a.name} and ${b.name} changed together, so any effect seen for one is equally an effect of the other: importance, issue rates and the recommended region cannot attribute it to either.`,
    recommendation: `Vary them independently in the next sweep (a grid over both, or sample each on its own)${found.how === 'separated' || found.how === 'nested' ? ', or analyse each subgroup separately if the space is conditional by design' : ''}.${derived}`,
  };
}
