/** loss-spike: loss-like points far above the rolling median of the points before them. */
import { formatNumber as fmt, type Finding } from '../../../model';
import { findSpikes, finitePoints, isLossLike, listSteps } from '../series';
import { curveFinding, type CurveDetector } from './types';

export const lossSpike: CurveDetector = (set, s) => {
  const findings: Finding[] = [];
  for (const curve of set.curves) {
    if (!isLossLike(curve.metric)) continue;
    const points = finitePoints(curve);
    if (points.values.length < s.minPoints) continue;
    const spikes = findSpikes(points, {
      window: s.spikeWindow,
      minHistory: s.spikeMinHistory,
      madK: s.spikeMadK,
      minRise: s.spikeMinRise,
      minRangeFraction: s.spikeMinRangeFraction,
    });
    if (spikes.length === 0) continue;
    const worst = spikes.reduce((a, b) => (b.value / b.baseline > a.value / a.baseline ? b : a));
    findings.push(
      curveFinding(set, {
        detector: 'loss-spike',
        severity: 'warning',
        runId: curve.runId,
        metric: curve.metric,
        steps: spikes.map((p) => p.step),
        title: `${curve.metric} spikes ${spikes.length === 1 ? 'once' : `${spikes.length} times`} (to ${fmt(worst.value)} at step ${fmt(worst.step)})`,
        evidence: [
          { label: 'spike steps', value: listSteps(spikes.map((p) => p.step)) },
          { label: `worst ${curve.metric}`, value: fmt(worst.value) },
          {
            label: `rolling median of the ${s.spikeWindow} points before`,
            value: fmt(worst.baseline),
          },
          {
            label: 'rise above the median',
            value: `${Math.round((100 * (worst.value - worst.baseline)) / Math.abs(worst.baseline))}%`,
            threshold: `≥ ${Math.round(100 * s.spikeMinRise)}% and > median + ${fmt(s.spikeMadK)} × robust noise of the window`,
          },
        ],
        explanation:
          'A loss that jumps far above its recent level means some updates were destructive: the learning rate is at the edge of stability, a batch was bad, or gradients blew up. The run may recover, but the spike often costs progress and can precede divergence.',
        recommendation:
          'Check the batches at those steps for corrupt or extreme examples; lower the peak learning rate or lengthen warmup, clip gradients (max_grad_norm 1.0), and for Adam try a larger epsilon or lower beta2 (0.95).',
      }),
    );
  }
  return findings;
};
