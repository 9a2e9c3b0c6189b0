/** What the Curves cell asks the worker for, and what it gets back (downsampled, transferable). */
import type { Severity } from './finding';

/** X axis of the Curves cell. */
export type CurveXAxis = 'step' | 'relative-time' | 'wall-time';

/** Which curves the Curves cell draws, and how. */
export interface CurveQuery {
  metric: string;
  /** Runs to draw; null: every run that logged the metric. */
  runIds: string[] | null;
  /** TensorBoard EMA weight in [0, 1); 0: no smoothing. */
  smoothing: number;
  x: CurveXAxis;
  /** Points per run after downsampling (about twice the plot's width in pixels). */
  maxPoints: number;
}

/** One run's curve, downsampled in the worker (min/max per bucket of the raw series). */
export interface CurveViewSeries {
  runId: string;
  /** Step, seconds since the run's first point, or wall time in ms since the epoch. */
  x: Float64Array;
  /** Raw values at the kept points (NaN where the log has NaN/Inf: a gap in the line). */
  raw: Float64Array;
  /** The debiased EMA of the full-resolution series, at the kept points. */
  smoothed: Float64Array;
  /** Points in the full-resolution series. */
  points: number;
}

/** A finding's step on a curve, placed at the raw value of that step. */
export interface CurveMarker {
  runId: string;
  findingId: string;
  detector: string;
  severity: Severity;
  title: string;
  x: number;
  y: number;
}

export interface CurveView {
  metric: string;
  x: CurveXAxis;
  series: CurveViewSeries[];
  markers: CurveMarker[];
  /** Set when the requested x axis is not available for some runs (e.g. no wall times logged). */
  note: string | null;
}
