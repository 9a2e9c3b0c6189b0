/**
 * lm-evaluation-harness run with `limit`: only the first N documents of each task were scored, so
 * the numbers are not comparable with published full-set results, and the subset's interval is
 * wider. Needs `limit` beside lm-eval's `<task>/n` columns, so a sweep's unrelated `limit`
 * parameter is not read as one.
 */
import { formatNumber as fmt, type Evidence, type Finding } from '../../model';
import { describeInterval, wilsonInterval } from '../audit/interval';
import { sizeAt, sizeColumns } from '../audit/sizes';
import { columnNamed, finiteAt, type Detector } from '../context';
import { runLabel } from '../known-params';

export const limitedEval: Detector = {
  id: 'limited-eval',
  label: 'Evaluation on a subset',
  description:
    'An lm-evaluation-harness run with `limit` set: each task scored on its first N documents only; a warning below severeBelow documents.',
  run(ctx) {
    const { severeBelow } = ctx.settings.limitedEval;
    const column = columnNamed(ctx.table, 'limit') ?? columnNamed(ctx.table, 'config/limit');
    if (column?.kind !== 'number') return [];
    const tasks = sizeColumns(ctx).filter((s) => s.task !== null);
    if (tasks.length === 0) return [];
    const findings: Finding[] = [];
    for (let row = 0; row < ctx.table.rowCount; row++) {
      const limit = finiteAt(column, row);
      if (limit === null || !(limit > 0)) continue;
      const runId = ctx.runIds[row];
      const evidence: Evidence[] = [{ label: 'limit', value: fmt(limit), column: column.name }];
      for (const { column: n, task } of tasks) {
        const count = sizeAt(n, row);
        if (count !== null)
          evidence.push({ label: `${task}: documents scored`, value: fmt(count), column: n.name });
      }
      const documents =
        limit < 1 ? `${fmt(limit * 100)}% of the documents` : `${fmt(limit)} documents`;
      evidence.push({
        label: `95% Wilson interval of a 50% accuracy on ${documents}`,
        value:
          limit >= 1 ? describeInterval(wilsonInterval(0.5, limit)) : 'depends on the task size',
        threshold: `warning below ${fmt(severeBelow)} documents`,
      });
      findings.push({
        id: `limited-eval:${runId}`,
        detector: 'limited-eval',
        severity: limit >= 1 && limit < severeBelow ? 'warning' : 'info',
        title: `${runLabel(runId)}: evaluated with limit = ${fmt(limit)}, on a subset of each task`,
        runIds: [runId],
        rows: [row],
        evidence,
        explanation:
          "lm-evaluation-harness's `limit` is meant for testing: it scores only the first documents of each task, which are not a random sample (benchmarks are often ordered by source or difficulty). The scores are not comparable with full-set results, and differences between checkpoints on the same small subset carry a wide interval.",
        recommendation:
          'Rerun the final comparison without `limit` (or with a random subset large enough for the difference you want to see), and compare only models evaluated on the same documents.',
      });
    }
    return findings;
  },
};
