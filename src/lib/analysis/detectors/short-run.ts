/**
 * Runs that spent far less budget than the sweep's typical run. Failed runs are skipped: they
 * are short because they failed, and failed-status already reports them with the budget they
 * reached. Stopped runs (pruned, running) are skipped for the same reason.
 */
import { formatNumber as fmt, type Finding } from '../../model';
import { finiteAt, isFinishedRun, type Detector } from '../context';
import { runLabel } from '../known-params';

export const shortRun: Detector = {
  id: 'short-run',
  label: 'Too-short runs',
  description:
    "Finished runs whose budget (epochs, steps or runtime) is below fractionOfMedian × the sweep's median budget.",
  run(ctx) {
    const budget = ctx.budget;
    const { fractionOfMedian, minTrials } = ctx.settings.shortRun;
    // The median of a handful of runs is not a trustworthy "typical" budget.
    if (!budget || budget.count < minTrials || !(budget.median > 0)) return [];
    const limit = fractionOfMedian * budget.median;
    const name = budget.column.name;
    const unit = budget.unit === 'runtime' ? name : budget.unit;
    const findings: Finding[] = [];
    for (let row = 0; row < ctx.table.rowCount; row++) {
      const spent = finiteAt(budget.column, row);
      if (spent === null || spent >= limit || !isFinishedRun(ctx, row)) continue;
      const runId = ctx.runIds[row];
      const share = Math.round((100 * spent) / budget.median);
      findings.push({
        id: `short-run:${runId}`,
        detector: 'short-run',
        severity: 'warning',
        title: `${runLabel(runId)} ran ${fmt(spent)} ${unit}, ${share}% of the sweep's median (${fmt(budget.median)})`,
        runIds: [runId],
        rows: [row],
        evidence: [
          {
            label: name,
            value: fmt(spent),
            threshold: `< ${fmt(fractionOfMedian)} × median ${fmt(budget.median)} = ${fmt(limit)}`,
            column: name,
          },
          { label: `median ${name} of ${budget.count} finished runs`, value: fmt(budget.median) },
        ],
        explanation:
          'A run with a fraction of the typical budget has not converged, so its metrics are not comparable with the rest of the sweep: its config may be blamed for a bad result, or an early-peaking metric may make it look deceptively good.',
        recommendation: `Rerun it with the typical budget (≈ ${fmt(budget.median)} ${unit}) or leave it out when picking the best config; check whether early stopping, a time limit or preemption cut it short.`,
      });
    }
    return findings;
  },
};
