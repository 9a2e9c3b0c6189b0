/**
 * What every detector receives: the table, the roles, the settings, the run ids, plus the
 * sweep-level facts several detectors share (run statuses, the typical budget), computed once.
 */
import {
  CellState,
  type BudgetUnit,
  type Column,
  type ColumnRole,
  type DetectorId,
  type DetectorSettings,
  type Finding,
  type NumberColumn,
  type Role,
  type RunTable,
} from '../model';
import { median } from './stats';
import { classifyStatus, type StatusClass } from './status';

export type MetricRole = Extract<Role, { kind: 'metric' }>;

export interface RunStatuses {
  column: string;
  /** Status label per row, '' when missing. */
  labels: string[];
  classes: StatusClass[];
}

export interface TypicalBudget {
  column: NumberColumn;
  unit: BudgetUnit;
  /** Median budget of runs that were not failed or stopped early; NaN when there are none. */
  median: number;
  /** How many runs that median is taken over. */
  count: number;
}

export interface DetectorContext {
  table: RunTable;
  /** Columns by name (the first of a repeated name), so per-role lookups are O(1). */
  columns: ReadonlyMap<string, Column>;
  roles: ColumnRole[];
  settings: DetectorSettings;
  runIds: string[];
  status: RunStatuses | null;
  budget: TypicalBudget | null;
}

export interface Detector {
  id: DetectorId;
  label: string;
  description: string;
  run(ctx: DetectorContext): Finding[];
}

export function createContext(
  table: RunTable,
  roles: ColumnRole[],
  settings: DetectorSettings,
  runIds: string[],
): DetectorContext {
  const columns = columnsByName(table);
  const status = readStatuses(table, roles);
  return {
    table,
    columns,
    roles,
    settings,
    runIds,
    status,
    budget: typicalBudget(table, roles, status),
  };
}

// Keyed by the columns array, and checked against its length, so a table whose columns are
// replaced or appended to gets a fresh map rather than a stale one.
const byNameCache = new WeakMap<Column[], { length: number; map: Map<string, Column> }>();

/**
 * Columns by name, built once per table: lookups by role inside per-column loops were linear
 * scans, which made analysis O(columns²) (100k columns took minutes). The first column of a
 * repeated name wins, as `columns.find` did.
 */
export function columnsByName(table: RunTable): ReadonlyMap<string, Column> {
  const cached = byNameCache.get(table.columns);
  if (cached && cached.length === table.columns.length) return cached.map;
  const map = new Map<string, Column>();
  for (const column of table.columns) if (!map.has(column.name)) map.set(column.name, column);
  byNameCache.set(table.columns, { length: table.columns.length, map });
  return map;
}

export function columnNamed(table: RunTable, name: string): Column | undefined {
  return columnsByName(table).get(name);
}

export function numberColumn(table: RunTable, name: string): NumberColumn | null {
  const column = columnNamed(table, name);
  return column?.kind === 'number' ? column : null;
}

// Detectors call this repeatedly: computed once per context.
const metricCache = new WeakMap<DetectorContext, { column: NumberColumn; role: MetricRole }[]>();

export function metricColumns(ctx: DetectorContext): { column: NumberColumn; role: MetricRole }[] {
  const cached = metricCache.get(ctx);
  if (cached) return [...cached];
  const out: { column: NumberColumn; role: MetricRole }[] = [];
  for (const r of ctx.roles) {
    if (r.role.kind !== 'metric') continue;
    const column = ctx.columns.get(r.column);
    if (column?.kind === 'number') out.push({ column, role: r.role });
  }
  metricCache.set(ctx, out);
  return [...out];
}

/** The value of a finite cell, or null when it is missing, NaN or infinite. */
export function finiteAt(column: NumberColumn, row: number): number | null {
  const v = column.values[row];
  return column.states[row] === CellState.value && Number.isFinite(v) ? v : null;
}

/** Failed runs are reported by failed-status; stopped ones (pruned, running) are not finished. */
export function isFinishedRun(ctx: DetectorContext, row: number): boolean {
  const c = ctx.status?.classes[row];
  return c !== 'failed' && c !== 'stopped';
}

function readStatuses(table: RunTable, roles: ColumnRole[]): RunStatuses | null {
  const r = roles.find((x) => x.role.kind === 'status');
  const column = r && columnNamed(table, r.column);
  if (!column || column.kind === 'time') return null;
  const labels: string[] = [];
  const classes: StatusClass[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    let label = '';
    if (column.kind === 'number') {
      label = column.states[row] === CellState.missing ? '' : String(column.values[row]);
    } else if (column.codes[row] >= 0) {
      label = column.labels[column.codes[row]];
    }
    labels.push(label);
    classes.push(label === '' ? 'unknown' : classifyStatus(label));
  }
  return { column: column.name, labels, classes };
}

// Epochs compare runs best; steps depend on batch size; runtime also on hardware and load.
const UNIT_PREFERENCE: readonly BudgetUnit[] = ['epochs', 'steps', 'runtime'];

/** The budget column of the most comparable unit; within a unit, the one most runs filled. */
function typicalBudget(
  table: RunTable,
  roles: ColumnRole[],
  status: RunStatuses | null,
): TypicalBudget | null {
  let best: TypicalBudget | null = null;
  for (const unit of UNIT_PREFERENCE) {
    for (const r of roles) {
      const column =
        r.role.kind === 'budget' && r.role.unit === unit && numberColumn(table, r.column);
      if (!column) continue;
      const budgets: number[] = [];
      for (let row = 0; row < table.rowCount; row++) {
        const c = status?.classes[row];
        const v = finiteAt(column, row);
        if (v !== null && c !== 'failed' && c !== 'stopped') budgets.push(v);
      }
      if (!best || budgets.length > best.count) {
        best = { column, unit, median: median(budgets), count: budgets.length };
      }
    }
    if (best && best.count > 0) return best;
  }
  return best;
}
