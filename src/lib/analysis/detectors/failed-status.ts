/**
 * Runs whose status says they broke (critical) or did not finish for a benign reason such as
 * pruning or still running (info: reported, but not counted as failures).
 */
import { formatNumber as fmt, type Evidence, type Finding } from '../../model';
import { finiteAt, type Detector, type DetectorContext } from '../context';
import { configOf, knownParam, runLabel } from '../known-params';
import { failureKind, normalizeStatus } from '../status';

export const failedStatus: Detector = {
  id: 'failed-status',
  label: 'Failed or unfinished runs',
  description:
    'Status values meaning failed, crashed, killed, error, timeout or out of memory (critical); pruned, running, queued or cancelled runs are reported as info.',
  run(ctx) {
    const status = ctx.status;
    if (!status) return [];
    const findings: Finding[] = [];
    for (let row = 0; row < ctx.table.rowCount; row++) {
      const cls = status.classes[row];
      if (cls !== 'failed' && cls !== 'stopped') continue;
      const runId = ctx.runIds[row];
      const label = status.labels[row];
      const evidence: Evidence[] = [
        { label: 'status', value: label, column: status.column },
        ...budgetEvidence(ctx, row),
      ];
      const base = { id: `failed-status:${runId}`, detector: 'failed-status' as const };
      const where = { runIds: [runId], rows: [row], evidence };
      if (cls === 'failed') {
        findings.push({
          ...base,
          ...where,
          severity: 'critical',
          title: `${runLabel(runId)} ${failureVerb(label)} (status "${label}")`,
          explanation:
            'A failed run produced no trustworthy result, and if failures cluster in one region of the search space the best config is picked from a biased sample.',
          recommendation: adviseFailure(ctx, row, label),
        });
      } else {
        findings.push({
          ...base,
          ...where,
          severity: 'info',
          title: `${runLabel(runId)} did not finish (status "${label}")`,
          ...explainStopped(label),
        });
      }
    }
    return findings;
  },
};

function failureVerb(label: string): string {
  const kind = failureKind(label);
  if (kind === 'oom') return 'ran out of memory';
  if (kind === 'timeout') return 'timed out';
  if (kind === 'killed') return 'was killed';
  return normalizeStatus(label).startsWith('crash') ? 'crashed' : 'failed';
}

/** How far the run got before it stopped, against the sweep's typical budget. */
function budgetEvidence(ctx: DetectorContext, row: number): Evidence[] {
  const budget = ctx.budget;
  const v = budget ? finiteAt(budget.column, row) : null;
  if (!budget || v === null) return [];
  const out: Evidence[] = [
    { label: budget.column.name, value: fmt(v), column: budget.column.name },
  ];
  if (Number.isFinite(budget.median)) {
    out.push({
      label: `typical ${budget.column.name} (median of finished runs)`,
      value: fmt(budget.median),
    });
  }
  return out;
}

function adviseFailure(ctx: DetectorContext, row: number, label: string): string {
  const config = configOf(ctx, row);
  const withConfig = config ? ` (${config})` : '';
  switch (failureKind(label)) {
    case 'oom': {
      const batch = knownParam(ctx, 'batchSize');
      const b = batch ? finiteAt(batch.column, row) : null;
      const what =
        batch && b !== null
          ? `${batch.name} ${fmt(b)} → ${fmt(Math.max(1, Math.floor(b / 2)))}`
          : 'the batch size';
      return `Reduce ${what}, or keep it and use gradient accumulation or mixed precision; then rerun this config${withConfig}.`;
    }
    case 'timeout':
      return `Raise the job's time limit or shorten its budget, then rerun this config${withConfig}; if only slow configs time out, the sweep is biased towards fast ones.`;
    case 'killed':
      return `Find out who killed it (you, the scheduler, the OOM killer: check the exit code and peak memory), then rerun this config${withConfig}.`;
    case 'crash':
      return `Read the run's log for the exception and rerun this config alone${withConfig}; if failures cluster at some hyperparameter values (see the pathologies), narrow the search range there.`;
  }
}

function explainStopped(label: string): { explanation: string; recommendation: string } {
  const s = normalizeStatus(label);
  if (s === 'pruned' || s === 'early_stopped') {
    return {
      explanation:
        'The tuner stopped it early because its intermediate results were poor: expected behaviour, not a failure, but its final metrics are partial.',
      recommendation: 'Nothing to fix; compare final metrics over completed runs only.',
    };
  }
  if (/^(running|waiting|queued|pending|scheduled|paused)$/.test(s)) {
    return {
      explanation: 'It has not finished yet, so its metrics are partial and not comparable.',
      recommendation: 'Export the sweep again once it has finished.',
    };
  }
  return {
    explanation:
      'It was stopped by a user or the scheduler (cancelled or preempted) before it finished, so its metrics are partial.',
    recommendation: 'Rerun it if its region of the search space matters; otherwise leave it out.',
  };
}
