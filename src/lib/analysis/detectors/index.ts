/** The detector registry: the analysis runs these in this order. */
import type { Detector } from '../context';
import { failedStatus } from './failed-status';
import { nanMetrics } from './nan-metrics';
import { overfitting } from './overfitting';
import { shortRun } from './short-run';

export const DETECTORS: readonly Detector[] = [nanMetrics, failedStatus, overfitting, shortRun];

export { failedStatus, nanMetrics, overfitting, shortRun };
export { metricPairs } from './overfitting';
