/**
 * Ray Tune: `ResultGrid.get_dataframe()` / `ExperimentAnalysis.dataframe()` (one row per trial,
 * `config/*` nested with `/`) and a trial's `progress.csv` (one row per reported iteration).
 * Metrics are bare names and left to inference.
 */
import type { Column } from '../../model';
import { epochSecondsAsTime, isLabelColumn, rayDatesAsTime } from './columns';
import { paramHint, ROLE, type AdaptContext, type Plan, type PlannedColumn } from './plan';

const BOOKKEEPING = new Set([
  'logdir',
  'done',
  'hostname',
  'node_ip',
  'pid',
  'experiment_id',
  'experiment_tag',
  'checkpoint_dir_name',
  'should_checkpoint',
  'time_this_iter_s',
  'time_since_restore',
  'iterations_since_restore',
  'timesteps_since_restore',
  'warmup_time',
  'trial_id',
]);

function asTime(column: Column): PlannedColumn {
  const time =
    column.kind === 'number'
      ? epochSecondsAsTime(column)
      : isLabelColumn(column)
        ? rayDatesAsTime(column)
        : column.kind === 'time'
          ? column
          : null;
  return time
    ? { column: time, hint: ROLE.time, section: 'meta' }
    : { column, hint: ROLE.ignore, section: 'meta' };
}

function plan({ table }: AdaptContext, perIteration: boolean): Plan {
  const columns = table.columns.map((column, i): PlannedColumn => {
    const name = column.name;
    // In progress.csv every row belongs to the same trial, so its id identifies nothing.
    if (name === 'trial_id' && !perIteration) return { column, hint: ROLE.id, section: 'meta' };
    if (name.startsWith('config/') && name.length > 7)
      return { column, rename: name.slice(7), hint: paramHint(column), section: 'config' };
    if (name === 'training_iteration') return { column, hint: ROLE.steps, section: 'meta' };
    if (name === 'time_total_s') return { column, hint: ROLE.runtime, section: 'meta' };
    if (name === 'timestamp' || name === 'date') return asTime(column);
    if (BOOKKEEPING.has(name) || (i === 0 && (name === 'index' || name === 'Unnamed: 0')))
      return { column, hint: ROLE.ignore, section: 'meta' };
    return { column, section: 'unknown' };
  });
  const notes = perIteration
    ? [
        'each row is one reported iteration of a trial, not a trial: rows are read as if each were one',
      ]
    : [];
  return { columns, notes };
}

export const planRayTune = (ctx: AdaptContext): Plan => plan(ctx, false);
export const planRayProgress = (ctx: AdaptContext): Plan => plan(ctx, true);
