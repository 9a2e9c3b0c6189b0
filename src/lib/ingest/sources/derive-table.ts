/**
 * The run table for logs without a sweep CSV: one row per run, in curves.runs order. Columns:
 * `run` (the id), one per hyperparameter, the final value of every metric worth ranking (the
 * last finite point; NaN when the curve has none), `max_step` (largest step logged) and
 * `total_steps` (the planned budget) when a log states it. Both names read as step budgets to the
 * role inference (`last_step` or `planned_steps` would read as hyperparameters).
 * `sourceLines` holds 0 for every row: a derived row has no line in any file (lines are 1-based,
 * so 0 reads as "none").
 */
import {
  CellState,
  type Column,
  type CurveSet,
  type NumberColumn,
  type RunTable,
} from '../../model';
import type { ParamValue } from '../runs';

/**
 * Series logged beside the curves that say nothing about a run's quality: learning rate,
 * epoch and step counters, throughput, timings, gradient norms. Kept in the curves, not in the
 * table, where they would read as hyperparameters or metrics.
 */
const BOOKKEEPING = [
  // Counters, alone or under a split: `epoch`, `train/epoch`, `trainer/global_step`. Not
  // Lightning's `train_loss_epoch`, which is a loss averaged over the epoch.
  /^(?:[\w-]+[/.])?(?:epoch|step|global_step|momentum)$/i,
  // Learning rates: `learning_rate`, `train/learning_rate`, `lr`, Lightning's `lr-AdamW`.
  /learning_rate|(?:^|[_/.\s-])lr(?:[_/.\s-]|$)/i,
  /time|runtime|per_second|it\/s|throughput|flos|tokens|^num_|memory/i,
  /grad(?:ient)?[_/.\s-]?norm/i,
];

/**
 * Hyperparameter names the role inference would read as something else get a prefix that keeps
 * them hyperparameters: `run`/`name`/`status` (bookkeeping) and `loss_type` (a metric) the
 * MLflow-style `params.`; a name whose first word is `rank` (LoRA's rank) reads as a ranking even
 * with that prefix, so it becomes `hp_rank`.
 */
const MISREAD_PARAM =
  /^(?:run|runs|id|name|trial|status|state|time|date|timestamp|step|epoch)(?:$|[_./-])|loss|acc|f1|score|error|perplexity|ppl|reward|auc|bleu|rouge|metric/i;
const RANK_FIRST = /^rank(?:$|[_./\s-])/i;

export function paramColumnName(key: string): string {
  if (RANK_FIRST.test(key)) return `hp_${key}`;
  return MISREAD_PARAM.test(key) ? `params.${key}` : key;
}

export function isBookkeepingSeries(metric: string): boolean {
  return BOOKKEEPING.some((pattern) => pattern.test(metric));
}

export function deriveRunTable(set: CurveSet): RunTable {
  const n = set.runs.length;
  const row = new Map(set.runs.map((r, i) => [r.runId, i]));
  const names = new Set<string>();
  const unique = (name: string) => {
    let out = name;
    for (let k = 2; names.has(out); k++) out = `${name}_${k}`;
    names.add(out);
    return out;
  };
  const columns: Column[] = [
    {
      kind: 'text',
      name: unique('run'),
      codes: Int32Array.from(set.runs, (_, i) => i),
      labels: set.runs.map((r) => r.runId),
    },
  ];
  const paramKeys: string[] = [];
  for (const r of set.runs)
    for (const key of Object.keys(r.params)) if (!paramKeys.includes(key)) paramKeys.push(key);
  for (const key of paramKeys)
    columns.push(
      paramColumn(
        unique(paramColumnName(key)),
        set.runs.map((r) =>
          Object.prototype.hasOwnProperty.call(r.params, key) ? r.params[key] : undefined,
        ),
      ),
    );

  const finals = new Map<string, NumberColumn>();
  const maxStep = numberColumn('', n);
  for (const curve of set.curves) {
    const i = row.get(curve.runId);
    if (i === undefined) continue;
    for (let k = 0; k < curve.steps.length; k++) {
      const step = curve.steps[k];
      // The first finite step replaces the NaN placeholder (NaN comparisons are false).
      if (Number.isFinite(step) && !(step <= maxStep.values[i])) setValue(maxStep, i, step);
    }
    if (isBookkeepingSeries(curve.metric)) continue;
    let column = finals.get(curve.metric);
    if (!column) finals.set(curve.metric, (column = numberColumn(curve.metric, n)));
    setFinal(column, i, curve.values);
  }
  for (const column of finals.values()) columns.push({ ...column, name: unique(column.name) });
  columns.push({ ...maxStep, name: unique('max_step') });
  if (set.runs.some((r) => r.plannedSteps !== null)) {
    const planned = numberColumn(unique('total_steps'), n);
    set.runs.forEach((r, i) => r.plannedSteps !== null && setValue(planned, i, r.plannedSteps));
    columns.push(planned);
  }
  return { columns, rowCount: n, sourceLines: new Int32Array(n) };
}

function numberColumn(name: string, n: number): NumberColumn {
  return {
    kind: 'number',
    name,
    values: new Float64Array(n).fill(NaN),
    states: new Uint8Array(n).fill(CellState.missing),
  };
}

function setValue(column: NumberColumn, row: number, value: number): void {
  column.values[row] = value;
  column.states[row] = Number.isNaN(value) ? CellState.nan : CellState.value;
}

/** Last finite value; NaN (logged, not a number) when the curve has points but none finite. */
function setFinal(column: NumberColumn, row: number, values: Float64Array): void {
  for (let k = values.length - 1; k >= 0; k--) {
    if (Number.isFinite(values[k])) {
      setValue(column, row, values[k]);
      return;
    }
  }
  if (values.length > 0 && column.states[row] === CellState.missing) setValue(column, row, NaN);
}

/** Numbers when every present value is a number, else a category of their spellings. */
function paramColumn(name: string, values: (ParamValue | undefined)[]): Column {
  if (values.every((v) => v === undefined || typeof v === 'number')) {
    const column = numberColumn(name, values.length);
    values.forEach((v, i) => v !== undefined && setValue(column, i, v as number));
    return column;
  }
  const labels: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === undefined) return -1;
    const label = String(v);
    let code = index.get(label);
    if (code === undefined) {
      code = labels.length;
      labels.push(label);
      index.set(label, code);
    }
    return code;
  });
  return { kind: 'category', name, codes, labels };
}
