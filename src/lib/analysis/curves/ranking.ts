/**
 * Ranking of runs on one metric: final value (mean of the smoothed tail), convergence speed (first
 * step within 5 % of the start-to-final range of the final value), stability (residual noise around
 * the smoothed curve, relative, and spike count). Composite = mean of the three component ranks.
 */
import {
  formatNumber as fmt,
  type CurveSet,
  type RankDirection,
  type RankedRun,
} from '../../model';
import { DEFAULT_CURVE_SETTINGS, type CurveSettings } from './settings';
import { dedupeRestarts, findSpikes, finitePoints, median, smoothEma } from './series';

export { smoothEma } from './series';

/** The `method` sentence of a MetricRanking. */
export function rankingMethod(o: RankOptions = DEFAULT_RANK_OPTIONS): string {
  return (
    `Composite rank = mean of three component ranks (1 = best): final value (mean of the last ${Math.round(100 * o.tailFraction)}% of the curve after TensorBoard smoothing at ${o.smoothing}), ` +
    `convergence (first step within ${Math.round(100 * o.convergenceTolerance)}% of the start-to-final range of the final value) and stability (spike count, then noise around the smoothed curve). ` +
    'A resumed run keeps only the last write of each step.'
  );
}

export interface RankOptions {
  smoothing: number;
  /** Share of the points whose smoothed mean is the final value. */
  tailFraction: number;
  /** Within this fraction of the start-to-final range counts as converged. */
  convergenceTolerance: number;
}

export const DEFAULT_RANK_OPTIONS: RankOptions = {
  smoothing: DEFAULT_CURVE_SETTINGS.smoothing,
  tailFraction: 0.1,
  convergenceTolerance: 0.05,
};

/** Average ranks (1 = smallest key), ties sharing their mean rank. */
function ranksOf(keys: number[][]): number[] {
  const order = keys.map((_, i) => i);
  const cmp = (a: number, b: number): number => {
    for (let k = 0; k < keys[a].length; k++) {
      const d = keys[a][k] - keys[b][k];
      if (d !== 0) return d;
    }
    return 0;
  };
  order.sort(cmp);
  const ranks = new Array<number>(keys.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && cmp(order[i], order[j + 1]) === 0) j++;
    for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

export function rankRuns(
  set: CurveSet,
  metric: string,
  direction: RankDirection,
  options: Partial<RankOptions> = {},
  s: CurveSettings = DEFAULT_CURVE_SETTINGS,
): RankedRun[] {
  const o: RankOptions = { ...DEFAULT_RANK_OPTIONS, ...options };
  const sign = direction === 'min' ? 1 : -1;
  const rows: Omit<RankedRun, 'score' | 'rank' | 'componentRanks' | 'explanation'>[] = [];
  for (const curve of set.curves) {
    if (curve.metric !== metric) continue;
    // A resumed run logs some steps twice; score the curve as it stands after the restart.
    const deduped = dedupeRestarts(curve);
    const brokenFromStep = nonFiniteTail(deduped.steps, deduped.values);
    const points = finitePoints(deduped);
    const { steps, values } = points;
    const n = values.length;
    if (n === 0) continue;
    const smooth = smoothEma(values, o.smoothing);
    const tail = Math.max(1, Math.ceil(n * o.tailFraction));
    let finalValue = 0;
    for (let i = n - tail; i < n; i++) finalValue += smooth[i] / tail;
    const tol = o.convergenceTolerance * Math.abs(smooth[0] - finalValue);
    let convergenceStep = steps[n - 1];
    for (let i = 0; i < n; i++) {
      if (Math.abs(smooth[i] - finalValue) <= tol) {
        convergenceStep = steps[i];
        break;
      }
    }
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (values[i] - smooth[i]) ** 2;
    const scale = median(values.map(Math.abs)) || 1;
    const stability = Math.sqrt(ss / n) / scale;
    // Spikes are bad excursions: upwards for a loss, downwards for a score.
    const signed = { steps, values: values.map((v) => sign * v) };
    const spikes =
      n >= s.minPoints
        ? findSpikes(direction === 'min' ? points : signed, {
            window: s.spikeWindow,
            minHistory: s.spikeMinHistory,
            madK: s.spikeMadK,
            minRise: s.spikeMinRise,
            minRangeFraction: s.spikeMinRangeFraction,
          }).length
        : 0;
    rows.push({
      runId: curve.runId,
      finalValue,
      convergenceStep,
      stability,
      spikes,
      brokenFromStep,
    });
  }
  const finalRanks = ranksOf(rows.map((r) => [sign * r.finalValue]));
  const convRanks = ranksOf(rows.map((r) => [r.convergenceStep]));
  const stabRanks = ranksOf(rows.map((r) => [r.spikes, r.stability]));
  const scored = rows.map((r, i) => ({
    ...r,
    componentRanks: {
      finalValue: finalRanks[i],
      convergence: convRanks[i],
      stability: stabRanks[i],
    },
    score: (finalRanks[i] + convRanks[i] + stabRanks[i]) / 3,
  }));
  // A run whose metric ended NaN/Inf has no usable final model: below every run that ended finite.
  const overall = ranksOf(
    scored.map((r) => [r.brokenFromStep === null ? 0 : 1, r.score, r.componentRanks.finalValue]),
  );
  const total = scored.length;
  return scored
    .map((r, i) => ({
      ...r,
      rank: overall[i],
      explanation:
        `#${fmt(overall[i])} of ${total} on ${metric} (${direction === 'min' ? 'lower' : 'higher'} is better), score ${fmt(Number(r.score.toPrecision(3)))} = mean of ranks: ` +
        `final value ${fmt(r.finalValue)} (#${fmt(r.componentRanks.finalValue)}), ` +
        `within ${Math.round(100 * o.convergenceTolerance)}% of it from step ${fmt(r.convergenceStep)} (#${fmt(r.componentRanks.convergence)}), ` +
        `noise ${fmt(Number((100 * r.stability).toPrecision(2)))}% of its typical value with ${r.spikes} spike${r.spikes === 1 ? '' : 's'} (#${fmt(r.componentRanks.stability)}).` +
        (r.brokenFromStep === null
          ? ''
          : ` Its value is NaN/Inf from step ${fmt(r.brokenFromStep)} to the end, so it ranks after every run that ended finite; the values above are from before it broke.`),
    }))
    .sort((a, b) => a.rank - b.rank);
}

/** First step of the run of non-finite values that ends the curve; null when it ends finite. */
function nonFiniteTail(steps: ArrayLike<number>, values: ArrayLike<number>): number | null {
  let i = values.length;
  while (i > 0 && !Number.isFinite(values[i - 1])) i--;
  return i === values.length ? null : steps[i];
}
