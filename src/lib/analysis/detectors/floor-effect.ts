/**
 * Benchmark accuracies at the floor (near 0) or the ceiling (near 1): with a handful of right (or
 * wrong) answers the score cannot separate models — GSM8K 8-shot 0.0083 ± 0.0025 is 11 correct
 * answers of 1,319. Judged only on accuracies that come with a stderr or a sample count (lm-eval,
 * tracker reports), so a diverged trial in a sweep is left to at-chance and nan-metrics.
 */
import { formatNumber as fmt, type Evidence, type Finding, type NumberColumn } from '../../model';
import { describeInterval, impliedCount, plain, wilsonInterval } from '../audit/interval';
import { sizeAt, sizeColumns } from '../audit/sizes';
import { finiteAt, metricColumns, numberColumn, type Detector } from '../context';
import { runLabel } from '../known-params';
import { isAccuracyName, metricKind } from '../sweep/metric-kind';

export const floorEffect: Detector = {
  id: 'floor-effect',
  label: 'Floor or ceiling effect',
  description:
    'A benchmark accuracy (with a stderr or a sample count) within margin of 0 or of 1: too few right or wrong answers to compare models.',
  run(ctx) {
    const { margin } = ctx.settings.floorEffect;
    const tasks = sizeColumns(ctx).filter((s) => s.task !== null);
    const findings: Finding[] = [];
    for (const { column, role } of metricColumns(ctx)) {
      if (role.split === 'train' || !isAccuracyName(column.name, role)) continue;
      if (metricKind(column.name, role) !== 'bounded') continue;
      const stderr = numberColumn(ctx.table, `${column.name}_stderr`);
      const size = tasks.find((t) => t.task !== null && column.name.startsWith(`${t.task}/`));
      if (!stderr && !size) continue;
      for (let row = 0; row < ctx.table.rowCount; row++) {
        const v = finiteAt(column, row);
        if (v === null || v < 0 || v > 1) continue;
        const floor = v < margin;
        if (!floor && v <= 1 - margin) continue;
        const se = stderr ? finiteAt(stderr, row) : null;
        const n = (size && sizeAt(size.column, row)) ?? (se !== null ? impliedCount(v, se) : null);
        findings.push(finding(ctx.runIds[row], row, column, v, se, n, floor, margin));
      }
    }
    return findings;
  },
};

function finding(
  runId: string,
  row: number,
  column: NumberColumn,
  v: number,
  se: number | null,
  n: number | null,
  floor: boolean,
  margin: number,
): Finding {
  const where = floor ? 'floor' : 'ceiling';
  const evidence: Evidence[] = [
    {
      label: column.name,
      value: se !== null ? `${fmt(v)} ± ${fmt(se)}` : fmt(v),
      threshold: floor ? `< ${fmt(margin)}` : `> ${fmt(1 - margin)}`,
      column: column.name,
    },
  ];
  let count = '';
  if (n !== null && n > 0) {
    const k = Math.round((floor ? v : 1 - v) * n);
    count = `about ${fmt(k)} of ${plain(n)} answers ${floor ? 'right' : 'wrong'}`;
    evidence.push({
      label: floor ? 'right answers' : 'wrong answers',
      value: `≈ ${fmt(k)} of ${plain(n)}`,
    });
    evidence.push({
      label: `95% Wilson interval on ${fmt(n)} examples`,
      value: describeInterval(wilsonInterval(v, n)),
    });
  }
  return {
    id: `floor-effect:${runId}:${column.name}`,
    detector: 'floor-effect',
    severity: 'warning',
    title: `${runLabel(runId)}: ${column.name} ${evidence[0].value} is at the ${where}${count ? ` (${count})` : ''}`,
    runIds: [runId],
    rows: [row],
    evidence,
    explanation: floor
      ? 'A score this close to 0 rests on a handful of right answers, often lucky guesses or format matches: the benchmark is too hard for the model (or the answers are not being extracted), so it cannot tell models or checkpoints apart, and a relative improvement on it ("twice as good") is noise.'
      : 'A score this close to 1 leaves a handful of wrong answers, often label errors in the benchmark: it cannot separate good models any more, and a perfect score may mean the test examples were seen in training.',
    recommendation: floor
      ? 'Check the answer extraction on a few outputs (strict vs flexible match, few-shot format), then compare models on a benchmark at their level (easier tasks, or a log-likelihood metric) where scores spread out.'
      : 'Compare models on a harder benchmark, and check the test set for overlap with the training data.',
  };
}
