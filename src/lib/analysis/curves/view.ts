/**
 * The Curves cell's data: per run, the debiased EMA of the full-resolution series, then both raw
 * and smoothed values downsampled to `maxPoints` (min/max per bucket keeps spikes visible).
 * The EMA and the buckets share one pass per curve (downsample.ts): 10M points take a fraction of
 * a second in the worker.
 */
import type {
  Curve,
  CurveMarker,
  CurveQuery,
  CurveView,
  CurveViewSeries,
  CurveXAxis,
  Dataset,
  Finding,
} from '../../model';
import { downsampleCurve } from './downsample';

/** x of each point on the requested axis; null when the curve has no usable wall times. */
function xValues(curve: Curve, axis: CurveXAxis): Float64Array | null {
  if (axis === 'step') return curve.steps;
  const w = curve.wallTimes;
  if (!w || w.length !== curve.steps.length) return null;
  // The run's first wall time is its earliest one (a restarted run logs out of order).
  let first = Infinity;
  for (let i = 0; i < w.length; i++) {
    if (!Number.isFinite(w[i])) return null;
    if (w[i] < first) first = w[i];
  }
  const x = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) x[i] = axis === 'wall-time' ? w[i] * 1000 : w[i] - first;
  return x;
}

/** Index of the logged step nearest to `step` (steps need not be sorted after a restart). */
function nearestIndex(steps: Float64Array, step: number): number {
  let best = -1;
  let bestDist = Infinity;
  for (let i = 0; i < steps.length; i++) {
    const d = Math.abs(steps[i] - step);
    if (d < bestDist) [best, bestDist] = [i, d];
    if (d === 0) break;
  }
  return best;
}

/** The raw value at i, or the nearest finite one (a NaN step is marked on the last finite value). */
function finiteNear(values: Float64Array, i: number): number {
  for (let d = 0; d < values.length; d++) {
    if (i - d >= 0 && Number.isFinite(values[i - d])) return values[i - d];
    if (i + d < values.length && Number.isFinite(values[i + d])) return values[i + d];
  }
  return NaN;
}

export function curveView(
  dataset: Dataset,
  query: CurveQuery,
  findings: readonly Finding[],
): CurveView {
  const set = dataset.curves;
  if (!set) {
    return {
      metric: query.metric,
      x: query.x,
      series: [],
      markers: [],
      note: 'No training curves were loaded.',
    };
  }
  const wanted = query.runIds ? new Set(query.runIds) : null;
  const curves = set.curves.filter(
    (c) => c.metric === query.metric && (!wanted || wanted.has(c.runId)),
  );
  if (query.runIds) {
    const order = new Map(query.runIds.map((id, i) => [id, i]));
    curves.sort((a, b) => (order.get(a.runId) ?? 0) - (order.get(b.runId) ?? 0));
  }
  const weight = Math.min(Math.max(query.smoothing, 0), 0.999);
  const maxPoints = Math.max(4, Math.floor(query.maxPoints));
  const series: CurveViewSeries[] = [];
  const xs = new Map<string, { curve: Curve; x: Float64Array }>();
  let fallbacks = 0;
  for (const curve of curves) {
    let x = xValues(curve, query.x);
    if (!x) {
      fallbacks++;
      x = curve.steps;
    }
    xs.set(curve.runId, { curve, x });
    const d = downsampleCurve(x, curve.values, weight, maxPoints);
    const kx = new Float64Array(d.index.length);
    for (let k = 0; k < kx.length; k++) kx[k] = x[d.index[k]];
    series.push({
      runId: curve.runId,
      x: kx,
      raw: d.raw,
      smoothed: d.smoothed,
      points: curve.values.length,
    });
  }
  const markers: CurveMarker[] = [];
  for (const f of findings) {
    if (f.curve?.metric !== query.metric) continue;
    for (const runId of f.runIds) {
      const hit = xs.get(runId);
      if (!hit) continue;
      for (const step of f.curve.steps) {
        const i = nearestIndex(hit.curve.steps, step);
        if (i < 0) continue;
        markers.push({
          runId,
          findingId: f.id,
          detector: f.detector,
          severity: f.severity,
          title: f.title,
          x: hit.x[i],
          y: finiteNear(hit.curve.values, i),
        });
      }
    }
  }
  const note =
    fallbacks > 0
      ? `${fallbacks} of ${curves.length} run${curves.length === 1 ? '' : 's'} logged no wall times: x is the step for ${fallbacks === 1 ? 'it' : 'them'}.`
      : null;
  return { metric: query.metric, x: query.x, series, markers, note };
}
