/**
 * Curve detectors: pure functions over a CurveSet. Finding ids are `${detector}:${runId}:${metric}`
 * ("*" as the metric for run-level findings).
 */
import type { CurveDetectorId, CurveSet, Finding } from '../../model';
import { curveNan } from './detectors/curve-nan';
import { divergence } from './detectors/divergence';
import { gradNormExplosion } from './detectors/grad-norm-explosion';
import { lossSpike } from './detectors/loss-spike';
import { overfittingOnset } from './detectors/overfitting-onset';
import { plateau } from './detectors/plateau';
import { stepRestart } from './detectors/step-restart';
import { stoppedEarly } from './detectors/stopped-early';
import { tooFewPoints } from './detectors/too-few-points';
import type { CurveDetector } from './detectors/types';
import { DEFAULT_CURVE_SETTINGS, type CurveSettings } from './settings';

export { DEFAULT_CURVE_SETTINGS, type CurveSettings } from './settings';
export type { CurveDetector } from './detectors/types';
export { rankRuns, smoothEma, type RankedRun, type RankDirection } from './ranking';
export { isEvalMetric, isGradNorm, isLossLike, metricStem } from './series';

export const CURVE_DETECTORS: Readonly<Record<CurveDetectorId, CurveDetector>> = {
  'curve-nan': curveNan,
  'loss-spike': lossSpike,
  divergence,
  plateau,
  'overfitting-onset': overfittingOnset,
  'grad-norm-explosion': gradNormExplosion,
  'stopped-early': stoppedEarly,
  'step-restart': stepRestart,
  'too-few-points': tooFewPoints,
};

export function analyzeCurves(set: CurveSet, settings: Partial<CurveSettings> = {}): Finding[] {
  const s: CurveSettings = { ...DEFAULT_CURVE_SETTINGS, ...settings };
  return Object.values(CURVE_DETECTORS).flatMap((detect) => detect(set, s));
}
