/**
 * A big sweep is analysed twice in a row (see AnalysisOptions.scope): the per-trial detectors
 * first, then everything. The full pass of the same table with the same overrides, hints and
 * settings takes over what the first pass built: the roles, the run ids, the detector context
 * (with the sweep facts cached on it), the findings of the detectors that already ran (detectors
 * are pure functions of the context) and the hyperparameter buckets of the associations. That saves the full pass about half a second on
 * 100,000 trials and changes nothing in its result.
 *
 * Only a first pass is kept, only for the table it ran on (weakly), and the full pass takes it
 * out, so a later analysis (say, after the user changed a setting) always starts afresh.
 */
import type {
  Column,
  ColumnRole,
  DetectorId,
  DetectorSettings,
  Finding,
  RoleOverrides,
  RunTable,
} from '../model';
import type { BucketCodes } from './buckets';
import type { DetectorContext } from './context';
import type { RoleHints } from './roles';

export interface PassState {
  roles: ColumnRole[];
  runIds: string[];
  ctx: DetectorContext;
  /** Findings of each detector already run on `ctx`. */
  findings: Map<DetectorId, Finding[]>;
  /** Hyperparameter buckets of the associations (they do not depend on the findings). */
  buckets: Map<Column, BucketCodes>;
}

interface Kept {
  key: string;
  /** The table's shape when the first pass ran: a table changed since is not reused. */
  columns: RunTable['columns'];
  columnCount: number;
  rowCount: number;
  state: PassState;
}

const firstPasses = new WeakMap<RunTable, Kept>();

function keyOf(overrides: RoleOverrides, hints: RoleHints, settings: DetectorSettings): string {
  return JSON.stringify([overrides, hints, settings]);
}

/** Keeps a first pass's state for the full pass that follows. */
export function keepFirstPass(
  table: RunTable,
  overrides: RoleOverrides,
  hints: RoleHints,
  settings: DetectorSettings,
  state: PassState,
): void {
  firstPasses.set(table, {
    key: keyOf(overrides, hints, settings),
    columns: table.columns,
    columnCount: table.columns.length,
    rowCount: table.rowCount,
    state,
  });
}

/** The state of the first pass over the same table and inputs, if any (taken out: used once). */
export function takeFirstPass(
  table: RunTable,
  overrides: RoleOverrides,
  hints: RoleHints,
  settings: DetectorSettings,
): PassState | null {
  const kept = firstPasses.get(table);
  if (!kept) return null;
  firstPasses.delete(table);
  const same =
    kept.key === keyOf(overrides, hints, settings) &&
    kept.columns === table.columns &&
    kept.columnCount === table.columns.length &&
    kept.rowCount === table.rowCount;
  return same ? kept.state : null;
}
