/**
 * Columns are stored column-wise in typed arrays so that they can be transferred
 * between the worker and the main thread without copying.
 */

/** Why a cell of a number column holds no finite value. */
export const CellState = {
  /** A real number (possibly ±Infinity). */
  value: 0,
  /** Empty cell or an explicit missing token (None, null, NA): nothing was logged. */
  missing: 1,
  /** An explicit NaN token: the metric was logged and is not a number. */
  nan: 2,
} as const;
export type CellState = (typeof CellState)[keyof typeof CellState];

export interface NumberColumn {
  kind: 'number';
  name: string;
  /** NaN where the cell is missing or NaN; ±Infinity kept. */
  values: Float64Array;
  /** One CellState per row. */
  states: Uint8Array;
}

/** Dictionary-encoded strings; code -1 is a missing cell. */
export interface CategoryColumn {
  kind: 'category';
  name: string;
  codes: Int32Array;
  labels: string[];
}

/** Like a category but with (nearly) one label per row: ids, paths, free text. */
export interface TextColumn {
  kind: 'text';
  name: string;
  codes: Int32Array;
  labels: string[];
}

/** Timestamps as epoch milliseconds, NaN when missing. */
export interface TimeColumn {
  kind: 'time';
  name: string;
  values: Float64Array;
  /** The original spelling of each distinct timestamp is not kept; this is the parse format. */
  format: 'iso' | 'epoch-seconds' | 'epoch-ms';
}

export type Column = NumberColumn | CategoryColumn | TextColumn | TimeColumn;
export type ColumnKind = Column['kind'];

export function columnLength(column: Column): number {
  return column.kind === 'number' || column.kind === 'time'
    ? column.values.length
    : column.codes.length;
}

/** The cell rendered as a string, for tables and reports. */
export function cellText(column: Column, row: number): string {
  switch (column.kind) {
    case 'number': {
      const state = column.states[row];
      if (state === CellState.missing) return '';
      if (state === CellState.nan) return 'NaN';
      return formatNumber(column.values[row]);
    }
    case 'time': {
      const v = column.values[row];
      return Number.isNaN(v) ? '' : new Date(v).toISOString();
    }
    case 'category':
    case 'text': {
      const code = column.codes[row];
      return code < 0 ? '' : column.labels[code];
    }
  }
}

/** Compact, lossless-enough formatting for evidence and tables. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) {
    const short = v.toExponential(3).replace(/\.?0+e/, 'e');
    // Near ±Number.MAX_VALUE rounding up overflows ("-1.798e+308" reads back as -Infinity):
    // show the exact value there instead.
    return Number.isFinite(Number(short)) ? short : String(v);
  }
  return String(Number(v.toPrecision(4)));
}
