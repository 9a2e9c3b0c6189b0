/**
 * divergence: a training loss whose smoothed end gave back a large share of its gain and still trends
 * up. Held-out losses are left to overfitting-onset unless the run has no training loss.
 */
import { formatNumber as fmt, type Finding } from '../../../model';
import { finitePoints, isEvalMetric, isLossLike, slope, smoothEma } from '../series';
import { curveFinding, type CurveDetector } from './types';

export const divergence: CurveDetector = (set, s) => {
  const findings: Finding[] = [];
  const hasTrainLoss = new Set(
    set.curves.filter((c) => isLossLike(c.metric) && !isEvalMetric(c.metric)).map((c) => c.runId),
  );
  for (const curve of set.curves) {
    if (!isLossLike(curve.metric)) continue;
    if (isEvalMetric(curve.metric) && hasTrainLoss.has(curve.runId)) continue;
    const { steps, values } = finitePoints(curve);
    const n = values.length;
    if (n < s.minPoints) continue;
    const smooth = Array.from(smoothEma(values, s.smoothing));
    const start = smooth[0];
    const end = smooth[n - 1];
    let minIdx = 0;
    for (let i = 1; i < n; i++) if (smooth[i] < smooth[minIdx]) minIdx = i;
    const min = smooth[minIdx];
    if (minIdx === n - 1) continue;
    const gain = start - min;
    const giveBack = end - min;
    const worseThanStart = end > start && end - start > 0.05 * Math.abs(start);
    if (!worseThanStart && !(gain > 0 && giveBack >= s.divergenceGiveBack * gain)) continue;
    const tail = Math.max(3, Math.ceil(n * s.divergenceTailFraction));
    const tailSlope = slope(steps.slice(n - tail), values.slice(n - tail));
    if (!(tailSlope > 0)) continue;
    const share = gain > 0 ? giveBack / gain : Infinity;
    findings.push(
      curveFinding(set, {
        detector: 'divergence',
        severity: worseThanStart ? 'critical' : 'warning',
        runId: curve.runId,
        metric: curve.metric,
        // Where it turned: the minimum it climbs back from.
        steps: [steps[minIdx]],
        title: worseThanStart
          ? `${curve.metric} ends above where it started (${fmt(end)} vs ${fmt(start)}) and is still rising`
          : `${curve.metric} climbs back from its minimum ${fmt(min)} at step ${fmt(steps[minIdx])} to ${fmt(end)}`,
        evidence: [
          { label: `smoothed ${curve.metric} at the start`, value: fmt(start) },
          { label: `minimum (step ${fmt(steps[minIdx])})`, value: fmt(min) },
          { label: 'smoothed at the end', value: fmt(end) },
          {
            label: 'share of the gain given back',
            value: Number.isFinite(share) ? `${Math.round(100 * share)}%` : 'all',
            threshold: `≥ ${Math.round(100 * s.divergenceGiveBack)}% (critical when above the start)`,
          },
          {
            label: `slope over the last ${tail} points`,
            value: `${fmt(tailSlope)} per step`,
            threshold: '> 0',
          },
        ],
        explanation:
          'Training loss should keep falling or level off. One that climbs back up means the optimizer is no longer making progress: the learning rate is too high for this stage, the schedule restarted, or numerics are degrading. The final checkpoint is worse than an earlier one.',
        recommendation: `Lower the learning rate (÷3 to ÷10) or add decay/warmup, clip gradients, and keep the checkpoint near step ${fmt(steps[minIdx])} (load_best_model_at_end) instead of the last one.`,
      }),
    );
  }
  return findings;
};
