/**
 * Hyperparameters whose meaning is well known, so recommendations can name them with values
 * ("lr 0.02 → try ≤ 0.005") instead of giving generic advice.
 */
import { cellText, type Column, type NumberColumn } from '../model';
import { finiteAt, numberColumn, type DetectorContext } from './context';
import { parseName } from './names';

export type KnownParam = 'learningRate' | 'weightDecay' | 'batchSize' | 'dropout';

const PATTERNS: Record<KnownParam, RegExp> = {
  learningRate: /^(lr|learning_rate|learningrate|base_lr|max_lr|peak_lr|init_lr|initial_lr|eta)$/,
  weightDecay: /^(weight_decay|weightdecay|wd|l2|l2_reg|l2_penalty|lambda_l2|reg_lambda)$/,
  batchSize: /^(batch_size|batchsize|bs|train_batch_size|per_device_train_batch_size|batch)$/,
  dropout: /^(dropout|dropout_rate|drop_rate|dropout_prob|hidden_dropout_prob|p_dropout)$/,
};

export interface NamedColumn {
  name: string;
  column: NumberColumn;
}

/** The numeric hyperparameter column playing a well-known part, if the sweep has one. */
export function knownParam(ctx: DetectorContext, which: KnownParam): NamedColumn | null {
  for (const r of ctx.roles) {
    if (r.role.kind !== 'param') continue;
    if (!PATTERNS[which].test(parseName(r.column).tokens.join('_'))) continue;
    const column = numberColumn(ctx.table, r.column);
    if (column) return { name: r.column, column };
  }
  return null;
}

/** Finite values of a column over the rows that satisfy `keep`. */
export function valuesWhere(
  column: NumberColumn,
  rows: number,
  keep: (row: number) => boolean,
): number[] {
  const out: number[] = [];
  for (let row = 0; row < rows; row++) {
    const v = finiteAt(column, row);
    if (v !== null && keep(row)) out.push(v);
  }
  return out;
}

// Findings call configOf once per run; the column lookup is done once per analysis.
const paramColumnsCache = new WeakMap<DetectorContext, Column[]>();

function paramColumns(ctx: DetectorContext): Column[] {
  let columns = paramColumnsCache.get(ctx);
  if (!columns) {
    const names = new Set(ctx.roles.filter((r) => r.role.kind === 'param').map((r) => r.column));
    columns = ctx.table.columns.filter((c) => names.has(c.name));
    paramColumnsCache.set(ctx, columns);
  }
  return columns;
}

/** "lr 0.01, batch_size 64, weight_decay 0.0001": the run's hyperparameters, for advice. */
export function configOf(ctx: DetectorContext, row: number, max = 4): string {
  const parts: string[] = [];
  for (const column of paramColumns(ctx)) {
    if (parts.length >= max) break;
    const text = cellText(column, row);
    if (text !== '') parts.push(`${column.name} ${text}`);
  }
  return parts.join(', ');
}

/** "Trial 3" for numeric ids, "Row 5" for generated ones, "Run abc" otherwise. */
export function runLabel(runId: string): string {
  if (/^\d+$/.test(runId)) return `Trial ${runId}`;
  if (/^row \d+$/.test(runId)) return `R${runId.slice(1)}`;
  return `Run ${runId}`;
}
