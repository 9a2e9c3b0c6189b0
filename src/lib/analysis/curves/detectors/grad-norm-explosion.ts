/** grad-norm-explosion: gradient norms far above their running median. */
import { formatNumber as fmt, type Finding } from '../../../model';
import { finitePoints, isGradNorm, listSteps, median } from '../series';
import { curveFinding, type CurveDetector } from './types';

export const gradNormExplosion: CurveDetector = (set, s) => {
  const findings: Finding[] = [];
  for (const curve of set.curves) {
    if (!isGradNorm(curve.metric)) continue;
    const { steps, values } = finitePoints(curve);
    const hits: { step: number; value: number; baseline: number }[] = [];
    for (let i = s.gradNormMinHistory; i < values.length; i++) {
      // The median of all earlier points up to a long window: a few spikes do not move it.
      // It is at least the window's minimum, so a point below ratio × minimum is no hit and
      // needs no sort (almost every point of a healthy run).
      const start = Math.max(0, i - 2 * s.spikeWindow);
      let low = Infinity;
      for (let j = start; j < i; j++) if (values[j] < low) low = values[j];
      if (low > 0 && values[i] < s.gradNormRatio * low) continue;
      const baseline = median(values.slice(start, i));
      if (baseline > 0 && values[i] >= s.gradNormRatio * baseline) {
        hits.push({ step: steps[i], value: values[i], baseline });
      }
    }
    if (hits.length === 0) continue;
    const worst = hits.reduce((a, b) => (b.value / b.baseline > a.value / a.baseline ? b : a));
    findings.push(
      curveFinding(set, {
        detector: 'grad-norm-explosion',
        severity: 'warning',
        runId: curve.runId,
        metric: curve.metric,
        steps: hits.map((h) => h.step),
        title: `${curve.metric} jumps to ${fmt(worst.value)} at step ${fmt(worst.step)}, ${fmt(Number((worst.value / worst.baseline).toPrecision(2)))}× its running median${hits.length > 1 ? ` (${hits.length} such steps)` : ''}`,
        evidence: [
          { label: 'steps', value: listSteps(hits.map((h) => h.step)) },
          {
            label: 'values',
            value: hits
              .slice(0, 8)
              .map((h) => fmt(h.value))
              .join(', '),
          },
          { label: 'running median before the worst', value: fmt(worst.baseline) },
          {
            label: 'worst ratio',
            value: `${fmt(Number((worst.value / worst.baseline).toPrecision(3)))}×`,
            threshold: `≥ ${fmt(s.gradNormRatio)}×`,
          },
        ],
        explanation:
          'Gradient norms many times their usual size mean a few batches push the weights much harder than the rest: the learning rate is near the edge of stability or some examples are extreme. Unclipped, such steps cause loss spikes or divergence; clipped, they silently shrink the useful update.',
        recommendation:
          'Make sure gradient clipping is on (max_grad_norm 1.0) and lower the learning rate or lengthen warmup; inspect the batches at those steps (very long or mislabelled sequences); a larger batch (or gradient accumulation) also smooths the gradients.',
      }),
    );
  }
  return findings;
};
