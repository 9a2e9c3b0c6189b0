/**
 * Dataset sizes that report adapters put in the run table: Trainer's `eval_samples` /
 * `train_samples`, hand-made reports' `val_size` / `train_size`, lm-eval's `<task>/n`, a tracker's
 * `<benchmark>/num_samples`. Matched by name only (these columns have the role "ignore"), and only
 * whole counts: sklearn's `test_size` = 0.2 is a fraction, not a size.
 */
import type { NumberColumn } from '../../model';
import { finiteAt, type DetectorContext } from '../context';

export type SizeSplit = 'train' | 'eval';

export interface SizeColumn {
  column: NumberColumn;
  split: SizeSplit;
  /** The lm-eval task or benchmark the size belongs to (`gsm8k/n` → gsm8k), when it says. */
  task: string | null;
}

const SPLIT_WORDS = '(eval|val|valid|validation|test|predict|dev|holdout)';
const EVAL_SIZE = new RegExp(
  `^(${SPLIT_WORDS}[_-]?(samples|size|examples|set_size|count|n)|(num|n)[_-]${SPLIT_WORDS}([_-]?(samples|examples))?)$`,
  'i',
);
const TRAIN_SIZE =
  /^((train|training)[_-]?(samples|size|examples|set_size)|(num|n)[_-]train(ing)?([_-]?(samples|examples))?)$/i;
/** Per-task counts: lm-eval's `<task>/n`, a tracker's `<benchmark>/num_samples`. */
const TASK_COUNT = new Set(['n', 'num_samples', 'n_samples', 'per_sample_n', 'samples']);

export function sizeColumns(ctx: DetectorContext): SizeColumn[] {
  const out: SizeColumn[] = [];
  const tasks = new Set<string>();
  for (const column of ctx.table.columns) {
    if (column.kind !== 'number') continue;
    const slash = column.name.lastIndexOf('/');
    const leaf = column.name.slice(Math.max(slash, column.name.lastIndexOf('.')) + 1);
    if (EVAL_SIZE.test(leaf)) out.push({ column, split: 'eval', task: null });
    else if (TRAIN_SIZE.test(leaf)) out.push({ column, split: 'train', task: null });
    else if (slash > 0 && TASK_COUNT.has(leaf.toLowerCase())) {
      // A tracker writes both num_samples and per_sample_n for one benchmark: count it once.
      const task = column.name.slice(0, slash);
      if (tasks.has(task)) continue;
      tasks.add(task);
      out.push({ column, split: 'eval', task });
    }
  }
  return out;
}

/** A size cell: a whole count of at least 1, else null. */
export function sizeAt(column: NumberColumn, row: number): number | null {
  const v = finiteAt(column, row);
  return v !== null && v >= 1 && Number.isInteger(v) ? v : null;
}
