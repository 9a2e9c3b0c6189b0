/** plateau: a loss-like curve with enough points that hardly improved from start to smoothed end. */
import { formatNumber as fmt, type Finding } from '../../../model';
import { finitePoints, isEvalMetric, isLossLike, smoothEma } from '../series';
import { curveFinding, type CurveDetector } from './types';

export const plateau: CurveDetector = (set, s) => {
  const findings: Finding[] = [];
  for (const curve of set.curves) {
    if (!isLossLike(curve.metric)) continue;
    const { steps, values } = finitePoints(curve);
    const n = values.length;
    if (n < Math.max(s.minPoints, s.plateauMinPoints)) continue;
    const smooth = smoothEma(values, s.smoothing);
    // The start is the mean of the first few raw points: one noisy first log should not decide.
    const head = Math.min(3, n);
    let start = 0;
    for (let i = 0; i < head; i++) start += values[i] / head;
    const end = smooth[n - 1];
    if (!(Math.abs(start) > 0)) continue;
    const improvement = (start - end) / Math.abs(start);
    // Rising curves are divergence's or overfitting-onset's to report.
    if (improvement >= s.plateauMinImprovement || improvement < -s.plateauMinImprovement) continue;
    const held = isEvalMetric(curve.metric);
    findings.push(
      curveFinding(set, {
        detector: 'plateau',
        severity: 'warning',
        runId: curve.runId,
        metric: curve.metric,
        steps: [steps[n - 1]],
        title: `${curve.metric} barely moves: ${fmt(start)} → ${fmt(end)} (${fmt(Number((100 * improvement).toPrecision(2)))}% better) over ${n} points`,
        evidence: [
          { label: `${curve.metric} at the start (mean of first ${head})`, value: fmt(start) },
          { label: `smoothed at the end (step ${fmt(steps[n - 1])})`, value: fmt(end) },
          {
            label: 'relative improvement',
            value: `${fmt(Number((100 * improvement).toPrecision(3)))}%`,
            threshold: `< ${Math.round(100 * s.plateauMinImprovement)}%`,
          },
          { label: 'points', value: String(n), threshold: `≥ ${s.plateauMinPoints}` },
        ],
        explanation: held
          ? 'The held-out loss hardly improved over the run: whatever the model learned does not transfer, or learning stalled right away.'
          : 'The training loss hardly improved over the run: the model is not learning, so the hyperparameters (most often the learning rate) or the budget are off, or the data/labels are not learnable as fed.',
        recommendation:
          'Try a learning rate 3–10× higher (or lower, if the loss is noisy), check that the parameters you expect are trainable (LoRA targets, frozen layers), verify labels and loss masking on a few batches, and train for more steps before judging.',
      }),
    );
  }
  return findings;
};
