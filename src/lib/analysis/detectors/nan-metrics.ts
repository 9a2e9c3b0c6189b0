/** NaN or ±Infinity in any metric: the run diverged or logged something undefined. */
import { CellState, type Evidence, type Finding, type NumberColumn } from '../../model';
import { formatNumber as fmt } from '../../model';
import { isFinishedRun, metricColumns, type Detector, type DetectorContext } from '../context';
import { configOf, knownParam, runLabel, valuesWhere } from '../known-params';

export const nanMetrics: Detector = {
  id: 'nan-metrics',
  label: 'NaN/Inf metrics',
  description:
    'Metric values that are NaN or ±Infinity. Empty cells are not counted: nothing was logged there.',
  run(ctx) {
    const metrics = metricColumns(ctx);
    const badByRow = new Map<number, Evidence[]>();
    for (const { column } of metrics) {
      for (let row = 0; row < ctx.table.rowCount; row++) {
        const state = column.states[row];
        const v = column.values[row];
        const bad = state === CellState.nan || (state === CellState.value && !Number.isFinite(v));
        if (!bad) continue;
        const value = state === CellState.nan ? 'NaN' : fmt(v);
        const list = badByRow.get(row) ?? [];
        list.push({ label: column.name, value, threshold: 'not finite', column: column.name });
        badByRow.set(row, list);
      }
    }
    const lossNames = new Set(
      metrics.filter((m) => m.role.family === 'loss').map((m) => m.column.name),
    );
    const lr = learningRateContext(ctx, badByRow);
    const findings: Finding[] = [];
    for (const [row, evidence] of [...badByRow].sort((a, b) => a[0] - b[0])) {
      const runId = ctx.runIds[row];
      const names = evidence.map((e) => e.label);
      const shown =
        names.length > 4
          ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`
          : names.join(', ');
      const lossBroke = names.some((n) => lossNames.has(n));
      findings.push({
        id: `nan-metrics:${runId}`,
        detector: 'nan-metrics',
        severity: 'critical',
        title: `${runLabel(runId)} has NaN/Inf metrics: ${shown}`,
        runIds: [runId],
        rows: [row],
        evidence,
        explanation: lossBroke
          ? 'A NaN or infinite loss means training diverged (exploding gradients, a too-high learning rate, log(0) or division by zero): every later update is garbage, the run is unusable, and NaN values silently drop out of best-run selection.'
          : 'An undefined metric means the model diverged or the metric was computed on an empty or degenerate set (e.g. a class never predicted), so the run cannot be compared with the others.',
        recommendation: advise(ctx, row, lr),
      });
    }
    return findings;
  },
};

interface LearningRateContext {
  name: string;
  column: NumberColumn;
  /** Highest rate among finished runs without bad metrics; NaN when there is none. */
  maxClean: number;
}

function learningRateContext(
  ctx: DetectorContext,
  badRows: Map<number, unknown>,
): LearningRateContext | null {
  const lr = knownParam(ctx, 'learningRate');
  if (!lr) return null;
  const clean = valuesWhere(
    lr.column,
    ctx.table.rowCount,
    (r) => !badRows.has(r) && isFinishedRun(ctx, r),
  );
  const maxClean = clean.length > 0 ? clean.reduce((a, b) => (b > a ? b : a), -Infinity) : NaN;
  return { ...lr, maxClean };
}

function advise(ctx: DetectorContext, row: number, lr: LearningRateContext | null): string {
  const value = lr ? lr.column.values[row] : NaN;
  const clip = 'add gradient clipping (max norm 1.0)';
  if (!lr || !Number.isFinite(value)) {
    const config = configOf(ctx, row);
    return `Lower the learning rate about 10×, ${clip}, and check the loss for log(0) or division by zero${config ? ` (config: ${config})` : ''}.`;
  }
  const { maxClean } = lr;
  if (Number.isFinite(maxClean) && value > maxClean) {
    return `${lr.name} ${fmt(value)} is above every ${lr.name} that trained cleanly (highest ${fmt(maxClean)}): keep ${lr.name} ≤ ${fmt(maxClean)}, or ${clip} and a warm-up if you need higher rates.`;
  }
  return `${lr.name} ${fmt(value)} is not the cause on its own (other runs train cleanly at that rate or above): try ${lr.name} ${fmt(value / 10)}, ${clip}, and check the data and the loss for log(0), division by zero or NaN inputs.`;
}
