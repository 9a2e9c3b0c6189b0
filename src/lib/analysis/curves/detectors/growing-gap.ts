/**
 * The quieter sign of overfitting, reported under overfitting-onset: the held-out loss still
 * improves, but the gap to the training loss widened at every one of the last evaluations
 * (Lightning SLM run: val − train grows from −0.81 to +0.37 over 19 epochs). Info, not warning:
 * the last checkpoint is still the best one; the next epochs are likely to buy less and less.
 */
import { formatNumber as fmt, type Curve, type CurveSet, type Finding } from '../../../model';
import { finitePoints, type Points } from '../series';
import type { CurveSettings } from '../settings';
import { curveFinding } from './types';

/**
 * Training loss at each evaluation: the mean of the training points logged since the previous
 * evaluation (the epoch mean Lightning logs, or the last stretch of a per-step log), else the last
 * training point before it. Comparing with a smoothed curve instead would let the EMA's lag grow
 * the gap by itself as the curve flattens.
 */
function trainAtEvals(train: Points, evalSteps: number[]): number[] {
  const out: number[] = [];
  let j = 0;
  let last = NaN;
  for (let i = 0; i < evalSteps.length; i++) {
    let sum = 0;
    let n = 0;
    while (j < train.steps.length && train.steps[j] <= evalSteps[i]) {
      sum += train.values[j];
      last = train.values[j];
      n++;
      j++;
    }
    out.push(n > 0 ? sum / n : last);
  }
  return out;
}

export function growingGap(
  set: CurveSet,
  curve: Curve,
  held: Points,
  partner: Curve,
  s: CurveSettings,
): Finding | null {
  const n = held.values.length;
  if (n < s.gapEvaluations + 1) return null;
  const trainAt = trainAtEvals(finitePoints(partner), held.steps);
  const gap = held.values.map((v, i) => v - trainAt[i]);
  // Only widening of an already positive gap counts: a held-out loss below the epoch-mean training
  // loss early on (the training mean still includes the first, worse batches) closing in on it is
  // the usual artefact of averaging, not overfitting.
  let k = 0;
  while (k < n - 1 && gap[n - 1 - k] > gap[n - 2 - k] && gap[n - 2 - k] > 0) k++;
  if (k < s.gapEvaluations) return null;
  const first = n - 1 - k;
  const final = gap[n - 1];
  const heldEnd = held.values[n - 1];
  if (!(final > 0) || final < s.minGapFraction * Math.abs(heldEnd)) return null;
  if (!(trainAt[n - 1] < trainAt[first])) return null;
  const recent = s.gapEvaluations;
  const perEval = (held.values[n - 1 - recent] - heldEnd) / recent;
  return curveFinding(set, {
    detector: 'overfitting-onset',
    severity: 'info',
    runId: curve.runId,
    metric: curve.metric,
    steps: [held.steps[first], held.steps[n - 1]],
    title: `The gap between ${curve.metric} and ${partner.metric} widens at each of the last ${k} evaluations (${fmt(gap[first])} → ${fmt(final)}) while ${curve.metric} improves only ${fmt(Number(perEval.toPrecision(2)))} per evaluation`,
    evidence: [
      {
        label: 'consecutive evaluations with a wider, positive gap',
        value: String(k),
        threshold: `≥ ${s.gapEvaluations}, up to the last evaluation`,
      },
      {
        label: `${curve.metric} − ${partner.metric} (mean since the previous evaluation)`,
        value: `${fmt(gap[first])} → ${fmt(final)}`,
      },
      {
        label: 'final gap / final held-out loss',
        value: `${fmt(Number((100 * (final / Math.abs(heldEnd))).toPrecision(2)))}%`,
        threshold: `≥ ${fmt(100 * s.minGapFraction)}%`,
      },
      {
        label: `${curve.metric} improvement per evaluation over the last ${recent}`,
        value: fmt(Number(perEval.toPrecision(3))),
      },
    ],
    explanation:
      'The training loss keeps falling faster than the held-out loss: each step now buys more memorisation than generalisation. The held-out loss still improves, so the last checkpoint is the best so far, but more training of the same kind will soon start making it worse.',
    recommendation: `Plan the budget around this: keep evaluating and stop (or keep the best checkpoint) once ${curve.metric} stops improving; regularise (weight decay, dropout, more data or augmentation) if you want to train longer.`,
  });
}
