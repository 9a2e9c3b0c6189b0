/**
 * What a format adapter decides about each column, and the shared step that turns those decisions
 * into a Dataset: unique renames, role hints keyed by the final names, and folding of constants.
 */
import { setOwn, type Column, type Role, type RunTable } from '../../model';
import { distinctCount, isLabelColumn } from './columns';

/**
 * Where a column sits in the tool's export. Only `config` and `meta` columns are folded when
 * constant: a constant metric is itself a finding (every trial at chance accuracy) and must stay
 * visible to the detectors; `unknown` columns (bare names a tool mixes from config and results)
 * are folded only when they hold labels, since a constant number might be such a metric.
 */
export type Section = 'config' | 'outcome' | 'meta' | 'unknown';

export interface PlannedColumn {
  /** The column to keep (possibly re-typed), still under its original name. */
  column: Column;
  /** The name the format would rather use (`params_lr` → `lr`); dropped if it clashes. */
  rename?: string;
  hint?: Role;
  section: Section;
}

export interface Plan {
  columns: PlannedColumn[];
  /** Appended to the detection reason, e.g. what the file does not say. */
  notes: string[];
}

export interface AdaptContext {
  table: RunTable;
  decimalComma: boolean;
}

export const ROLE = {
  id: { kind: 'id' },
  status: { kind: 'status' },
  param: { kind: 'param' },
  time: { kind: 'time' },
  ignore: { kind: 'ignore' },
  runtime: { kind: 'budget', unit: 'runtime' },
  steps: { kind: 'budget', unit: 'steps' },
} as const satisfies Record<string, Role>;

/** A parameter hint only where the values could be one: free text is left to inference. */
export function paramHint(column: Column): Role | undefined {
  return column.kind === 'text' ? undefined : ROLE.param;
}

/** `time` only for a column that really holds timestamps; anything else is bookkeeping. */
export function timeHint(column: Column): Role {
  return column.kind === 'time' ? ROLE.time : ROLE.ignore;
}

export interface Finalized {
  table: RunTable;
  hints: Record<string, Role>;
  renamed: Record<string, string>;
  folded: string[];
}

export function finalize(plan: Plan, table: RunTable): Finalized {
  // Every original name is reserved, so a rename never takes the name of another column.
  const taken = new Set(plan.columns.map((p) => p.column.name));
  const renamed: Record<string, string> = {};
  const hints: Record<string, Role> = {};
  const folded: string[] = [];
  const columns = plan.columns.map((p) => {
    let column = p.column;
    if (p.rename !== undefined && p.rename !== '' && !taken.has(p.rename)) {
      taken.add(p.rename);
      setOwn(renamed, column.name, p.rename);
      column = { ...column, name: p.rename };
    }
    if (foldable(p, column, table.rowCount)) {
      folded.push(column.name);
      setOwn(hints, column.name, ROLE.ignore);
    } else if (p.hint) {
      setOwn(hints, column.name, p.hint);
    }
    return column;
  });
  return { table: { ...table, columns }, hints, renamed, folded };
}

function foldable(p: PlannedColumn, column: Column, rowCount: number): boolean {
  // With a single trial every column is "constant"; folding would hide everything.
  if (rowCount < 2) return false;
  const distinct = distinctCount(column, 2);
  // Empty columns say nothing in any section (W&B's blank `Sweep`, MLflow's unset params).
  if (distinct === 0) return true;
  if (distinct > 1) return false;
  // Ids, statuses, budgets and timestamps keep their role even when they do not vary.
  if (p.hint && p.hint.kind !== 'param' && p.hint.kind !== 'ignore') return false;
  if (p.section === 'config' || p.section === 'meta') return true;
  return p.section === 'unknown' && isLabelColumn(column);
}
