/**
 * Which kind of training-curve CSV a header belongs to, and how to read it. Pure: header cells
 * and the file name in, a reading plan with a human-readable reason out.
 */
import { fileStem } from './series';

export type CurveCsvKind = 'tensorboard' | 'wandb' | 'long' | 'lightning' | 'keras' | 'wide';

/** One column that holds one metric of one run (wide layouts). */
export interface MetricColumn {
  column: number;
  metric: string;
  /** Set when the column names its run (W&B `<run> - <metric>`); else the file's run. */
  runId: string | null;
}

export interface CurveCsvFormat {
  kind: CurveCsvKind;
  /** Why, e.g. "read as TensorBoard scalar CSV because the header is Wall time,Step,Value". */
  reason: string;
  /** Column of x (step or epoch); null when x is the row's position. */
  xColumn: number | null;
  /** What x counts: "step", "epoch", or "row" (position in the file or in its series). */
  xUnit: 'step' | 'epoch' | 'row';
  /** Column of wall-clock seconds, when there is one. */
  wallTimeColumn: number | null;
  /** Long format: run, metric and value columns (run may be absent: one run). */
  runColumn: number | null;
  metricColumn: number | null;
  valueColumn: number | null;
  /** Wide layouts: the metric columns. */
  metrics: MetricColumn[];
  /** Lightning: the epoch column, read as an `epoch` curve against step. */
  epochColumn: number | null;
  /** Run and metric named by the file (TensorBoard `run-<run>-tag-<tag>.csv`). */
  runFromFileName: string | null;
  metricFromFileName: string | null;
  /** Columns deliberately not read, with why (shown to the user). */
  ignored: { column: string; why: string }[];
}

/** Plural `steps` / `epochs` are budgets in sweep tables, not an x axis, so they are not here. */
const STEP_NAMES = ['step', 'global_step', '_step', 'iteration', 'iter', 'it', 'batch'];
const EPOCH_NAMES = ['epoch'];
/** Columns that only one-row-per-trial tables have (status, Optuna params_, MLflow params.). */
const SWEEP_COLUMN =
  /^(?:status|state|params|duration|runtime_sec|start time|end_time|datetime_start)$|^(?:params?_|params\.|param\.|config\/|config\.|metrics\.|hparams\/)/i;
const RUN_NAMES = ['run', 'run_id', 'run_name', 'runid', 'trial', 'trial_id', 'experiment'];
const METRIC_NAMES = ['metric', 'metric_name', 'tag', 'key', 'series'];
const VALUE_NAMES = ['value', 'metric_value', 'scalar_value', 'val', 'y'];
const WALL_NAMES = ['wall_time', 'walltime', 'wall time', 'timestamp', '_timestamp', 'time'];
/** Keras metric names: loss, accuracy, val_*, and common compiled metrics. */
const KERAS_METRIC =
  /^(?:val_)?(?:loss|acc|accuracy|binary_accuracy|categorical_accuracy|sparse_categorical_accuracy|top_k_categorical_accuracy|mae|mse|mape|rmse|root_mean_squared_error|mean_absolute_error|mean_squared_error|auc|precision|recall|f1_score|f1)(?:_\d+)?$|^(?:lr|learning_rate)$/;
const PANDAS_INDEX = /^(?:|Unnamed: 0|index)$/;
const TENSORBOARD_FILE = /^run-(.*)-tag-(.+?)(?:\s*\(\d+\))?$/;
/** W&B chart export column: `<run> - <metric>` with optional `__MIN` / `__MAX`. */
const WANDB_COLUMN = /^(.+) - (.+?)(__MIN|__MAX)?$/;

function find(
  lower: string[],
  names: readonly string[],
  exclude: (number | null)[] = [],
): number | null {
  for (const name of names) {
    const i = lower.indexOf(name);
    if (i !== -1 && !exclude.includes(i)) return i;
  }
  return null;
}

function blank(kind: CurveCsvKind, reason: string): CurveCsvFormat {
  return {
    kind,
    reason,
    xColumn: null,
    xUnit: 'step',
    wallTimeColumn: null,
    runColumn: null,
    metricColumn: null,
    valueColumn: null,
    metrics: [],
    epochColumn: null,
    runFromFileName: null,
    metricFromFileName: null,
    ignored: [],
  };
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

export function detectCurveCsv(header: string[], fileName: string): CurveCsvFormat | null {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\ufeff/, '') : h).trim());
  const lower = names.map((n) => n.toLowerCase());
  const base = baseName(fileName);
  if (names.length < 2) return null;

  // TensorBoard "Download CSV": exactly Wall time,Step,Value.
  if (lower.length === 3 && lower[0] === 'wall time' && lower[1] === 'step' && lower[2] === 'value')
    return tensorboard(names, fileName);

  // W&B chart export: an x column, then only `<run> - <metric>` columns.
  const wandb = wandbFormat(names);
  if (wandb) return wandb;

  // A trial table (status column, params_* columns…) is not a curve log, whatever else it has.
  const sweepColumn = names.find((n) => SWEEP_COLUMN.test(n));
  if (sweepColumn !== undefined) return null;

  // Long format: one row per (run, step, metric) point.
  const metricColumn = find(lower, METRIC_NAMES) ?? find(lower, ['name']);
  const valueColumn = find(lower, VALUE_NAMES, [metricColumn]);
  if (metricColumn !== null && valueColumn !== null) {
    const format = blank('long', '');
    format.metricColumn = metricColumn;
    format.valueColumn = valueColumn;
    format.runColumn = find(lower, [...RUN_NAMES, 'name'], [metricColumn, valueColumn]);
    const taken = [metricColumn, valueColumn, format.runColumn];
    const step = find(lower, STEP_NAMES, taken);
    const epoch = find(lower, EPOCH_NAMES, taken);
    format.xColumn = step ?? epoch;
    format.xUnit = step !== null ? 'step' : epoch !== null ? 'epoch' : 'row';
    format.wallTimeColumn = find(lower, WALL_NAMES, [...taken, format.xColumn]);
    const used = [...taken, format.xColumn, format.wallTimeColumn];
    names.forEach((n, i) => {
      if (!used.includes(i)) format.ignored.push({ column: n, why: 'not part of the long format' });
    });
    const parts = [
      format.runColumn !== null ? `run (${names[format.runColumn]})` : null,
      format.xColumn !== null ? `${format.xUnit} (${names[format.xColumn]})` : null,
      `metric (${names[metricColumn]})`,
      `value (${names[valueColumn]})`,
    ].filter((p): p is string => p !== null);
    format.reason =
      `read as a long-format curve CSV because the header has ${parts.join(', ')} columns: one row per point` +
      (format.runColumn === null ? '; no run column, so one run' : '') +
      (format.xColumn === null ? '; no step column, so x is the position within each metric' : '');
    return format;
  }

  const step = find(lower, STEP_NAMES);
  const epoch = find(lower, EPOCH_NAMES);
  const wall = find(lower, WALL_NAMES, [step, epoch]);

  // PyTorch Lightning CSVLogger: epoch and step, sparse rows.
  if (step !== null && epoch !== null) {
    const isLightningName = /^metrics(?:\s*\(\d+\))?\.csv$/i.test(base);
    const format = wideFormat(
      'lightning',
      `read as PyTorch Lightning metrics.csv because the header has both "${names[epoch]}" and "${names[step]}" columns${isLightningName ? ' and the file is called metrics.csv' : ''}: rows are sparse, so each metric's points are the rows where it is filled, at x = step`,
      names,
      step,
      'step',
      wall,
      [epoch],
    );
    format.epochColumn = epoch;
    return format;
  }

  // Keras CSVLogger (epoch,…) or pandas DataFrame(history.history).to_csv() (unnamed index,…),
  // or a history without any x column.
  const others = names.filter((_, i) => i !== 0);
  const kerasMetrics = (cols: string[]) =>
    cols.length > 0 && cols.some((c) => /^(?:val_)?loss$/.test(c) || c.startsWith('val_'));
  if (step === null && epoch === 0 && kerasMetrics(others)) {
    return wideFormat(
      'keras',
      `read as a Keras CSVLogger history because the first column is "${names[0]}" and the others are Keras metrics (${others.slice(0, 4).join(', ')}): one row per epoch`,
      names,
      0,
      'epoch',
      wall,
      [],
    );
  }
  if (step === null && epoch === null && PANDAS_INDEX.test(names[0]) && kerasMetrics(others)) {
    return wideFormat(
      'keras',
      `read as a Keras history saved by pandas because the first column is an unnamed index and the others are Keras metrics (${others.slice(0, 4).join(', ')}): one row per epoch, x = the index (epoch from 0)`,
      names,
      0,
      'epoch',
      wall,
      [],
    );
  }
  if (step === null && epoch === null && lower.every((c) => KERAS_METRIC.test(c))) {
    const format = wideFormat(
      'keras',
      `read as a Keras history without an epoch column because every column is a Keras metric (${names.slice(0, 4).join(', ')}): one row per epoch, x = the row position (epoch from 0)`,
      names,
      null,
      'row',
      null,
      [],
    );
    return format;
  }

  // Generic wide per-step table: one x column, one column per metric, maybe a run column.
  const x = step ?? epoch;
  if (x !== null) {
    const run = find(lower, [...RUN_NAMES, 'name'], [x, wall]);
    const format = wideFormat(
      'wide',
      `read as a wide per-step curve CSV because "${names[x]}" is a${step !== null ? ' step' : 'n epoch'} column and the other columns are metrics${run !== null ? `, per run in "${names[run]}"` : ''}: each metric's points are the rows where it is filled`,
      names,
      x,
      step !== null ? 'step' : 'epoch',
      wall,
      run !== null ? [run] : [],
    );
    format.runColumn = run;
    return format;
  }
  return null;
}

function wideFormat(
  kind: CurveCsvKind,
  reason: string,
  names: string[],
  x: number | null,
  xUnit: CurveCsvFormat['xUnit'],
  wall: number | null,
  exclude: number[],
): CurveCsvFormat {
  const format = blank(kind, reason);
  format.xColumn = x;
  format.xUnit = xUnit;
  format.wallTimeColumn = wall;
  names.forEach((name, i) => {
    if (i === x || i === wall || exclude.includes(i)) return;
    if (name.startsWith('_')) {
      format.ignored.push({ column: name, why: 'bookkeeping column (leading underscore)' });
      return;
    }
    format.metrics.push({ column: i, metric: name === '' ? `column_${i + 1}` : name, runId: null });
  });
  return format;
}

function tensorboard(names: string[], fileName: string): CurveCsvFormat {
  const stem = fileStem(fileName);
  const m = TENSORBOARD_FILE.exec(stem);
  const format = blank('tensorboard', '');
  format.wallTimeColumn = 0;
  format.xColumn = 1;
  format.valueColumn = 2;
  format.metrics = [{ column: 2, metric: m ? m[2] : stem, runId: null }];
  format.runFromFileName = m ? m[1] : null;
  format.metricFromFileName = m ? m[2] : stem;
  format.reason = m
    ? `read as TensorBoard scalar CSV because the header is ${names.join(',')}; run "${m[1]}" and tag "${m[2]}" from the file name`
    : `read as TensorBoard scalar CSV because the header is ${names.join(',')}; the file name is not run-<run>-tag-<tag>.csv, so the tag is the file name "${stem}"`;
  return format;
}

function wandbFormat(names: string[]): CurveCsvFormat | null {
  const columns = names.slice(1);
  if (columns.length === 0) return null;
  const parsed = columns.map((c) => WANDB_COLUMN.exec(c));
  if (parsed.some((m) => m === null)) return null;
  const format = blank('wandb', '');
  format.xColumn = 0;
  format.xUnit = names[0].toLowerCase().includes('epoch') ? 'epoch' : 'step';
  const runs = new Set<string>();
  let bands = 0;
  parsed.forEach((m, k) => {
    if (!m) return;
    const [, run, metric, band] = m;
    if (band) {
      bands++;
      format.ignored.push({
        column: names[k + 1],
        why: `W&B ${band.slice(2)} band of a smoothed or grouped line`,
      });
      return;
    }
    runs.add(run);
    format.metrics.push({ column: k + 1, metric, runId: run });
  });
  if (format.metrics.length === 0) return null;
  format.reason = `read as a W&B chart export because the first column is "${names[0]}" and every other column is "<run> - <metric>"${bands > 0 ? ' (with __MIN/__MAX band columns, which are not read)' : ''}: ${runs.size} run${runs.size === 1 ? '' : 's'}`;
  return format;
}
