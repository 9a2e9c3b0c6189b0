/**
 * Curve detectors: pure functions over a CurveSet. Finding ids are `${detector}:${runId}:${metric}`
 * ("*" as the metric for run-level findings, or a key such as "no-eval").
 */
import type { CurveDetectorId, CurveSet, Finding } from '../../model';
import { curveNan } from './detectors/curve-nan';
import { divergence } from './detectors/divergence';
import { gradNormExplosion } from './detectors/grad-norm-explosion';
import { lossSpike } from './detectors/loss-spike';
import { overfittingOnset } from './detectors/overfitting-onset';
import { plateau } from './detectors/plateau';
import { stepRestart } from './detectors/step-restart';
import { stillImproving } from './detectors/still-improving';
import { smallBudget } from './detectors/small-budget';
import { stoppedEarly } from './detectors/stopped-early';
import { tooFewPoints } from './detectors/too-few-points';
import type { CurveDetector } from './detectors/types';
import { DEFAULT_CURVE_SETTINGS, type CurveSettings } from './settings';

export { DEFAULT_CURVE_SETTINGS, curveSettingsOf, type CurveSettings } from './settings';
export type { CurveDetector } from './detectors/types';
export { rankRuns, smoothEma, rankingMethod } from './ranking';
export type { RankedRun, RankDirection } from '../../model';
export { dedupeRestarts, isEvalMetric, isGradNorm, isLossLike, metricStem } from './series';
export { curveSummary } from './summary';
export { curveView } from './view';

export const CURVE_DETECTORS: Readonly<Record<CurveDetectorId, CurveDetector>> = {
  'curve-nan': curveNan,
  'loss-spike': lossSpike,
  divergence,
  plateau,
  'overfitting-onset': overfittingOnset,
  'grad-norm-explosion': gradNormExplosion,
  // One detector id: cut short against its plan or siblings, or a whole budget that is tiny.
  'stopped-early': (set, s) => [...stoppedEarly(set, s), ...smallBudget(set, s)],
  'step-restart': stepRestart,
  'too-few-points': tooFewPoints,
  'still-improving': stillImproving,
};

export interface CurveDetectorInfo {
  id: CurveDetectorId;
  label: string;
  description: string;
}

/**
 * Labels and the order findings are listed in (after the sweep detectors): numerical failures,
 * then training dynamics, then how the run was logged and how far it got.
 */
export const CURVE_DETECTOR_INFO: readonly CurveDetectorInfo[] = [
  {
    id: 'curve-nan',
    label: 'NaN/Inf in a curve',
    description: 'A logged value became NaN or infinite.',
  },
  {
    id: 'divergence',
    label: 'Diverging loss',
    description: 'A training loss climbs back from its minimum and keeps rising.',
  },
  {
    id: 'loss-spike',
    label: 'Loss spikes',
    description: 'Loss points far above the rolling median before them.',
  },
  {
    id: 'grad-norm-explosion',
    label: 'Gradient-norm explosions',
    description: 'Gradient norms many times their running median.',
  },
  {
    id: 'overfitting-onset',
    label: 'Overfitting onset',
    description:
      'A held-out loss rising while the training loss falls, or a train/held-out gap that keeps widening.',
  },
  { id: 'plateau', label: 'Plateau', description: 'A loss that hardly improved over the run.' },
  {
    id: 'still-improving',
    label: 'Still improving (undertrained)',
    description: 'A loss still falling steeply when the run ended.',
  },
  {
    id: 'stopped-early',
    label: 'Stopped early',
    description: 'A run that ended short of its planned budget or of its siblings.',
  },
  {
    id: 'step-restart',
    label: 'Step counter restarts',
    description: 'Steps going backwards: a resumed or restarted run.',
  },
  {
    id: 'too-few-points',
    label: 'Too few points / no evaluation',
    description: 'Curves too short to judge, logs without per-step data or without evaluation.',
  },
];

export function analyzeCurves(set: CurveSet, settings: Partial<CurveSettings> = {}): Finding[] {
  const s: CurveSettings = { ...DEFAULT_CURVE_SETTINGS, ...settings };
  return CURVE_DETECTOR_INFO.flatMap((d) => CURVE_DETECTORS[d.id](set, s));
}
