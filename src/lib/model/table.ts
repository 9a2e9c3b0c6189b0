import type { Column } from './column';
import type { SourceInfo } from './source';

/** One row per trial or run, stored column-wise. */
export interface RunTable {
  columns: Column[];
  rowCount: number;
  /** Physical line in the source file where each row starts (provenance). */
  sourceLines: Int32Array;
}

export interface Dataset {
  source: SourceInfo;
  table: RunTable;
}

export function findColumn(table: RunTable, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}
