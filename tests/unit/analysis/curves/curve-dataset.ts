/** A dropped folder of six runs as readSources would give it: curves, a derived table, curveRows. */
import type { CurveSet, Dataset, SourceFormat } from '../../../../src/lib/model';
import { sourceOf, tableFromColumns, type Cell } from '../table-helper';
import { curve, healthyLoss, run } from './helpers';

const STEPS = Array.from({ length: 40 }, (_, i) => (i + 1) * 10);
const EVAL_STEPS = STEPS.filter((_, i) => i % 5 === 4);

/** lr_1e-4 … lr_3e-3: the two highest learning rates blow up (a NaN, a spike). */
export function curveRuns(): CurveSet {
  const lrs = [1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 3e-3];
  const runs = lrs.map((lr, i) =>
    run(`run_${i + 1}_lr-${lr}`, {
      params: { lr },
      plannedSteps: 400,
      source: `run_${i + 1}/events`,
    }),
  );
  const curves = runs.flatMap((r, i) => {
    const loss = healthyLoss(40, i + 1).map((v) => v * (1 + 0.05 * i));
    if (i === 4) loss.fill(NaN, 30);
    if (i === 5) loss[25] = 12;
    const evalLoss = EVAL_STEPS.map((_, k) => 1.2 - 0.08 * k + 0.01 * i);
    return [
      curve(r.runId, 'train/loss', loss, STEPS),
      curve(r.runId, 'eval/loss', evalLoss, EVAL_STEPS),
      curve(
        r.runId,
        'train/learning_rate',
        STEPS.map((s) => 1e-4 * (1 - s / 500)),
        STEPS,
      ),
    ];
  });
  return { runs, curves };
}

/** The table readSources derives: one row per run, final values, last_step. */
export function curveDataset(format: SourceFormat = 'curve-logs', set = curveRuns()): Dataset {
  const last = (runId: string, metric: string): Cell => {
    const c = set.curves.find((x) => x.runId === runId && x.metric === metric);
    const v = c ? c.values[c.values.length - 1] : NaN;
    return Number.isNaN(v) ? 'NaN' : v;
  };
  const table = tableFromColumns({
    run: set.runs.map((r) => r.runId),
    lr: set.runs.map((r) => Number(r.params.lr)),
    'train/loss': set.runs.map((r) => last(r.runId, 'train/loss')),
    'eval/loss': set.runs.map((r) => last(r.runId, 'eval/loss')),
    last_step: set.runs.map(() => 400),
  });
  return {
    source: { ...sourceOf(table, 'sweep (6 files)'), format },
    table,
    curves: set,
    curveRows: Int32Array.from(set.runs, (_, i) => i),
  };
}
