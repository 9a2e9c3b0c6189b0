/**
 * too-few-points (info): say that a curve is too short to judge instead of guessing. One run-level
 * finding (metric "*") when the reader found no per-step data or every judged curve is short;
 * otherwise one per loss-like curve below minPoints. A log the reader found without any evaluation
 * gets its own info finding (key "no-eval"): the held-out detectors cannot speak about it, and a
 * silent card would read as "no overfitting".
 */
import type { CurveSet, Finding } from '../../../model';
import { finitePoints, isBookkeeping, isGradNorm, isLossLike, runIds, runOf } from '../series';
import { curveFinding, type CurveDetector } from './types';

const EXPLANATION =
  'The detectors need a handful of points to tell a trend from noise; with fewer they stay silent, so the absence of other findings on this run means nothing.';

export const tooFewPoints: CurveDetector = (set, s) => {
  const findings: Finding[] = [];
  for (const runId of runIds(set)) {
    const run = runOf(set, runId);
    const judged = set.curves.filter(
      (c) => c.runId === runId && !isBookkeeping(c.metric) && !isGradNorm(c.metric),
    );
    const counts = judged.map((c) => ({ metric: c.metric, n: finitePoints(c).values.length }));
    const noStepNote = run?.notes.find((n) => /no per-step data/i.test(n));
    const short = counts.filter((c) => c.n < s.minPoints);
    if (noStepNote || counts.length === 0 || short.length === counts.length) {
      findings.push(
        curveFinding(set, {
          detector: 'too-few-points',
          severity: 'info',
          runId,
          metric: '*',
          steps: [],
          title:
            noStepNote || counts.length === 0
              ? 'No per-step data: this log has no curve to judge'
              : `Too few points to judge: ${short.map((c) => `${c.metric} ${c.n}`).join(', ')}`,
          evidence: [
            ...(noStepNote ? [{ label: 'reader note', value: noStepNote }] : []),
            ...counts.map((c) => ({
              label: `${c.metric} points`,
              value: String(c.n),
              threshold: `< ${s.minPoints}`,
            })),
          ],
          explanation: EXPLANATION,
          recommendation:
            'Log more often than the run is long (Hugging Face: logging_steps and eval_steps well below max_steps, e.g. 1–5 % of it; Lightning: log_every_n_steps), and evaluate more than once per run.',
        }),
      );
      continue;
    }
    const noEvalNote = run?.notes.find((n) => /no evaluation/i.test(n));
    if (noEvalNote) findings.push(noEvalFinding(set, runId, noEvalNote));
    for (const c of short) {
      if (!isLossLike(c.metric)) continue;
      findings.push(
        curveFinding(set, {
          detector: 'too-few-points',
          severity: 'info',
          runId,
          metric: c.metric,
          steps: [],
          title: `${c.metric} has only ${c.n} point${c.n === 1 ? '' : 's'}: too few to judge its trend`,
          evidence: [
            { label: `${c.metric} points`, value: String(c.n), threshold: `< ${s.minPoints}` },
          ],
          explanation: EXPLANATION,
          recommendation: `Log ${c.metric} more often (e.g. eval_steps at a tenth of the run) so spikes, plateaus and overfitting onset can be seen.`,
        }),
      );
    }
  }
  return findings;
};

function noEvalFinding(set: CurveSet, runId: string, note: string): Finding {
  return curveFinding(set, {
    detector: 'too-few-points',
    severity: 'info',
    runId,
    metric: '*',
    key: 'no-eval',
    steps: [],
    title: 'No evaluation in this log: overfitting cannot be judged',
    evidence: [{ label: 'reader note', value: note }],
    explanation:
      'Without a held-out loss or score logged during training, neither overfitting onset nor a growing train/held-out gap can be seen; a training loss that keeps falling may be memorisation.',
    recommendation:
      'Evaluate during training (Hugging Face: eval_strategy "steps" with eval_steps well below max_steps; Lightning: a validation_step), so the best checkpoint can be chosen on held-out data.',
  });
}
