/**
 * The detector registry: the analysis runs these in this order. Data integrity first (is each
 * number trustworthy?), then training behaviour, then the design of the sweep as a whole.
 */
import type { Detector } from '../context';
import { atChance } from './at-chance';
import { collapsedTrials } from './collapsed-trials';
import { confoundedParams } from './confounded-params';
import { duplicateResults } from './duplicate-results';
import { edgeOfRange } from './edge-of-range';
import { evalMissing } from './eval-missing';
import { failedStatus } from './failed-status';
import { flatSweep } from './flat-sweep';
import { metricOutOfRange } from './metric-out-of-range';
import { nanMetrics } from './nan-metrics';
import { overfitting } from './overfitting';
import { seedVariance } from './seed-variance';
import { shortRun } from './short-run';
import { smallSweep } from './small-sweep';
import { tooGood } from './too-good';
import { valuesTriedOnce } from './values-tried-once';

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
];

export {
  atChance,
  collapsedTrials,
  confoundedParams,
  duplicateResults,
  edgeOfRange,
  evalMissing,
  failedStatus,
  flatSweep,
  metricOutOfRange,
  nanMetrics,
  overfitting,
  seedVariance,
  shortRun,
  smallSweep,
  tooGood,
  valuesTriedOnce,
};
export { metricPairs } from './overfitting';
