/**
 * A dry-run checkpoint reported as the result: training ran a handful of optimiser steps (seed
 * 004: 21 steps in 6 s), a sliver of one epoch, or a few seconds, yet the run carries held-out
 * scores a reader takes as the fine-tuned model's. Judged only in small tables (a report, a few
 * checkpoints): in a sweep, short-run and stopped-early judge lengths against the siblings.
 */
import { formatNumber as fmt, type Evidence, type Finding, type NumberColumn } from '../../model';
import { plain } from '../audit/interval';
import { sizeAt, sizeColumns } from '../audit/sizes';
import { finiteAt, metricColumns, type Detector, type DetectorContext } from '../context';
import { runLabel } from '../known-params';

/** Steps actually taken or planned (Trainer's global_step / max_steps, hand-made total_steps). */
const STEPS =
  /^(global_step|max_steps|total_steps|num_steps|train_steps|training_steps|num_train_steps|num_training_steps|steps)$/i;
/** Trainer's training time, in seconds by definition: a few seconds is a dry run on its own. */
const SECONDS = /^train_runtime$/i;
/**
 * Other runtimes: of unknown unit (`total_time` 6 may be hours), or a sweep's `runtime_sec` where a
 * small model trains in 45 s for real. Support for another signal, never enough alone.
 */
const RUNTIME =
  /^(total_time|train_time|training_time|train_duration|runtime|.*_(s|sec|secs|seconds))$/i;
const BATCH = /^(batch_size|train_batch_size|per_device_train_batch_size|total_train_batch_size)$/i;
const EPOCH = /^(epoch|epochs)$/i;

const leaf = (name: string) => name.slice(name.lastIndexOf('/') + 1);

function find(ctx: DetectorContext, pattern: RegExp): NumberColumn | null {
  const hit = ctx.table.columns.find((c) => c.kind === 'number' && pattern.test(leaf(c.name)));
  return hit?.kind === 'number' ? hit : null;
}

export const dryRun: Detector = {
  id: 'dry-run',
  label: 'Dry-run checkpoint',
  description:
    'A report whose training ran a handful of steps, a sliver of one epoch or a few seconds, yet whose held-out scores are reported as the result.',
  run(ctx) {
    const { maxSteps, maxSeconds, minEpochFraction, maxRuns } = ctx.settings.dryRun;
    if (ctx.table.rowCount > maxRuns) return [];
    const heldOut = metricColumns(ctx).filter((m) => m.role.split !== 'train');
    if (heldOut.length === 0) return [];
    const steps = find(ctx, STEPS);
    const seconds = find(ctx, SECONDS);
    const runtime = find(ctx, RUNTIME);
    const epoch = find(ctx, EPOCH);
    const batch = find(ctx, BATCH);
    const trainSize = sizeColumns(ctx).find((s) => s.split === 'train')?.column ?? null;
    const findings: Finding[] = [];
    for (let row = 0; row < ctx.table.rowCount; row++) {
      const scored = heldOut.find((m) => finiteAt(m.column, row) !== null);
      if (!scored) continue;
      const s = steps && finiteAt(steps, row);
      const sec = seconds && finiteAt(seconds, row);
      const e = epoch && finiteAt(epoch, row);
      const b = batch && finiteAt(batch, row);
      const n = trainSize && sizeAt(trainSize, row);
      // Not judged past maxSteps: 500 steps on a corpus of millions is a max_steps fine-tune.
      const share = s !== null && s > maxSteps ? null : epochShare(e, s, b, n);
      const signals: Evidence[] = [];
      if (s !== null && s >= 1 && s <= maxSteps)
        signals.push({
          label: `optimiser steps (${steps!.name})`,
          value: fmt(s),
          threshold: `≤ ${fmt(maxSteps)}`,
          column: steps!.name,
        });
      if (share !== null && share.value < minEpochFraction)
        signals.push({
          label: 'share of one epoch trained',
          value: `${fmt(Number((share.value * 100).toPrecision(2)))}%${share.how}`,
          threshold: `< ${fmt(minEpochFraction * 100)}%`,
          column: (share.how ? steps : epoch)?.name,
        });
      if (sec !== null && sec > 0 && sec < maxSeconds)
        signals.push({
          label: `training time (${seconds!.name})`,
          value: `${fmt(sec)} s`,
          threshold: `< ${fmt(maxSeconds)} s`,
          column: seconds!.name,
        });
      if (signals.length === 0) continue;
      const t = runtime && finiteAt(runtime, row);
      if (t !== null && t > 0) {
        const inSeconds = /_(s|sec|secs|seconds)$/i.test(runtime!.name);
        signals.push({
          label: inSeconds ? runtime!.name : `${runtime!.name} (unit not stated)`,
          value: inSeconds ? `${fmt(t)} s` : fmt(t),
          column: runtime!.name,
        });
      }
      const v = finiteAt(scored.column, row) as number;
      signals.push({
        label: `reported ${scored.column.name}`,
        value: fmt(v),
        column: scored.column.name,
      });
      findings.push(findingFor(ctx.runIds[row], row, signals));
    }
    return findings;
  },
};

/** Share of one pass over the training set: Trainer's fractional epoch, or steps × batch / n. */
function epochShare(
  epoch: number | null,
  steps: number | null,
  batch: number | null,
  n: number | null,
): { value: number; how: string } | null {
  if (epoch !== null && epoch > 0 && epoch < 1) return { value: epoch, how: '' };
  if (steps === null || batch === null || n === null) return null;
  const how = ` (${fmt(steps)} steps × batch ${fmt(batch)} of ${plain(n)} examples)`;
  return { value: (steps * batch) / n, how };
}

function findingFor(runId: string, row: number, evidence: Evidence[]): Finding {
  const first = evidence[0];
  const what = first.label.startsWith('optimiser')
    ? `${first.value} optimiser steps`
    : first.label.startsWith('share')
      ? `${first.value.replace(/ \(.*$/, '')} of one epoch`
      : `${first.value} of training`;
  return {
    id: `dry-run:${runId}`,
    detector: 'dry-run',
    severity: 'warning',
    title: `${runLabel(runId)}: trained for only ${what}, yet its evaluation is reported as the result (a dry run?)`,
    runIds: [runId],
    rows: [row],
    evidence,
    explanation:
      'A handful of optimiser steps is a smoke test of the pipeline (max_steps or a debug flag left on, the wrong checkpoint exported): the weights are barely moved from the base model, so its scores say how the base model does, and any "improvement" over the base is noise or the first steps of a learning-rate warmup.',
    recommendation:
      'Check the training arguments (max_steps, num_train_epochs, a debug or dry-run flag) and which checkpoint was evaluated; rerun the full training, confirm the loss curve has levelled off, and evaluate that checkpoint before reporting.',
  };
}
