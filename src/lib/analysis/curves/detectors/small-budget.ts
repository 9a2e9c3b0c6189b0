/**
 * Part of stopped-early: a run that ran its whole budget, but a budget so small (optimizer steps ×
 * batch size) that it saw only a few hundred examples — a smoke test read as a fine-tune.
 */
import { formatNumber as fmt, type Finding } from '../../../model';
import { runIds, runOf } from '../series';
import { curveFinding, type CurveDetector } from './types';

/** Hyperparameter names that hold the per-step batch size, most specific first. */
const BATCH_KEYS = ['train_batch_size', 'per_device_train_batch_size', 'batch_size'];

function batchSize(params: Record<string, number | string | boolean>): number | null {
  for (const key of BATCH_KEYS) {
    const v = Object.hasOwn(params, key) ? params[key] : undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  }
  return null;
}

function lastStep(set: Parameters<CurveDetector>[0], runId: string): number {
  let last = -Infinity;
  for (const c of set.curves) {
    if (c.runId !== runId) continue;
    for (let i = 0; i < c.steps.length; i++) if (c.steps[i] > last) last = c.steps[i];
  }
  return last;
}

export const smallBudget: CurveDetector = (set, s) => {
  const findings: Finding[] = [];
  for (const runId of runIds(set)) {
    const run = runOf(set, runId);
    const batch = run ? batchSize(run.params) : null;
    const last = lastStep(set, runId);
    if (!run || batch === null || !Number.isFinite(last)) continue;
    const steps = Math.max(run.plannedSteps ?? 0, last);
    const examples = steps * batch;
    if (examples >= s.minExamples) continue;
    findings.push(
      curveFinding(set, {
        detector: 'stopped-early',
        severity: 'info',
        runId,
        metric: '*',
        key: 'small-budget',
        steps: [last],
        title: `Tiny training budget: ${fmt(steps)} steps × batch ${fmt(batch)} = ${fmt(examples)} examples seen`,
        evidence: [
          { label: 'optimizer steps', value: fmt(steps) },
          { label: 'batch size', value: fmt(batch) },
          {
            label: 'examples seen',
            value: fmt(examples),
            threshold: `< ${fmt(s.minExamples)}`,
          },
        ],
        explanation:
          'The run finished its budget, but that budget was a few hundred examples: enough to check that training runs, not to fine-tune. Its loss curve and any evaluation say little about what the configuration can reach.',
        recommendation:
          'Train on more data or for more steps (more epochs, a larger batch with gradient accumulation) before comparing configurations; treat this run as a smoke test.',
      }),
    );
  }
  return findings;
};
