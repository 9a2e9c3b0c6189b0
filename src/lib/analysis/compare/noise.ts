/**
 * What a run table says about the noise of one metric value: its standard error (lm-eval's
 * `<metric>_stderr`), the number of examples it was measured on (for accuracies), and per-sample
 * results. Shared by the Compare cell's tests and the within-noise detector.
 */
import type { NumberColumn, RunSamples } from '../../model';
import { sizeAt, sizeColumns } from '../audit/sizes';
import { finiteAt, numberColumn, type DetectorContext, type MetricRole } from '../context';
import { isAccuracyName, metricKind } from '../sweep/metric-kind';

const STDERR_SUFFIXES = ['_stderr', '_se', '_std_err', '_sem'];

/** The standard-error column of a metric (`gsm8k/acc` → `gsm8k/acc_stderr`), if the table has one. */
export function stderrColumn(ctx: DetectorContext, metric: string): NumberColumn | null {
  for (const suffix of STDERR_SUFFIXES) {
    const column = numberColumn(ctx.table, metric + suffix);
    if (column) return column;
  }
  return null;
}

export function isStderrName(name: string): boolean {
  return STDERR_SUFFIXES.some((s) => name.endsWith(s));
}

/** A positive, finite standard error of the metric at a row, or null. */
export function stderrAt(ctx: DetectorContext, metric: string, row: number): number | null {
  const column = stderrColumn(ctx, metric);
  const v = column ? finiteAt(column, row) : null;
  return v !== null && v > 0 ? v : null;
}

/** Accuracy-like metrics, whose noise follows from a sample count alone (binomial). */
export function isProportion(name: string, role: MetricRole): boolean {
  return isAccuracyName(name, role) && metricKind(name, role) === 'bounded';
}

/**
 * Examples a metric was measured on at a row: the metric's task count (`gsm8k/n` for
 * `gsm8k/acc`), else a run-wide evaluation size (`eval_samples`, `val_size`).
 */
export function countAt(ctx: DetectorContext, metric: string, row: number): number | null {
  const sizes = sizeColumns(ctx).filter((s) => s.split === 'eval');
  const task = sizes.find((s) => s.task !== null && metric.startsWith(`${s.task}/`));
  if (task) return sizeAt(task.column, row);
  const general = sizes.find((s) => s.task === null);
  return general ? sizeAt(general.column, row) : null;
}

/** 1 for fractions, 100 for percentages (either value above 1 means percent). */
export function proportionScale(...values: number[]): 1 | 100 {
  return values.some((v) => v > 1) ? 100 : 1;
}

/** A run's per-sample results of a metric, as a map from sample id to score. */
export function samplesOf(
  samples: readonly RunSamples[] | undefined,
  runId: string,
  metric: string,
): Map<string, number> | null {
  const found = samples?.find((s) => s.runId === runId && s.metric === metric);
  if (!found || found.ids.length === 0) return null;
  const out = new Map<string, number>();
  found.ids.forEach((id, i) => out.set(id, found.values[i]));
  return out;
}
