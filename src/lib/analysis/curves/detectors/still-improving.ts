/**
 * still-improving (info): the run's training loss is still falling steeply over the last part of
 * the run, so it is undertrained and its final value understates what the setup can reach (T5
 * Amharic: 3.47 → 2.37 in one epoch, the last logs still falling). When the run also logs a
 * held-out loss, that one must still be falling by the same test: more steps only help if they
 * help on held-out data (Lightning SLM: train still falls, val has levelled off, so quiet), and a
 * held-out loss creeping down while the training loss has converged (Qwen healthy control) is a
 * finished run, not an undertrained one.
 */
import { formatNumber as fmt, type Curve, type CurveSet, type Finding } from '../../../model';
import {
  dedupeRestarts,
  finitePoints,
  isEvalMetric,
  isLossLike,
  mainLoss,
  metricStem,
  runIds,
  slope,
} from '../series';
import type { CurveSettings } from '../settings';
import { curveFinding, type CurveDetector } from './types';

interface Tail {
  points: number;
  from: number;
  to: number;
  start: number;
  first: number;
  end: number;
  relDrop: number;
  share: number;
}

/** The fitted line over the tail, when it still falls fast enough (see CurveSettings). */
function fallingTail(curve: Curve, s: CurveSettings): Tail | null {
  const { steps, values } = finitePoints(dedupeRestarts(curve));
  const n = values.length;
  if (n < s.minPoints) return null;
  const tail = Math.min(n, Math.max(3, Math.ceil(n * s.stillTailFraction)));
  const xs = steps.slice(n - tail);
  const ys = values.slice(n - tail);
  const rate = -slope(xs, ys);
  const meanX = xs.reduce((a, b) => a + b, 0) / tail;
  const meanY = ys.reduce((a, b) => a + b, 0) / tail;
  // The fitted line at the last step: one noisy last log should not decide the end value.
  const end = meanY - rate * (xs[tail - 1] - meanX);
  const average = (values[0] - end) / (steps[n - 1] - steps[0]);
  if (!(rate > 0) || !(average > 0) || !(Math.abs(end) > 0)) return null;
  const relDrop = (rate * (xs[tail - 1] - xs[0])) / Math.abs(end);
  const share = rate / average;
  if (relDrop < s.stillMinTailDrop || share < s.stillMinRateShare) return null;
  return {
    points: tail,
    from: xs[0],
    to: xs[tail - 1],
    start: values[0],
    first: ys[0],
    end,
    relDrop,
    share,
  };
}

function heldOutLoss(set: CurveSet, runId: string): Curve | undefined {
  const held = set.curves.filter(
    (c) => c.runId === runId && isLossLike(c.metric) && isEvalMetric(c.metric),
  );
  return held.find((c) => metricStem(c.metric) === 'loss') ?? held[0];
}

export const stillImproving: CurveDetector = (set, s) => {
  const findings: Finding[] = [];
  for (const runId of runIds(set)) {
    const metric = mainLoss(set, runId);
    const curve = set.curves.find((c) => c.runId === runId && c.metric === metric);
    if (!metric || !curve || !isLossLike(metric) || isEvalMetric(metric)) continue;
    const t = fallingTail(curve, s);
    if (!t) continue;
    const heldCurve = heldOutLoss(set, runId);
    if (heldCurve && !fallingTail(heldCurve, s)) continue;
    const pct = (x: number) => `${fmt(Number((100 * x).toPrecision(2)))}%`;
    findings.push(
      curveFinding(set, {
        detector: 'still-improving',
        severity: 'info',
        runId,
        metric,
        steps: [t.from, t.to],
        title: `${metric} is still falling at the end (${pct(t.relDrop)} over the last ${t.points} points): undertrained`,
        evidence: [
          {
            label: `fall of the fitted line over steps ${fmt(t.from)} → ${fmt(t.to)}`,
            value: `${fmt(t.first)} → ${fmt(t.end)} (${pct(t.relDrop)} of the end value)`,
            threshold: `≥ ${pct(s.stillMinTailDrop)}`,
          },
          {
            label: 'rate over the tail / average rate of the run',
            value: pct(t.share),
            threshold: `≥ ${pct(s.stillMinRateShare)}`,
          },
          { label: `${metric} at the start`, value: fmt(t.start) },
          ...(heldCurve ? [{ label: `${heldCurve.metric}`, value: 'still falling too' }] : []),
        ],
        explanation:
          'The loss had not levelled off when the run ended: more steps would still have lowered it. The final value understates what this configuration can reach, so ranking it against runs that converged (or judging its hyperparameters by it) is unfair.',
        recommendation: heldCurve
          ? `Train longer (more epochs or max_steps) with the same schedule, keeping the best checkpoint by ${heldCurve.metric}.`
          : 'Train longer (more epochs or max_steps), and log a held-out loss while doing so, so you can see when more training stops helping.',
      }),
    );
  }
  return findings;
};
