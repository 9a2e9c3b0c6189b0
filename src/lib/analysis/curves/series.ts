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

/** Ascending copy; a typed array's native numeric sort is ~10× faster than a comparator sort. */
function sortedCopy(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = sortedCopy(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = sortedCopy(xs);
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
  let bias = 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // v − v is 0 for every finite number and NaN for NaN and ±Inf (cheaper than Number.isFinite).
    if (v - v !== 0) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    count++;
    // Once weight^count is below float resolution the debias factor is exactly 1: skip the pow.
    if (bias > 1e-17) bias = Math.pow(weight, count);
    out[i] = weight === 1 ? v : last / (1 - bias);
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

/** Median of buf[0..n), sorting that prefix in place (insertion sort: windows are ~10 long). */
function sortedMedian(buf: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const x = buf[i];
    let j = i - 1;
    while (j >= 0 && buf[j] > x) {
      buf[j + 1] = buf[j];
      j--;
    }
    buf[j + 1] = x;
  }
  const m = n >> 1;
  return n % 2 ? buf[m] : (buf[m - 1] + buf[m]) / 2;
}

/**
 * Points far above the median of the window of points before them (see CurveSettings). The cheap
 * tests (rise over the median, share of the range) run first, so the robust noise of the window is
 * only measured for the rare candidates: this runs over every point of every loss curve.
 */
export function findSpikes(points: Points, o: SpikeOptions): Spike[] {
  const { steps, values } = points;
  const range = quantile(values, 0.95) - quantile(values, 0.05);
  const spikes: Spike[] = [];
  const size = Math.max(1, o.window);
  const win = new Float64Array(size);
  const diffs = new Float64Array(size);
  const dev = new Float64Array(size);
  for (let i = Math.max(1, o.minHistory); i < values.length; i++) {
    const start = Math.max(0, i - o.window);
    const k = i - start;
    const v = values[i];
    // The window's minimum bounds its median from below, so most points (a falling loss sits at
    // its window's minimum) are ruled out without sorting the window.
    let low = Infinity;
    for (let j = start; j < i; j++) if (values[j] < low) low = values[j];
    if (v - low < o.minRangeFraction * range) continue;
    if (low >= 0 && v < (1 + o.minRise) * low) continue;
    for (let j = 0; j < k; j++) win[j] = values[start + j];
    const m = sortedMedian(win, k);
    if (v - m < o.minRise * Math.abs(m)) continue;
    if (v - m < o.minRangeFraction * range) continue;
    // Noise from the differences of neighbours, so a falling trend does not inflate it.
    let scale = 0;
    if (k > 1) {
      for (let j = 0; j < k - 1; j++) diffs[j] = values[start + j + 1] - values[start + j];
      const dm = sortedMedian(diffs, k - 1);
      for (let j = 0; j < k - 1; j++) dev[j] = Math.abs(diffs[j] - dm);
      scale = (1.4826 * sortedMedian(dev, k - 1)) / Math.SQRT2;
    }
    if (v <= m + o.madK * scale) continue;
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

/**
 * The run's main loss, where run-level findings are marked: a training loss (the plain "loss" stem
 * and per-step series first), else any loss-like curve, else its first judged curve; null without curves.
 */
export function mainLoss(set: CurveSet, runId: string): string | null {
  const own = set.curves.filter((c) => c.runId === runId).map((c) => c.metric);
  const losses = own.filter(isLossLike);
  const train = losses.filter((m) => !isEvalMetric(m));
  const plain = (ms: string[]) =>
    ms.find((m) => metricStem(m) === 'loss' && !/epoch$/i.test(m)) ??
    ms.find((m) => metricStem(m) === 'loss');
  return (
    plain(train) ??
    train[0] ??
    plain(losses) ??
    losses[0] ??
    own.find((m) => !isBookkeeping(m)) ??
    own[0] ??
    null
  );
}

/**
 * A curve as it stands after restarts: when the step goes back to s (a run resumed from a
 * checkpoint), the earlier points at steps ≥ s are dropped, as TensorBoard does with purge_step,
 * so each step keeps its last write and the steps increase. Returns the curve itself when the
 * steps never go back.
 */
export function dedupeRestarts(curve: Curve): Curve {
  const { steps, values, wallTimes } = curve;
  let sorted = true;
  for (let i = 1; i < steps.length && sorted; i++) sorted = steps[i] >= steps[i - 1];
  if (sorted) return curve;
  const keep: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    while (keep.length > 0 && steps[keep[keep.length - 1]] >= steps[i]) keep.pop();
    keep.push(i);
  }
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
  return {
    ...curve,
    steps: pick(steps),
    values: pick(values),
    wallTimes: wallTimes ? pick(wallTimes) : null,
  };
}
