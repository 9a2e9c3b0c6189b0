/** step-restart: steps going backwards within one curve (a resumed or restarted run). */
import { formatNumber as fmt, type Finding } from '../../../model';
import { listSteps } from '../series';
import { curveFinding, type CurveDetector } from './types';

export const stepRestart: CurveDetector = (set) => {
  const findings: Finding[] = [];
  for (const curve of set.curves) {
    const back: { from: number; to: number }[] = [];
    for (let i = 1; i < curve.steps.length; i++) {
      if (curve.steps[i] < curve.steps[i - 1])
        back.push({ from: curve.steps[i - 1], to: curve.steps[i] });
    }
    if (back.length === 0) continue;
    const first = back[0];
    findings.push(
      curveFinding(set, {
        detector: 'step-restart',
        severity: 'warning',
        runId: curve.runId,
        metric: curve.metric,
        steps: back.map((b) => b.to),
        title: `${curve.metric}: steps go backwards ${back.length === 1 ? 'once' : `${back.length} times`} (first ${fmt(first.from)} → ${fmt(first.to)})`,
        evidence: [
          {
            label: 'backward jumps',
            value: String(back.length),
            threshold: 'step < previous step',
          },
          { label: 'first jump', value: `${fmt(first.from)} → ${fmt(first.to)}` },
          { label: 'steps jumped back to', value: listSteps(back.map((b) => b.to)) },
          { label: 'points', value: String(curve.steps.length) },
        ],
        explanation:
          'The step counter went backwards: the run was resumed from an earlier checkpoint (or restarted into the same log folder), so several points share a step and the curve overlaps itself. Smoothing, "final value" and steps-to-converge are unreliable on such a curve.',
        recommendation:
          'Keep only the last write for each step (TensorBoard does so when a run resumes with purge_step), or log each restart to its own folder; check why the run was restarted (crash, preemption) and whether the resumed part restarted the learning-rate schedule.',
      }),
    );
  }
  return findings;
};
