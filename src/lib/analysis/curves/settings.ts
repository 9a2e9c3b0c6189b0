/**
 * Thresholds of the curve detectors, flattened for them. The user-facing values (and their
 * rationales) live in DetectorSettings' `curve…` sections (analysis/settings.ts); this module maps
 * those sections onto the names the detectors were written against.
 */
import type { DetectorSettings } from '../../model';
import { DEFAULT_SETTINGS } from '../settings';

export interface CurveSettings {
  /** Fewer finite points than this and a curve is not judged (too-few-points says so). */
  minPoints: number;
  spikeWindow: number;
  spikeMinHistory: number;
  spikeMadK: number;
  spikeMinRise: number;
  spikeMinRangeFraction: number;
  divergenceGiveBack: number;
  divergenceTailFraction: number;
  plateauMinImprovement: number;
  plateauMinPoints: number;
  stillTailFraction: number;
  stillMinTailDrop: number;
  stillMinRateShare: number;
  overfitRises: number;
  gapEvaluations: number;
  minGapFraction: number;
  gradNormRatio: number;
  gradNormMinHistory: number;
  siblingFraction: number;
  /** Fewer training examples seen (steps × batch size) than this is a tiny budget (info). */
  minExamples: number;
  siblingMinRuns: number;
  /** EMA weight of the smoothing used by the detectors and the ranking. */
  smoothing: number;
}

type CurveSections = Pick<
  DetectorSettings,
  | 'curvePoints'
  | 'curveSmoothing'
  | 'curveSpikes'
  | 'curveDivergence'
  | 'curvePlateau'
  | 'curveStillImproving'
  | 'curveOverfitting'
  | 'curveGradNorm'
  | 'curveBudget'
>;

export function curveSettingsOf(s: CurveSections): CurveSettings {
  return {
    minPoints: s.curvePoints.minPoints,
    spikeWindow: s.curveSpikes.window,
    spikeMinHistory: s.curveSpikes.minHistoryPoints,
    spikeMadK: s.curveSpikes.noiseMultiplier,
    spikeMinRise: s.curveSpikes.minRise,
    spikeMinRangeFraction: s.curveSpikes.minRangeFraction,
    divergenceGiveBack: s.curveDivergence.giveBack,
    divergenceTailFraction: s.curveDivergence.tailFraction,
    plateauMinImprovement: s.curvePlateau.minImprovement,
    plateauMinPoints: s.curvePlateau.minPoints,
    stillTailFraction: s.curveStillImproving.tailFraction,
    stillMinTailDrop: s.curveStillImproving.minTailDrop,
    stillMinRateShare: s.curveStillImproving.minRateShare,
    overfitRises: s.curveOverfitting.risingEvaluations,
    gapEvaluations: s.curveOverfitting.wideningEvaluations,
    minGapFraction: s.curveOverfitting.minGapFraction,
    gradNormRatio: s.curveGradNorm.ratio,
    gradNormMinHistory: s.curveGradNorm.minHistoryPoints,
    siblingFraction: s.curveBudget.siblingFraction,
    siblingMinRuns: s.curveBudget.minSiblingRuns,
    minExamples: s.curveBudget.minExamples,
    smoothing: s.curveSmoothing.weight,
  };
}

export const DEFAULT_CURVE_SETTINGS: CurveSettings = curveSettingsOf(DEFAULT_SETTINGS);
