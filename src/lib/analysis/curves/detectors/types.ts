import type { CurveDetectorId, CurveSet, Evidence, Finding, Severity } from '../../../model';
import type { CurveSettings } from '../settings';
import { rowsOf } from '../series';

export type CurveDetector = (set: CurveSet, settings: CurveSettings) => Finding[];

export interface CurveFindingInput {
  detector: CurveDetectorId;
  severity: Severity;
  runId: string;
  /** The metric, or "*" for a run-level finding. */
  metric: string;
  title: string;
  evidence: Evidence[];
  explanation: string;
  recommendation: string;
}

export function curveFinding(set: CurveSet, f: CurveFindingInput): Finding {
  return {
    id: `${f.detector}:${f.runId}:${f.metric}`,
    detector: f.detector,
    severity: f.severity,
    title: f.title,
    runIds: [f.runId],
    rows: rowsOf(set, f.runId),
    evidence: f.evidence,
    explanation: f.explanation,
    recommendation: f.recommendation,
  };
}
