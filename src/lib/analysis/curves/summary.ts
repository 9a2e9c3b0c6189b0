/**
 * CurveSummary: what the page and the report know about the loaded curves (runs, metrics, the
 * default metric and one leaderboard per rankable metric).
 */
import type {
  CurveMetricInfo,
  CurveMetricKind,
  CurveRunInfo,
  CurveSet,
  CurveSummary,
  MetricRanking,
  RankDirection,
} from '../../model';
import { DEFAULT_RANK_OPTIONS, rankingMethod, rankRuns } from './ranking';
import {
  isBookkeeping,
  isEvalMetric,
  isGradNorm,
  isLossLike,
  metricStem,
  runIds,
  runOf,
} from './series';
import type { CurveSettings } from './settings';

const LEARNING_RATE = /(?:^|[_/.\s-])(?:lr|learning[_-]?rate)(?:$|[_/.\s-])|^lr|learning[_-]?rate/i;
const HIGHER_IS_BETTER =
  /acc|f1|auc|bleu|rouge|score|precision|recall|map|exact|match|em$|r2|iou|dice|meteor|chrf|pass/i;

export function metricKind(metric: string): CurveMetricKind {
  if (isGradNorm(metric)) return 'grad-norm';
  if (LEARNING_RATE.test(metric)) return 'learning-rate';
  if (isLossLike(metric)) return isEvalMetric(metric) ? 'eval-loss' : 'train-loss';
  if (isEvalMetric(metric) && !isBookkeeping(metric) && HIGHER_IS_BETTER.test(metric))
    return 'eval-score';
  return 'other';
}

function directionOf(metric: string, kind: CurveMetricKind): RankDirection {
  if (kind === 'eval-score') return 'max';
  if (kind === 'other' && HIGHER_IS_BETTER.test(metric) && !isBookkeeping(metric)) return 'max';
  return 'min';
}

/** Losses and held-out scores; learning rates, gradient norms and counters are not "better" lower. */
const RANKABLE = new Set<CurveMetricKind>(['eval-loss', 'train-loss', 'eval-score']);

/** A held-out loss if any, else a training loss, else the first metric; the most-logged of the kind. */
function defaultMetricOf(metrics: CurveMetricInfo[]): string | null {
  for (const kind of ['eval-loss', 'train-loss'] as const) {
    const own = metrics.filter((m) => m.kind === kind);
    if (own.length === 0) continue;
    const best = Math.max(...own.map((m) => m.runs));
    const top = own.filter((m) => m.runs === best);
    return (top.find((m) => metricStem(m.metric) === 'loss') ?? top[0]).metric;
  }
  return metrics[0]?.metric ?? null;
}

export interface CurveSummaryOptions {
  settings: CurveSettings;
  /** Row of the run table per entry of set.runs (-1: not in the table). */
  curveRows?: Int32Array;
  /** Leave the rankings out (first pass of a big load). */
  skipRankings?: boolean;
}

export function curveSummary(set: CurveSet, o: CurveSummaryOptions): CurveSummary {
  const metricOrder: string[] = [];
  const byMetric = new Map<string, { runs: Set<string>; points: number }>();
  const byRun = new Map<string, { last: number; points: number }>();
  let totalPoints = 0;
  for (const c of set.curves) {
    let m = byMetric.get(c.metric);
    if (!m) {
      m = { runs: new Set(), points: 0 };
      byMetric.set(c.metric, m);
      metricOrder.push(c.metric);
    }
    m.runs.add(c.runId);
    const r = byRun.get(c.runId) ?? { last: -Infinity, points: 0 };
    for (let i = 0; i < c.values.length; i++) {
      if (Number.isFinite(c.values[i])) m.points++;
      if (c.steps[i] > r.last) r.last = c.steps[i];
    }
    r.points += c.values.length;
    totalPoints += c.values.length;
    byRun.set(c.runId, r);
  }
  const runs = runIds(set).map((runId): CurveRunInfo => {
    const index = set.runs.findIndex((r) => r.runId === runId);
    const run = runOf(set, runId);
    const r = byRun.get(runId);
    return {
      runId,
      source: run?.source ?? '',
      params: run?.params ?? {},
      lastStep: r && Number.isFinite(r.last) ? r.last : null,
      plannedSteps: run?.plannedSteps ?? null,
      points: r?.points ?? 0,
      row: index >= 0 && o.curveRows ? (o.curveRows[index] ?? -1) : -1,
      notes: run?.notes ?? [],
    };
  });
  const metrics = metricOrder.map((metric): CurveMetricInfo => {
    const kind = metricKind(metric);
    const m = byMetric.get(metric);
    return {
      metric,
      kind,
      direction: directionOf(metric, kind),
      runs: m?.runs.size ?? 0,
      points: m?.points ?? 0,
    };
  });
  const defaultMetric = defaultMetricOf(metrics);
  const rankable = metrics
    .filter((m) => RANKABLE.has(m.kind))
    .sort((a, b) => Number(b.metric === defaultMetric) - Number(a.metric === defaultMetric));
  const options = { smoothing: o.settings.smoothing };
  const rankings = o.skipRankings
    ? []
    : rankable.map((m): MetricRanking => ({
        metric: m.metric,
        direction: m.direction,
        method: rankingMethod({ ...DEFAULT_RANK_OPTIONS, ...options }),
        runs: rankRuns(set, m.metric, m.direction, options, o.settings),
      }));
  return { runs, metrics, defaultMetric, rankings, totalPoints };
}
