import type { CurveDetectorId, CurveSet, Evidence, Finding, Severity } from '../../../model';
import type { CurveSettings } from '../settings';
import { mainLoss, rowsOf } from '../series';

export type CurveDetector = (set: CurveSet, settings: CurveSettings) => Finding[];

export interface CurveFindingInput {
  detector: CurveDetectorId;
  severity: Severity;
  runId: string;
  /** The metric, or "*" for a run-level finding (marked on the run's main loss). */
  metric: string;
  /** Steps to mark on the metric's curve (the spike, the first NaN, the onset…). */
  steps: number[];
  /** Last part of the id when one run and metric can have several findings of a detector. */
  key?: string;
  title: string;
  evidence: Evidence[];
  explanation: string;
  recommendation: string;
}

export function curveFinding(set: CurveSet, f: CurveFindingInput): Finding {
  const marked = f.metric === '*' ? mainLoss(set, f.runId) : f.metric;
  return {
    id: `${f.detector}:${f.runId}:${f.key ?? f.metric}`,
    detector: f.detector,
    severity: f.severity,
    title: f.title,
    runIds: [f.runId],
    rows: rowsOf(set, f.runId),
    evidence: f.evidence,
    explanation: f.explanation,
    recommendation: f.recommendation,
    ...(marked !== null ? { curve: { metric: marked, steps: f.steps } } : {}),
  };
}
