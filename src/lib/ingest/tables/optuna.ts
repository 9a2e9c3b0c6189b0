/**
 * Optuna: `study.trials_dataframe()` written with pandas (`number`, `value` or `values_0..`,
 * `params_*`, `user_attrs_*`, `system_attrs_*`, `state`, `datetime_*`, `duration`) and the CSV
 * download of Optuna Dashboard (`Number`, `State`, `Value`, `Param <x>`, `UserAttribute <y>`).
 */
import type { Column, Role } from '../../model';
import { durationsAsSeconds, isLabelColumn } from './columns';
import {
  paramHint,
  ROLE,
  timeHint,
  type AdaptContext,
  type Plan,
  type PlannedColumn,
} from './plan';

/**
 * The study's direction is stored in the database, not in the frame; lower-is-better matches what
 * name-based inference assumes for `value`, and the reason tells the user to flip it if needed.
 */
const OBJECTIVE: Role = { kind: 'metric', split: 'other', family: 'other', direction: 'min' };
const DIRECTION_NOTE =
  'the file does not record whether the objective was minimised or maximised, so lower is assumed better: set the direction if the study maximised it';

/** pandas' `0 days 00:22:17.759593` as seconds: a trial's wall time is its runtime budget. */
function duration(column: Column): PlannedColumn {
  const seconds = isLabelColumn(column) ? durationsAsSeconds(column) : null;
  if (seconds) return { column: seconds, hint: ROLE.runtime, section: 'meta' };
  return { column, hint: column.kind === 'number' ? ROLE.runtime : ROLE.ignore, section: 'meta' };
}

export function planOptuna({ table }: AdaptContext): Plan {
  const columns = table.columns.map((column, i): PlannedColumn => {
    const name = column.name;
    if (name === 'number') return { column, hint: ROLE.id, section: 'meta' };
    if (name === 'state') return { column, hint: ROLE.status, section: 'meta' };
    if (name === 'value' || /^values_\d+$/.test(name))
      return { column, hint: OBJECTIVE, section: 'outcome' };
    // `values_<metric name>` (Optuna ≥ 3.4 with named metrics): the name tells the direction.
    if (name.startsWith('values_')) return { column, section: 'outcome' };
    if (name.startsWith('params_') && name.length > 7)
      return { column, rename: name.slice(7), hint: paramHint(column), section: 'config' };
    // Kept under their prefix: inference reads metric-named attributes (`user_attrs_val_acc`) as
    // metrics and the rest as bookkeeping (the words `user`/`attrs`), which is the right split.
    if (name.startsWith('user_attrs_')) return { column, section: 'unknown' };
    if (name.startsWith('system_attrs_') || name === 'intermediate_values')
      return { column, hint: ROLE.ignore, section: 'meta' };
    if (name.startsWith('datetime_')) return { column, hint: timeHint(column), section: 'meta' };
    if (name === 'duration') return duration(column);
    // The pandas index that `to_csv()` writes unless told `index=False`.
    if (i === 0 && (name === 'index' || name === 'Unnamed: 0'))
      return { column, hint: ROLE.ignore, section: 'meta' };
    return { column, section: 'unknown' };
  });
  return { columns, notes: [DIRECTION_NOTE] };
}

export function planOptunaDashboard({ table }: AdaptContext): Plan {
  // The objectives sit between `State` and the first `Param`: `Value`, `Objective <k>`, or the
  // study's metric names (Optuna ≥ 3.4), which inference then reads like any metric name.
  const names = table.columns.map((c) => c.name);
  const state = names.indexOf('State');
  const firstParam = names.findIndex((n) => /^(Param|UserAttribute) /.test(n));
  const objectiveEnd = firstParam < 0 ? names.length : firstParam;
  const columns = table.columns.map((column, i): PlannedColumn => {
    const name = column.name;
    if (name === 'Number') return { column, hint: ROLE.id, section: 'meta' };
    if (name === 'State') return { column, hint: ROLE.status, section: 'meta' };
    if (name === 'Value' || /^(Objective|Values?) \d+$/.test(name))
      return { column, hint: OBJECTIVE, section: 'outcome' };
    if (name.startsWith('Param '))
      return { column, rename: name.slice(6), hint: paramHint(column), section: 'config' };
    if (name.startsWith('UserAttribute '))
      return { column, rename: `user_attrs_${name.slice(14)}`, section: 'unknown' };
    if (state >= 0 && i > state && i < objectiveEnd) return { column, section: 'outcome' };
    return { column, section: 'unknown' };
  });
  return { columns, notes: [DIRECTION_NOTE] };
}
