/** curve-nan: the first NaN/Inf value of any curve. Critical: the run diverged numerically. */
import { formatNumber as fmt, type Finding } from '../../../model';
import { curveFinding, type CurveDetector } from './types';

export const curveNan: CurveDetector = (set) => {
  const findings: Finding[] = [];
  for (const curve of set.curves) {
    let first = -1;
    let count = 0;
    for (let i = 0; i < curve.values.length; i++) {
      if (Number.isFinite(curve.values[i])) continue;
      if (first < 0) first = i;
      count++;
    }
    if (first < 0) continue;
    const step = curve.steps[first];
    findings.push(
      curveFinding(set, {
        detector: 'curve-nan',
        severity: 'critical',
        runId: curve.runId,
        metric: curve.metric,
        steps: [step],
        title: `${curve.metric} becomes ${fmt(curve.values[first])} at step ${fmt(step)}`,
        evidence: [
          { label: 'first non-finite step', value: fmt(step), threshold: 'NaN or ±inf' },
          { label: `${curve.metric} there`, value: fmt(curve.values[first]) },
          { label: 'non-finite points', value: `${count} of ${curve.values.length}` },
          ...(first > 0
            ? [{ label: 'last finite value', value: fmt(curve.values[first - 1]) }]
            : []),
        ],
        explanation:
          'A NaN or infinite value means the numbers overflowed (exploding loss or gradients, a log of 0, a division by 0, fp16 overflow). Everything logged after it is meaningless, and the checkpoint saved after it is usually broken.',
        recommendation: `Look at the steps just before ${fmt(step)}: lower the learning rate or add warmup, clip gradients (max_grad_norm 1.0), use bf16 instead of fp16 or enable loss scaling, and check that batch for empty or extreme inputs.`,
      }),
    );
  }
  return findings;
};
