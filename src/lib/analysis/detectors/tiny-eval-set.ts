/**
 * Train or evaluation sets too small to measure anything: a validation set of 14 examples moves
 * an accuracy by 7 points per example, and its 95% interval spans ±23 points. Judged on the size
 * columns report adapters emit (see audit/sizes.ts); one warning per run.
 */
import { formatNumber as fmt, type Evidence, type Finding } from '../../model';
import { describeInterval, wilsonInterval } from '../audit/interval';
import { sizeAt, sizeColumns, type SizeColumn } from '../audit/sizes';
import { finiteAt, metricColumns, type Detector, type DetectorContext } from '../context';
import { runLabel } from '../known-params';
import { isAccuracyName, metricKind } from '../sweep/metric-kind';

interface Small {
  size: SizeColumn;
  n: number;
}

export const tinyEvalSet: Detector = {
  id: 'tiny-eval-set',
  label: 'Tiny train or evaluation set',
  description:
    'Train or evaluation sets (val_size, eval_samples, lm-eval <task>/n…) below a minimum size, with the 95% interval such a size puts on an accuracy.',
  run(ctx) {
    const { minEvalExamples, minTrainExamples } = ctx.settings.tinyEvalSet;
    // A task's document count only bounds an accuracy: wikitext's 62 documents hold many tokens.
    const sizes = sizeColumns(ctx).filter((s) => s.task === null || hasAccuracy(ctx, s.task));
    if (sizes.length === 0) return [];
    const findings: Finding[] = [];
    for (let row = 0; row < ctx.table.rowCount; row++) {
      const small: Small[] = [];
      for (const size of sizes) {
        const n = sizeAt(size.column, row);
        const limit = size.split === 'eval' ? minEvalExamples : minTrainExamples;
        if (n !== null && n < limit) small.push({ size, n });
      }
      if (small.length === 0) continue;
      findings.push(findingFor(ctx, row, small));
    }
    return findings;
  },
};

function findingFor(ctx: DetectorContext, row: number, small: Small[]): Finding {
  const { minEvalExamples, minTrainExamples } = ctx.settings.tinyEvalSet;
  const runId = ctx.runIds[row];
  const evidence: Evidence[] = [];
  let interval = '';
  for (const { size, n } of small) {
    const limit = size.split === 'eval' ? minEvalExamples : minTrainExamples;
    evidence.push({
      label: `${size.split === 'eval' ? 'evaluation' : 'training'} examples (${size.column.name})`,
      value: fmt(n),
      threshold: `< ${fmt(limit)}`,
      column: size.column.name,
    });
    if (size.split !== 'eval') continue;
    const accuracy = accuracyOf(ctx, row, size.task);
    const p = accuracy ? accuracy.value : 0.5;
    const range = describeInterval(wilsonInterval(p, n));
    interval ||= range.replace(/^.*\((.*)\)$/, '$1');
    evidence.push({
      label: accuracy
        ? `95% Wilson interval of ${accuracy.name} on ${fmt(n)} examples`
        : `95% Wilson interval of a 50% accuracy on ${fmt(n)} examples`,
      value: range,
    });
  }
  const evalSize = small.find((s) => s.size.split === 'eval');
  const trainSize = small.find((s) => s.size.split === 'train');
  const parts = [
    evalSize ? `evaluated on ${fmt(evalSize.n)} examples` : '',
    trainSize ? `trained on ${fmt(trainSize.n)} examples` : '',
  ].filter(Boolean);
  const tail = interval ? `: any accuracy measured on it is ${interval}` : '';
  return {
    id: `tiny-eval-set:${runId}`,
    detector: 'tiny-eval-set',
    severity: 'warning',
    title: `${runLabel(runId)}: ${parts.join(', ')}${tail}`,
    runIds: [runId],
    rows: [row],
    evidence,
    explanation: evalSize
      ? 'On a few dozen examples one example moves an accuracy by several points and the 95% interval spans tens of points, so improvements, comparisons with a base model and "no overfitting" claims made on this set are within noise. A loss or perplexity averaged over so few examples is just as fragile.'
      : 'A training set of a few dozen examples is enough to memorise, not to learn a task: any held-out improvement is fragile and a model fine-tuned on it mostly repeats its training examples.',
    recommendation: evalSize
      ? `Hold out at least a few hundred examples (${fmt(minEvalExamples)} or more), or use k-fold cross-validation on a small dataset, and report every score with its interval; compare models on the same examples with a paired test.`
      : `Collect more training data (at least ${fmt(minTrainExamples)} examples), augment it, or use few-shot prompting instead of fine-tuning, and check held-out examples for near-duplicates of training ones.`,
  };
}

function hasAccuracy(ctx: DetectorContext, task: string): boolean {
  return metricColumns(ctx).some(
    ({ column, role }) =>
      column.name.startsWith(`${task}/`) &&
      isAccuracyName(column.name, role) &&
      metricKind(column.name, role) === 'bounded',
  );
}

/** The run's held-out accuracy (of the task when the size is a task's), as a 0–1 fraction. */
function accuracyOf(
  ctx: DetectorContext,
  row: number,
  task: string | null,
): { name: string; value: number } | null {
  for (const { column, role } of metricColumns(ctx)) {
    if (role.split === 'train' || !isAccuracyName(column.name, role)) continue;
    if (metricKind(column.name, role) !== 'bounded') continue;
    if (task && !column.name.startsWith(`${task}/`)) continue;
    const v = finiteAt(column, row);
    if (v === null || v < 0 || v > 100) continue;
    return { name: `${column.name} ${fmt(v)}`, value: v > 1 ? v / 100 : v };
  }
  return null;
}
