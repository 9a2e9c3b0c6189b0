/**
 * What every detector receives: the table, the roles, the settings, the run ids, plus the
 * sweep-level facts several detectors share (run statuses, the typical budget), computed once.
 */
import {
  CellState,
  type BudgetUnit,
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
  const status = readStatuses(table, roles);
  return { table, roles, settings, runIds, status, budget: typicalBudget(table, roles, status) };
}

export function numberColumn(table: RunTable, name: string): NumberColumn | null {
  const column = table.columns.find((c) => c.name === name);
  return column?.kind === 'number' ? column : null;
}

export function metricColumns(ctx: DetectorContext): { column: NumberColumn; role: MetricRole }[] {
  const out: { column: NumberColumn; role: MetricRole }[] = [];
  for (const r of ctx.roles) {
    const column = numberColumn(ctx.table, r.column);
    if (r.role.kind === 'metric' && column) out.push({ column, role: r.role });
  }
  return out;
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
  const column = r && table.columns.find((c) => c.name === r.column);
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
