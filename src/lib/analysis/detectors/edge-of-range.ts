/**
 * The best trials sit at the edge of a numeric hyperparameter's searched range, so the optimum
 * may lie outside it. For each numeric hyperparameter with at least minValues distinct values:
 * the best trial lies at the edge on one side (the extreme value of a grid of at most
 * valuesTriedOnce.maxValues values; the outer edgeFraction of the range for continuous sampling,
 * on a log scale when the range spans a decade or more or the grid is geometric), more than half of the best trials (topFraction of the scored trials, at least
 * minTopTrials) do too, so many at the edge is unlikely by luck (hypergeometric p ≤ maxPValue),
 * and the metric trends towards that edge over all trials (one-sided Spearman p ≤ maxPValue); or
 * a weaker cluster (p ≤ 10 × maxPValue) with an overwhelming trend (p ≤ maxPValue² / 10). Seed
 * replicates are collapsed to one point per configuration (mean score) first.
 * Warning when every one of the best trials is at the edge, info when most are.
 */
import { formatNumber as fmt, type Finding, type NumberColumn } from '../../model';
import type { Detector, DetectorContext } from '../context';
import {
  columnCodes,
  listIds,
  listValues,
  numericParams,
  orientation,
  scoreAt,
  sweepFacts,
  type SweepFacts,
} from '../sweep/facts';
import { hypergeometricUpper, spearman, spearmanUpperP } from '../sweep/rank-stats';
import { orderBy } from '../stats/order';

const round = (x: number) => fmt(Number(x.toPrecision(3)));
/** How much weaker than maxPValue the cluster at the edge may be when the trend is overwhelming. */
const WEAK_CLUSTER = 10;

export const edgeOfRange: Detector = {
  id: 'edge-of-range',
  label: 'Best trials at the edge of the range',
  description:
    "The best trials cluster at the minimum or maximum of a numeric hyperparameter's searched range (beyond luck, with a trend towards that edge): the optimum may lie outside the range.",
  run(ctx) {
    const facts = sweepFacts(ctx);
    const { primary, scored } = facts;
    const s = ctx.settings.edgeOfRange;
    if (!primary) return [];
    // Seed replicates are not independent evidence: one point per configuration (its first
    // row stands for it), scored by the mean over its runs (summed in row order).
    const sign = orientation(primary);
    const ids = facts.configKeys;
    let idCount = 0;
    for (const r of scored) idCount = Math.max(idCount, ids[r] + 1);
    const first = new Int32Array(idCount).fill(-1);
    const sums = new Float64Array(idCount);
    const sizes = new Int32Array(idCount);
    const points: number[] = [];
    for (const r of scored) {
      const id = ids[r];
      if (first[id] < 0) {
        first[id] = r;
        points.push(r);
      }
      sums[id] += sign * scoreAt(primary, r);
      sizes[id]++;
    }
    const better = new Float64Array(ctx.table.rowCount);
    for (const r of points) better[r] = sums[ids[r]] / sizes[ids[r]];
    const n = points.length;
    const k = Math.max(s.minTopTrials, Math.ceil(s.topFraction * n));
    if (n < Math.max(s.minTrials, 2 * k)) return [];
    // Best first, earlier configurations first among equals (as a stable sort would).
    const order = orderBy(Float64Array.from(points, (r) => -better[r]));
    const ranked = Array.from(order, (i) => points[i]);
    const group = new Map<number, number[]>();
    const configs: Configs = {
      better,
      // Only a finding lists runs: the rows of each configuration are gathered then.
      runs: (r) => {
        if (group.size === 0) {
          for (const row of scored) {
            const head = first[ids[row]];
            const list = group.get(head);
            if (list) list.push(row);
            else group.set(head, [row]);
          }
        }
        return group.get(r) ?? [r];
      },
    };
    const top = ranked.slice(0, k);
    const findings: Finding[] = [];
    for (const column of numericParams(facts)) {
      const f = judge(ctx, facts, column, ranked, top, configs);
      if (f) findings.push(f);
    }
    return findings;
  },
};

/** Configurations: each stands for its runs (`runs`) with its mean oriented score (`better`). */
interface Configs {
  better: Float64Array;
  /** The runs of the configuration a point stands for, ascending. */
  runs: (point: number) => number[];
}

interface Axis {
  lo: number;
  hi: number;
  log: boolean;
  /** The values searched, ascending, for a grid; empty for continuous sampling. */
  distinct: number[];
  /** Number of distinct values searched. */
  count: number;
  /** At most valuesTriedOnce.maxValues distinct values. */
  grid: boolean;
  pos: (v: number) => number;
}

/**
 * The searched range on the scale it was searched on: log when every value is positive and
 * either the distinct values form a geometric grid (16, 32, 64, 128), or the range spans a decade
 * or more and the values are spread more evenly on a log axis than on a linear one, or it spans
 * two decades and the name is a learning rate or weight decay. Dropout 0.01–0.5 sampled
 * uniformly stays linear.
 * `distinct` is only listed for grids (at most maxGrid values); `count` is always right.
 */
function axisOf(
  values: Float64Array,
  maxGrid: number,
  distinctInColumn: number,
  name: string,
): Axis | null {
  let lo = Infinity;
  let hi = -Infinity;
  // The first maxGrid + 1 distinct values (0 and −0 alike), enough to tell a grid.
  const few: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (few.length <= maxGrid && !few.includes(v)) few.push(v === 0 ? 0 : v);
  }
  if (!(hi > lo)) return null;
  const grid = few.length <= maxGrid;
  const distinct = grid ? few.sort((a, b) => a - b) : [];
  // Continuous: the column's distinct count (over all trials) is cheap and close enough.
  const count = grid ? few.length : distinctInColumn;
  const ratios = distinct.slice(1).map((v, i) => v / distinct[i]);
  const geometric =
    lo > 0 &&
    distinct.length >= 3 &&
    ratios.every((r) => r >= 1.5 && Math.abs(r / ratios[0] - 1) < 0.1);
  const log =
    lo > 0 &&
    (geometric ||
      (hi / lo >= 10 && looksLogSpaced(grid ? distinct : values, lo, hi)) ||
      (hi / lo >= 100 && LOG_NAMED.test(name)));
  const f = log ? Math.log : (v: number) => v;
  const span = f(hi) - f(lo);
  return { lo, hi, log, distinct, count, grid, pos: (v) => (f(v) - f(lo)) / span };
}

/** Hyperparameters conventionally searched on a log scale. */
const LOG_NAMED = /(^|_)(lr|learning_rate|weight_decay|wd|eps|epsilon|l2|reg|alpha|lambda)($|_)/i;

/**
 * Whether `values` (all in [lo, hi], lo > 0) are more evenly spread on a log axis than on a
 * linear one: the Kolmogorov–Smirnov distance of their positions from uniform, on each axis.
 */
function looksLogSpaced(values: ArrayLike<number>, lo: number, hi: number): boolean {
  // A typed-array sort is numeric and several times faster than a comparator on 100k values.
  const sorted = Float64Array.from(values).sort();
  const ks = (pos: (v: number) => number) => {
    let d = 0;
    const m = sorted.length;
    for (let i = 0; i < m; i++) {
      const p = pos(sorted[i]);
      d = Math.max(d, Math.abs(p - i / (m - 1 || 1)));
    }
    return d;
  };
  const [llo, lspan] = [Math.log(lo), Math.log(hi) - Math.log(lo)];
  return ks((v) => (Math.log(v) - llo) / lspan) < ks((v) => (v - lo) / (hi - lo));
}

function judge(
  ctx: DetectorContext,
  facts: SweepFacts,
  column: NumberColumn,
  ranked: number[],
  top: number[],
  configs: Configs,
): Finding | null {
  const s = ctx.settings.edgeOfRange;
  const primary = facts.primary!;
  // Usually every value is finite: then the ranked points themselves, without a filter pass
  // that reads the column in score order.
  const rows = allFinite(column.values)
    ? ranked
    : ranked.filter((r) => Number.isFinite(column.values[r]));
  if (rows.length < Math.max(s.minTrials, 2 * top.length)) return null;
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = column.values[rows[i]];
  const axis = axisOf(
    values,
    ctx.settings.valuesTriedOnce.maxValues,
    columnCodes(ctx, column).size,
    column.name,
  );
  if (!axis || axis.count < s.minValues) return null;
  const best = rows[0];
  const topRows = top.filter((r) => Number.isFinite(column.values[r]));
  const k = topRows.length;
  const runsOf = (list: number[]) => list.flatMap(configs.runs).sort((a, b) => a - b);
  const trials = (list: number[]) => runsOf(list).length;
  // A grid's edge is its extreme value; continuous sampling's is the outer edgeFraction.
  const grid = axis.grid;
  const fraction = grid ? 0 : s.edgeFraction;
  for (const side of ['high', 'low'] as const) {
    const inZone = (r: number) => {
      const p = axis.pos(column.values[r]);
      return side === 'high' ? p >= 1 - fraction : p <= fraction;
    };
    if (!inZone(best)) continue;
    // The zone's size and extreme values (the zone itself is not needed).
    let zoneSize = 0;
    let zoneMin = Infinity;
    let zoneMax = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const p = axis.pos(values[i]);
      if (side === 'high' ? p >= 1 - fraction : p <= fraction) {
        zoneSize++;
        zoneMin = Math.min(zoneMin, values[i]);
        zoneMax = Math.max(zoneMax, values[i]);
      }
    }
    const atEdge = topRows.filter(inZone);
    if (atEdge.length <= k / 2 || zoneSize > rows.length / 2) continue;
    const p = hypergeometricUpper(rows.length, zoneSize, k, atEdge.length);
    // A weak cluster (p up to 10 × maxPValue) counts when the trend over all trials is
    // overwhelming (p ≤ maxPValue² / 10): a steady slope with noisy best trials.
    if (p > WEAK_CLUSTER * s.maxPValue) continue;
    const toward = rows.map((r) => (side === 'high' ? 1 : -1) * axis.pos(column.values[r]));
    const better = rows.map((r) => configs.better[r]);
    const rho = spearman(toward, better);
    const pTrend = spearmanUpperP(rho, rows.length);
    const weak = p > s.maxPValue;
    const trendMax = weak ? (s.maxPValue * s.maxPValue) / 10 : s.maxPValue;
    if (pTrend > trendMax) continue;
    const edge = side === 'high' ? axis.hi : axis.lo;
    const strong = atEdge.length === k;
    const metric = primary.column.name;
    const zoneText = grid
      ? `${column.name} = ${fmt(edge)}`
      : `${column.name} ${side === 'high' ? '≥' : '≤'} ${fmt(side === 'high' ? zoneMin : zoneMax)}`;
    const next = suggest(axis, side, column, rows);
    const edgeRuns = runsOf(atEdge);
    const runIds = edgeRuns.map((r) => ctx.runIds[r]);
    const replicated = trials(rows) > rows.length;
    const unit = replicated ? 'configs' : 'trials';
    return {
      id: `edge-of-range:${column.name}`,
      detector: 'edge-of-range',
      severity: strong ? 'warning' : 'info',
      title: `${atEdge.length} of the ${k} best ${unit} sit at the ${side === 'high' ? 'top' : 'bottom'} of the ${column.name} range (${zoneText}): the optimum may lie ${side === 'high' ? 'above' : 'below'} ${fmt(edge)}`,
      runIds,
      rows: edgeRuns,
      evidence: [
        {
          label: `searched ${column.name}`,
          value: `${fmt(axis.lo)} – ${fmt(axis.hi)} (${axis.count} distinct values${axis.log ? ', log scale' : ''})`,
          column: column.name,
        },
        {
          label: `best ${k} ${unit} by ${metric}${replicated ? ' (mean over seeds)' : ''} at the edge (${zoneText})`,
          value: `${atEdge.length} of ${k} (${listIds(runIds, 4)})`,
          threshold: `> ${fmt(k / 2)}, best trial included`,
        },
        {
          label: `best ${replicated ? 'config' : 'trial'} ${ctx.runIds[best]}`,
          value: `${column.name} ${fmt(column.values[best])}, ${metric} ${fmt(replicated ? orientation(primary) * configs.better[best] : scoreAt(primary, best))}`,
        },
        {
          label: `chance of ${atEdge.length}+ of ${k} at the edge by luck (${zoneSize} of ${rows.length} ${unit} are there)`,
          value: `p = ${round(p)}`,
          threshold: `≤ ${fmt(weak ? WEAK_CLUSTER * s.maxPValue : s.maxPValue)}${weak ? ' (with an overwhelming trend)' : ''}`,
        },
        {
          label: `trend of ${metric} towards the edge (Spearman, ${rows.length} ${unit})`,
          value: `ρ = ${round(rho)}, p = ${round(pTrend)}`,
          threshold: `≤ ${fmt(trendMax)}`,
        },
      ],
      explanation: `The best results come from the ${side === 'high' ? 'largest' : 'smallest'} ${column.name} values tried and ${metric} improves towards that end, so the best setting may lie outside the searched range: the sweep's winner is then a boundary artefact, not an optimum.`,
      recommendation: `Extend ${column.name} ${side === 'high' ? 'above' : 'below'} ${fmt(edge)}: try ${listValues(next)}${axis.log ? ' (same log-scale steps)' : ''}, keeping the best settings of the other hyperparameters; stop extending once the best trials move back inside the range.`,
    };
  }
  return null;
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** Two values beyond the edge, in the grid's own steps (or half-decade steps when continuous). */
function suggest(axis: Axis, side: 'high' | 'low', column: NumberColumn, rows: number[]): string[] {
  const d = axis.distinct;
  const integer = rows.every((r) => Number.isInteger(column.values[r]));
  const unit = axis.lo >= 0 && axis.hi <= 1;
  const out: number[] = [];
  const edge = side === 'high' ? axis.hi : axis.lo;
  const inner = side === 'high' ? d[d.length - 2] : d[1];
  const grid = axis.grid;
  if (side === 'high' && unit && !integer) {
    out.push(edge + (1 - edge) / 2, edge + (3 * (1 - edge)) / 4);
  } else if (axis.log) {
    const ratio = grid ? edge / inner : side === 'high' ? Math.sqrt(10) : 1 / Math.sqrt(10);
    out.push(edge * ratio, edge * ratio * ratio);
  } else {
    const step = grid ? edge - inner : (side === 'high' ? 1 : -1) * 0.25 * (axis.hi - axis.lo);
    out.push(edge + step, edge + 2 * step);
    if (side === 'low' && axis.lo >= 0) {
      for (let i = 0; i < out.length; i++) out[i] = Math.max(out[i], i === 0 ? edge / 2 : 0);
    }
  }
  return out.map((v) => fmt(Number((integer ? Math.round(v) : v).toPrecision(3))));
}
