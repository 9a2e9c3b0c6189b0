/** A diagnosed pathology, with the numbers that triggered it. */

export type Severity = 'critical' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** Detectors over one-row-per-trial tables. */
export type SweepDetectorId =
  | 'nan-metrics'
  | 'failed-status'
  | 'overfitting'
  | 'short-run'
  | 'metric-out-of-range'
  | 'at-chance'
  | 'collapsed-trials'
  | 'too-good'
  | 'seed-variance'
  | 'duplicate-results'
  | 'edge-of-range'
  | 'confounded-params'
  | 'values-tried-once'
  | 'small-sweep'
  | 'flat-sweep'
  | 'eval-missing';

/**
 * Run-table detectors that audit evaluation and fine-tuning reports (the size, loss and lm-eval
 * columns report adapters emit). Kept out of SweepDetectorId, whose members each have a planted
 * scenario family in the accuracy harness; these have real-file and fixture tests instead.
 */
export type ReportDetectorId =
  | 'tiny-eval-set'
  | 'val-below-train'
  | 'implausible-loss-scale'
  | 'limited-eval'
  | 'floor-effect'
  | 'within-noise'
  | 'dry-run'
  | 'mc-at-chance'
  | 'accuracy-vs-f1';

/** Detectors over training curves, one finding per (detector, run, metric). */
export type CurveDetectorId =
  | 'curve-nan'
  | 'loss-spike'
  | 'divergence'
  | 'plateau'
  | 'overfitting-onset'
  | 'grad-norm-explosion'
  | 'stopped-early'
  | 'step-restart'
  | 'too-few-points'
  | 'still-improving';

export type DetectorId = SweepDetectorId | ReportDetectorId | CurveDetectorId;

/** One number (or token) that supports a finding, with the threshold it crossed. */
export interface Evidence {
  /** What was measured, e.g. "val_loss / train_loss". */
  label: string;
  /** The measured value as the data spells it (NaN, inf) or a formatted number. */
  value: string;
  /** The comparison that fired, e.g. "≥ 1.5". */
  threshold?: string;
  column?: string;
}

export interface Finding {
  /** Stable within one analysis: `${detector}:${runId}` or `${detector}:${scope}`. */
  id: string;
  detector: DetectorId;
  severity: Severity;
  title: string;
  runIds: string[];
  /** Row indices of the runs, parallel to runIds. */
  rows: number[];
  evidence: Evidence[];
  /** Why it matters. */
  explanation: string;
  /** What to try. */
  recommendation: string;
  /** Curve findings: the metric and the steps to mark on its curve (e.g. the spike, the first NaN). */
  curve?: FindingCurveMark;
}

export interface FindingCurveMark {
  metric: string;
  steps: number[];
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
