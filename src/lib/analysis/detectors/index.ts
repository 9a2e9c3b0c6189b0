/**
 * The detector registry: the analysis runs these in this order. Data integrity first (is each
 * number trustworthy?), then training behaviour, then the design of the sweep as a whole.
 */
import type { Detector } from '../context';
import { accuracyVsF1 } from './accuracy-vs-f1';
import { atChance } from './at-chance';
import { collapsedTrials } from './collapsed-trials';
import { confoundedParams } from './confounded-params';
import { dryRun } from './dry-run';
import { duplicateResults } from './duplicate-results';
import { edgeOfRange } from './edge-of-range';
import { evalMissing } from './eval-missing';
import { failedStatus } from './failed-status';
import { flatSweep } from './flat-sweep';
import { floorEffect } from './floor-effect';
import { implausibleLossScale } from './implausible-loss-scale';
import { limitedEval } from './limited-eval';
import { mcAtChance } from './mc-at-chance';
import { metricOutOfRange } from './metric-out-of-range';
import { nanMetrics } from './nan-metrics';
import { overfitting } from './overfitting';
import { seedVariance } from './seed-variance';
import { shortRun } from './short-run';
import { smallSweep } from './small-sweep';
import { tinyEvalSet } from './tiny-eval-set';
import { tooGood } from './too-good';
import { valBelowTrain } from './val-below-train';
import { valuesTriedOnce } from './values-tried-once';
import { withinNoise } from './within-noise';

export const DETECTORS: readonly Detector[] = [
  nanMetrics,
  failedStatus,
  metricOutOfRange,
  atChance,
  collapsedTrials,
  tooGood,
  duplicateResults,
  evalMissing,
  overfitting,
  shortRun,
  seedVariance,
  edgeOfRange,
  confoundedParams,
  valuesTriedOnce,
  smallSweep,
  flatSweep,
  // Report audit, last so a sweep's list of quiet detectors starts with the sweep's own: numbers
  // a report states that cannot mean what it claims.
  implausibleLossScale,
  valBelowTrain,
  floorEffect,
  tinyEvalSet,
  limitedEval,
  withinNoise,
  dryRun,
  mcAtChance,
  accuracyVsF1,
];

export {
  accuracyVsF1,
  atChance,
  collapsedTrials,
  confoundedParams,
  dryRun,
  duplicateResults,
  edgeOfRange,
  evalMissing,
  failedStatus,
  flatSweep,
  floorEffect,
  implausibleLossScale,
  limitedEval,
  mcAtChance,
  metricOutOfRange,
  nanMetrics,
  overfitting,
  seedVariance,
  shortRun,
  smallSweep,
  tinyEvalSet,
  tooGood,
  valBelowTrain,
  valuesTriedOnce,
  withinNoise,
};
export { metricPairs } from './overfitting';
