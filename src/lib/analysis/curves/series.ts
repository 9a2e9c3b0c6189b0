/** Helpers shared by the curve detectors and the ranking: metric names, finite points, statistics. */
import type { Curve, CurveRun, CurveSet } from '../../model';

export interface Points {
  steps: number[];
  values: number[];
}

/** Finite points of a curve, in logged order. */
export function finitePoints(curve: Curve): Points {
  const steps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < curve.values.length; i++) {
    const v = curve.values[i];
    if (Number.isFinite(v)) {
      steps.push(curve.steps[i]);
      values.push(v);
    }
  }
  return { steps, values };
}

const EVAL_PREFIX =
  /^(?:eval|val|valid|validation|test|dev)(?:[_/.\s-]|$)|(?:^|[_/.\s-])(?:val|validation)[_/.\s-]/i;
const LOSS_LIKE = /loss|nll|perplexity|(?:^|[_/.\s-])ppl|wer|cer(?:$|[_/.\s-])|error|mse|mae|rmse/i;
const GRAD_NORM = /grad(?:ient)?[_/.\s-]?norm/i;
const BOOKKEEPING =
  /^(?:epoch|step|global_step|learning_rate|lr|momentum)$|(?:^|[_/.\s-])(?:lr|learning_rate)$|time|runtime|per_second|flos|tokens|^num_/i;

export function isEvalMetric(metric: string): boolean {
  return EVAL_PREFIX.test(metric);
}
export function isGradNorm(metric: string): boolean {
  return GRAD_NORM.test(metric);
}
export function isLossLike(metric: string): boolean {
  return !isGradNorm(metric) && !isBookkeeping(metric) && LOSS_LIKE.test(metric);
}
/** Epoch counters, learning rates, timings: logged beside the curves, not judged. */
export function isBookkeeping(metric: string): boolean {
  return BOOKKEEPING.test(metric);
}

/** Metric name without its split prefix/suffix: "eval_loss" → "loss", "train_loss_epoch" → "loss". */
export function metricStem(metric: string): string {
  return metric
    .toLowerCase()
    .replace(/^(?:eval|val|valid|validation|test|dev|train|training)[_/.\s-]+/, '')
    .replace(/[_/.\s-]+(?:step|epoch)$/, '')
    .replace(/^(?:epoch|step)[_/.\s-]+/, '');
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Median absolute deviation from the median. */
export function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/**
 * TensorBoard's smoothing: an exponential moving average debiased like Adam, so the first points
 * are not pulled towards 0. weight 0 returns the values; non-finite values are passed through.
 */
export function smoothEma(values: ArrayLike<number>, weight: number): Float64Array {
  const out = new Float64Array(values.length);
  let last = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    count++;
    const debias = weight === 1 ? 1 : 1 - Math.pow(weight, count);
    out[i] = weight === 1 ? v : last / debias;
  }
  return out;
}

/** Least-squares slope of y on x. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] / n;
    my += ys[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}

export interface Spike {
  index: number;
  step: number;
  value: number;
  baseline: number;
}

export interface SpikeOptions {
  window: number;
  minHistory: number;
  madK: number;
  minRise: number;
  minRangeFraction: number;
}

/** Points far above the median of the window of points before them (see CurveSettings). */
export function findSpikes(points: Points, o: SpikeOptions): Spike[] {
  const { steps, values } = points;
  const range = quantile(values, 0.95) - quantile(values, 0.05);
  const spikes: Spike[] = [];
  for (let i = Math.max(1, o.minHistory); i < values.length; i++) {
    const win = values.slice(Math.max(0, i - o.window), i);
    const m = median(win);
    // Noise from the differences of neighbours, so a falling trend does not inflate it.
    const diffs = win.slice(1).map((x, k) => x - win[k]);
    const scale = diffs.length > 0 ? (1.4826 * mad(diffs)) / Math.SQRT2 : 0;
    const v = values[i];
    if (v <= m + o.madK * scale) continue;
    if (v - m < o.minRise * Math.abs(m)) continue;
    if (v - m < o.minRangeFraction * range) continue;
    spikes.push({ index: i, step: steps[i], value: v, baseline: m });
  }
  return spikes;
}

export function runIndex(set: CurveSet, runId: string): number {
  return set.runs.findIndex((r) => r.runId === runId);
}

export function runOf(set: CurveSet, runId: string): CurveRun | undefined {
  return set.runs.find((r) => r.runId === runId);
}

/** Runs named by the runs list or by curves only, in first-seen order. */
export function runIds(set: CurveSet): string[] {
  const ids = new Set<string>(set.runs.map((r) => r.runId));
  for (const c of set.curves) ids.add(c.runId);
  return [...ids];
}

/** `rows` of a finding: the run's index in set.runs (−1 when only curves name it). */
export function rowsOf(set: CurveSet, runId: string): number[] {
  return [runIndex(set, runId)];
}

export function listSteps(steps: readonly number[], max = 8): string {
  const shown = steps.slice(0, max).map((s) => String(s));
  return shown.join(', ') + (steps.length > max ? `, … (${steps.length} in all)` : '');
}
