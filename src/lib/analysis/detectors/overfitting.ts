/**
 * Overfitting: held-out loss far above training loss, or training accuracy far above held-out
 * accuracy. Only finished runs with enough budget are judged (short runs are short-run's job,
 * failed ones failed-status's); warning severity, because the run still produced a usable model.
 */
import {
  CellState,
  formatNumber as fmt,
  type Evidence,
  type Finding,
  type NumberColumn,
} from '../../model';
import {
  finiteAt,
  isFinishedRun,
  metricColumns,
  type Detector,
  type DetectorContext,
  type MetricRole,
} from '../context';
import { metricStem } from '../names';
import { runLabel } from '../known-params';
import { overfittingAdvisor } from './overfitting-advice';

export interface MetricPair {
  train: NumberColumn;
  heldOut: NumberColumn;
}

/** Train/held-out pairs of one family with the same stem; validation preferred over test. */
export function metricPairs(ctx: DetectorContext, family: MetricRole['family']): MetricPair[] {
  const metrics = metricColumns(ctx).filter((m) => m.role.family === family);
  const pairs: MetricPair[] = [];
  for (const train of metrics.filter((m) => m.role.split === 'train')) {
    const stem = metricStem(train.column.name);
    const sameStem = metrics.filter((m) => metricStem(m.column.name) === stem);
    const heldOut =
      sameStem.find((m) => m.role.split === 'val') ?? sameStem.find((m) => m.role.split === 'test');
    if (heldOut) pairs.push({ train: train.column, heldOut: heldOut.column });
  }
  return pairs;
}

/** Float slack, so 0.8 − 0.7 (0.09999…) counts as the 0.1 it is printed as. */
const EPSILON = 1e-9;

function diverged(column: NumberColumn, row: number): boolean {
  return (
    column.states[row] === CellState.nan ||
    (column.states[row] === CellState.value && !Number.isFinite(column.values[row]))
  );
}

/** Accuracies logged as percentages (any value above 1) need the gap threshold scaled. */
function accuracyScale(pair: MetricPair, rows: number): number {
  for (const column of [pair.train, pair.heldOut]) {
    for (let row = 0; row < rows; row++) {
      const v = finiteAt(column, row);
      if (v !== null && v > 1) return 100;
    }
  }
  return 1;
}

export const overfitting: Detector = {
  id: 'overfitting',
  label: 'Overfitting',
  description:
    'Held-out loss at least lossRatio × the training loss, or training accuracy at least accuracyGap above held-out accuracy, in runs with enough budget.',
  run(ctx) {
    const { lossRatio, accuracyGap, minBudgetFraction } = ctx.settings.overfitting;
    const rows = ctx.table.rowCount;
    const losses = metricPairs(ctx, 'loss');
    const accuracies = metricPairs(ctx, 'accuracy').map((pair) => ({
      pair,
      gap: accuracyGap * accuracyScale(pair, rows),
    }));
    if (losses.length === 0 && accuracies.length === 0) return [];
    const budget = ctx.budget;
    const minBudget = budget ? minBudgetFraction * budget.median : NaN;
    const paired = [...losses, ...accuracies.map((a) => a.pair)].flatMap((p) => [
      p.train,
      p.heldOut,
    ]);
    // Built at the first finding: its sweep medians cost more than a healthy sweep's scan.
    let advise: ReturnType<typeof overfittingAdvisor> | null = null;
    const heldOutName = losses[0]?.heldOut.name ?? accuracies[0]?.pair.heldOut.name;
    const findings: Finding[] = [];
    for (let row = 0; row < rows; row++) {
      if (!isFinishedRun(ctx, row)) continue;
      const spent = budget ? finiteAt(budget.column, row) : null;
      if (spent !== null && spent < minBudget) continue;
      // A run with a NaN/Inf in a compared metric diverged; that is nan-metrics' finding.
      if (paired.some((column) => diverged(column, row))) continue;
      const evidence: Evidence[] = [];
      let headline = '';
      for (const { train, heldOut } of losses) {
        const t = finiteAt(train, row);
        const h = finiteAt(heldOut, row);
        if (t === null || h === null || t <= 0 || h <= 0 || h / t < lossRatio - EPSILON) continue;
        const ratio = h / t;
        headline ||= `${heldOut.name} is ${fmt(Number(ratio.toPrecision(3)))}× ${train.name}`;
        evidence.push(
          { label: train.name, value: fmt(t), column: train.name },
          { label: heldOut.name, value: fmt(h), column: heldOut.name },
          {
            label: `${heldOut.name} / ${train.name}`,
            value: fmt(ratio),
            threshold: `≥ ${fmt(lossRatio)}`,
          },
        );
      }
      for (const { pair, gap } of accuracies) {
        const t = finiteAt(pair.train, row);
        const h = finiteAt(pair.heldOut, row);
        if (t === null || h === null || t - h < gap - EPSILON) continue;
        const label = `${pair.train.name} − ${pair.heldOut.name}`;
        headline ||= `${label} = ${fmt(t - h)}`;
        evidence.push(
          { label: pair.train.name, value: fmt(t), column: pair.train.name },
          { label: pair.heldOut.name, value: fmt(h), column: pair.heldOut.name },
          { label, value: fmt(t - h), threshold: `≥ ${fmt(gap)}` },
        );
      }
      if (evidence.length === 0) continue;
      const runId = ctx.runIds[row];
      findings.push({
        id: `overfitting:${runId}`,
        detector: 'overfitting',
        severity: 'warning',
        title: `${runLabel(runId)} overfits: ${headline}`,
        runIds: [runId],
        rows: [row],
        evidence,
        explanation:
          'The model fits its training data much better than held-out data: it memorises instead of generalising, its held-out metrics are the ones to trust, and more training will likely widen the gap.',
        recommendation: (advise ??= overfittingAdvisor(ctx))(row, heldOutName),
      });
    }
    return findings;
  },
};
