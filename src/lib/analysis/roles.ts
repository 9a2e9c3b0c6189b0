/**
 * Column role inference: names say what a column probably is, values confirm or veto it.
 * The order of the checks matters: a metric name is recognised before anything could make the
 * column a hyperparameter, so metrics are never mistaken for settings.
 */
import { cellText, type Column, type ColumnRole, type Role, type RoleOverrides } from '../model';
import type { Dataset, RunTable } from '../model';
import { columnStats, type ColumnStats } from './column-stats';
import { parseName, type ParsedName } from './names';
import {
  guessBudget,
  guessMetric,
  idPriority,
  isMetadataName,
  isRankName,
  isSklearnTiming,
  isStatusName,
  isTimeName,
} from './role-names';

/** A category with more labels than this is too fragmented to bucket as a hyperparameter. */
const MAX_PARAM_LABELS = 50;

interface Inferred {
  role: Role;
  reason: string;
}

const role = (r: Role, reason: string): Inferred => ({ role: r, reason });

/**
 * The role a record states for a column, by own property only: column names are data, and
 * `overrides["__proto__"]` or `overrides["constructor"]` on a plain object would otherwise
 * return Object.prototype or the Object function as a "role".
 */
function stated(record: RoleOverrides, column: string): Role | undefined {
  return Object.hasOwn(record, column) ? record[column] : undefined;
}
const ignore = (reason: string): Inferred => role({ kind: 'ignore' }, reason);

/** Roles a file's format states outright (e.g. Optuna's `params_*`), and who states them. */
export interface RoleHints {
  roles: RoleOverrides;
  /** E.g. "Optuna trials_dataframe()", for the reason shown beside the role. */
  statedBy: string;
}

/**
 * Roles of every column: the user's overrides first, then the format's hints, then inference
 * from names and values.
 */
export function inferRoles(
  table: RunTable,
  overrides: RoleOverrides,
  hints: RoleHints = { roles: {}, statedBy: '' },
): ColumnRole[] {
  const names = table.columns.map((c) => parseName(c.name));
  const stats = table.columns.map((c, i) =>
    columnStats(c, table.rowCount, idPriority(names[i]) !== null),
  );
  // A hinted id column replaces inference of the id like a user-chosen one, unless the user
  // moved the id elsewhere.
  // Spread copies own properties only (a "__proto__" key stays a plain key).
  const given = { ...hints.roles, ...overrides };
  const idIndex = chooseIdColumn(table.columns, names, stats, given);
  return table.columns.map((column, i) => {
    const override = stated(overrides, column.name);
    if (override) {
      return { column: column.name, role: override, reason: 'Set by you.', overridden: true };
    }
    const hint = stated(hints.roles, column.name);
    if (hint && !(hint.kind === 'id' && Object.values(overrides).some((r) => r.kind === 'id'))) {
      return {
        column: column.name,
        role: hint,
        reason: `Stated by the ${hints.statedBy} format.`,
        overridden: false,
      };
    }
    const inferred =
      i === idIndex
        ? role({ kind: 'id' }, 'Named like a run identifier and unique in every row.')
        : inferOne(column, names[i], stats[i], table.rowCount);
    return { column: column.name, ...inferred, overridden: false };
  });
}

/** The hints a dataset's format states, for inferRoles. */
export function roleHintsOf(dataset: Dataset): RoleHints {
  return {
    roles: dataset.roleHints ?? {},
    statedBy: dataset.source.tableFormat?.label ?? 'file',
  };
}

/** The best id candidate by name strength, then column order; -1 when there is none. */
function chooseIdColumn(
  columns: Column[],
  names: ParsedName[],
  stats: ColumnStats[],
  overrides: RoleOverrides,
): number {
  // A user-chosen id replaces inference entirely.
  if (Object.values(overrides).some((r) => r.kind === 'id')) return -1;
  let best = -1;
  let bestPriority = Infinity;
  columns.forEach((column, i) => {
    if (stated(overrides, column.name) || !stats[i].unique || column.kind === 'time') return;
    const priority = idPriority(names[i]);
    if (priority !== null && priority < bestPriority) {
      best = i;
      bestPriority = priority;
    }
  });
  return best;
}

function inferOne(
  column: Column,
  name: ParsedName,
  stats: ColumnStats,
  rowCount: number,
): Inferred {
  const numeric = column.kind === 'number';
  if (stats.present === 0) return ignore('Empty: no row has a value.');
  if (column.kind === 'time') return role({ kind: 'time' }, 'Holds timestamps.');
  if (isStatusName(name) && !numeric) {
    return role({ kind: 'status' }, 'Named like a run status and holds labels.');
  }
  if (idPriority(name) !== null) {
    // Unique ones only get here when another column is the id (inferred or set by the user).
    return ignore(
      stats.unique
        ? 'Also identifies runs, but another column is the run id.'
        : 'Named like a run id or name, but values repeat or are missing, so it cannot be the id.',
    );
  }
  if (name.prefix === 'tag') return ignore('A tracking-tool tag: run metadata, not a setting.');
  if (isTimeName(name)) return role({ kind: 'time' }, 'Named like a timestamp.');
  if (isSklearnTiming(name)) {
    return ignore('Fit or score timing measured by scikit-learn, not a setting or a budget.');
  }
  if (isRankName(name)) return ignore('A rank derived from another metric.');
  if (name.prefix === 'param')
    return paramOrIgnore(column, stats, 'Logged under a parameter prefix');

  const metric = guessMetric(name);
  if (metric) {
    if (!numeric) return ignore(`Named like a metric (${metric.reason}) but holds text.`);
    const { reason, ...shape } = metric;
    return role({ kind: 'metric', ...shape }, `${capitalize(reason)}.`);
  }
  const budget = guessBudget(name);
  if (budget) {
    if (!numeric) return ignore(`Named like a ${budget} budget but not numeric.`);
    return role({ kind: 'budget', unit: budget }, `Named like a training budget (${budget}).`);
  }
  if (isMetadataName(name)) return ignore('Run bookkeeping (host, path, user, project…).');
  if (column.kind === 'text') {
    return ignore(
      stats.distinct >= rowCount - 1
        ? 'Free text with a different value in every row.'
        : 'Free text with too many distinct values to group runs by.',
    );
  }
  return paramOrIgnore(column, stats, 'Not named like a metric, budget, id or status');
}

function paramOrIgnore(column: Column, stats: ColumnStats, why: string): Inferred {
  if (column.kind === 'text') return ignore(`${why}, but free text with too many values.`);
  if (stats.distinct <= 1) {
    // Kept out of the parameter list: a value shared by every run cannot explain any difference.
    return ignore(
      `Constant (${firstValue(column)} in every row), so it cannot explain differences between runs.`,
    );
  }
  if (column.kind === 'category' && stats.distinct > MAX_PARAM_LABELS) {
    return ignore(`${why}, but has ${stats.distinct} labels: too many to group runs by.`);
  }
  const what = column.kind === 'number' ? 'numbers' : `${stats.distinct} labels`;
  return role({ kind: 'param' }, `${why}; varies across runs (${what}): a hyperparameter.`);
}

function firstValue(column: Column): string {
  const n =
    column.kind === 'number' || column.kind === 'time' ? column.values.length : column.codes.length;
  for (let i = 0; i < n; i++) {
    const text = cellText(column, i);
    if (text !== '') return text;
  }
  return '';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
