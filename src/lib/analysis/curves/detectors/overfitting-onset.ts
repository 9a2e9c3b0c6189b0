/**
 * overfitting-onset: a held-out loss rising for ≥ overfitRises consecutive evaluations while the
 * training loss of the same run falls over those steps. The training curve with the same stem is
 * preferred ("eval_loss" ↔ "loss", "val_loss" ↔ "train_loss_epoch"), else any training loss.
 * Without such a rise, a train/held-out gap that keeps widening is reported as info (growing-gap.ts).
 */
import { formatNumber as fmt, type Curve, type Finding } from '../../../model';
import { finitePoints, isEvalMetric, isLossLike, metricStem, smoothEma } from '../series';
import { growingGap } from './growing-gap';
import { curveFinding, type CurveDetector } from './types';

/** Value of a curve at the last logged step ≤ step (smoothed), or null. */
function valueAt(steps: number[], smooth: Float64Array, step: number): number | null {
  let found: number | null = null;
  for (let i = 0; i < steps.length; i++) if (steps[i] <= step) found = smooth[i];
  return found;
}

function trainPartner(curves: Curve[], heldOut: Curve): Curve | undefined {
  const train = curves.filter(
    (c) => c.runId === heldOut.runId && isLossLike(c.metric) && !isEvalMetric(c.metric),
  );
  const stem = metricStem(heldOut.metric);
  return (
    train.find((c) => metricStem(c.metric) === stem && !/step$/i.test(c.metric)) ??
    train.find((c) => metricStem(c.metric) === stem) ??
    train.find((c) => metricStem(c.metric) === 'loss') ??
    train[0]
  );
}

export const overfittingOnset: CurveDetector = (set, s) => {
  const findings: Finding[] = [];
  for (const curve of set.curves) {
    if (!isLossLike(curve.metric) || !isEvalMetric(curve.metric)) continue;
    const held = finitePoints(curve);
    const partner = trainPartner(set.curves, curve);
    if (!partner || held.values.length < s.overfitRises + 1) continue;
    const train = finitePoints(partner);
    if (train.values.length < 2) continue;
    const trainSmooth = smoothEma(train.values, s.smoothing);
    // Longest run of consecutive rises, and where it starts.
    let best = { start: -1, rises: 0 };
    let runStart = 0;
    for (let i = 1; i <= held.values.length; i++) {
      const rising = i < held.values.length && held.values[i] > held.values[i - 1];
      if (rising) continue;
      const rises = i - 1 - runStart;
      if (rises > best.rises) best = { start: runStart, rises };
      runStart = i;
    }
    if (best.rises < s.overfitRises) {
      const gap = growingGap(set, curve, held, partner, s);
      if (gap) findings.push(gap);
      continue;
    }
    const a = best.start;
    const b = best.start + best.rises;
    const t0 = valueAt(train.steps, trainSmooth, held.steps[a]) ?? trainSmooth[0];
    const t1 = valueAt(train.steps, trainSmooth, held.steps[b]);
    if (t1 === null || !(t1 < t0)) {
      const gap = growingGap(set, curve, held, partner, s);
      if (gap) findings.push(gap);
      continue;
    }
    const h0 = held.values[a];
    const h1 = held.values[b];
    findings.push(
      curveFinding(set, {
        detector: 'overfitting-onset',
        severity: 'warning',
        runId: curve.runId,
        metric: curve.metric,
        steps: held.steps.slice(a, b + 1),
        title: `${curve.metric} rises for ${best.rises} evaluations in a row from step ${fmt(held.steps[a])} (${fmt(h0)} → ${fmt(h1)}) while ${partner.metric} falls`,
        evidence: [
          {
            label: `consecutive rises of ${curve.metric}`,
            value: String(best.rises),
            threshold: `≥ ${s.overfitRises}`,
          },
          {
            label: `${curve.metric} steps ${fmt(held.steps[a])} → ${fmt(held.steps[b])}`,
            value: held.values
              .slice(a, b + 1)
              .map((v) => fmt(v))
              .join(' → '),
          },
          {
            label: `smoothed ${partner.metric} over the same steps`,
            value: `${fmt(t0)} → ${fmt(t1)}`,
            threshold: 'falling',
          },
        ],
        explanation:
          'The model keeps fitting the training data better while getting worse on held-out data: it is memorising. Every step after the onset costs generalisation, and the last checkpoint is worse than the one at the onset.',
        recommendation: `Keep the checkpoint at step ${fmt(held.steps[a])} (load_best_model_at_end with metric_for_best_model=${curve.metric}, or early stopping with patience 2–3); then train for fewer steps/epochs, or add regularisation (weight decay, dropout, more data or augmentation, a lower learning rate).`,
      }),
    );
  }
  return findings;
};
