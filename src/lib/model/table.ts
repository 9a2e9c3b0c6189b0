import type { Column } from './column';
import type { CurveSet } from './curve';
import type { RoleOverrides } from './role';
import type { SourceInfo } from './source';
import type { RunSamples } from './compare';

/** One row per trial or run, stored column-wise. */
export interface RunTable {
  columns: Column[];
  rowCount: number;
  /** Physical line in the source file where each row starts (provenance). */
  sourceLines: Int32Array;
}

export interface Dataset {
  source: SourceInfo;
  /**
   * One row per trial: the sweep CSV, or (for logs alone) one row per run derived from the curves:
   * run id, hyperparameters from folder names and config files, final value of every metric.
   */
  table: RunTable;
  /**
   * Training curves, when logs were loaded. `curves.runs[i]` is row `curveRows[i]` of the table
   * (-1: the run has no row, e.g. a log whose run is not in the sweep CSV).
   */
  curves?: CurveSet;
  curveRows?: Int32Array;
  /**
   * Roles the file's format states outright (an Optuna `params_*` column is a hyperparameter, its
   * `value` the metric); name-based inference fills in the rest and the user's overrides win.
   */
  roleHints?: RoleOverrides;
  /** Per-sample scores that report readers kept (a tracker's per_sample_results), for paired tests. */
  samples?: RunSamples[];
}

export function findColumn(table: RunTable, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}
