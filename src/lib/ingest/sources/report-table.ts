/**
 * Report runs into the run table: each report run joins the row whose `run` id matches it
 * (exactly, or after normaliseRunName), else becomes a new row. Report values only fill cells the
 * logs left empty: a curve's final value is what was measured, a report restates it.
 * Params get the same names as the logs' params (paramColumnName); metrics keep their names.
 */
import {
  CellState,
  type Column,
  type NumberColumn,
  type RunTable,
  type TextColumn,
} from '../../model';
import type { ReportParam, ReportRun } from '../reports';
import { paramColumnName } from './derive-table';
import { normaliseRunName } from './join';

export function emptyRunTable(): RunTable {
  const run: TextColumn = { kind: 'text', name: 'run', codes: new Int32Array(0), labels: [] };
  return { columns: [run], rowCount: 0, sourceLines: new Int32Array(0) };
}

export function appendReportRuns(table: RunTable, runs: readonly ReportRun[]): RunTable {
  const idColumn = table.columns.find(
    (c): c is TextColumn => c.kind === 'text' && c.name === 'run',
  );
  const ids: string[] = idColumn
    ? Array.from(idColumn.codes, (c) => (c < 0 ? '' : idColumn.labels[c]))
    : [];
  const rowOf = new Map<string, number>();
  ids.forEach((id, row) => {
    if (!rowOf.has(id)) rowOf.set(id, row);
    if (!rowOf.has(normaliseRunName(id))) rowOf.set(normaliseRunName(id), row);
  });
  const rows = runs.map((run) => {
    let row = rowOf.get(run.runId) ?? rowOf.get(normaliseRunName(run.runId));
    if (row === undefined) {
      row = ids.length;
      ids.push(run.runId);
      rowOf.set(run.runId, row);
      rowOf.set(normaliseRunName(run.runId), row);
    }
    return row;
  });
  const n = ids.length;
  const columns = table.columns.map((c) => (c === idColumn ? idText(c.name, ids) : grow(c, n)));
  if (!idColumn) columns.unshift(idText('run', ids));
  const byName = new Map(columns.map((c) => [c.name, c]));
  const fill = (name: string, row: number, value: ReportParam) => {
    let column = byName.get(name);
    if (!column) {
      column =
        typeof value === 'number'
          ? numbers(name, n)
          : { kind: 'category', name, codes: new Int32Array(n).fill(-1), labels: [] };
      columns.push(column);
      byName.set(name, column);
    }
    setIfMissing(column, row, value);
  };
  runs.forEach((run, i) => {
    for (const [key, value] of Object.entries(run.params))
      fill(paramColumnName(key), rows[i], value);
  });
  runs.forEach((run, i) => {
    for (const [key, value] of Object.entries(run.metrics)) fill(key, rows[i], value);
  });
  const sourceLines = new Int32Array(n);
  sourceLines.set(table.sourceLines.subarray(0, Math.min(table.rowCount, n)));
  return { columns, rowCount: n, sourceLines };
}

function idText(name: string, ids: string[]): TextColumn {
  return { kind: 'text', name, codes: Int32Array.from(ids, (_, i) => i), labels: [...ids] };
}

function numbers(name: string, n: number): NumberColumn {
  return {
    kind: 'number',
    name,
    values: new Float64Array(n).fill(NaN),
    states: new Uint8Array(n).fill(CellState.missing),
  };
}

/** The same column with missing cells appended up to `n` rows. */
function grow(column: Column, n: number): Column {
  switch (column.kind) {
    case 'number': {
      const out = numbers(column.name, n);
      out.values.set(column.values);
      out.states.set(column.states);
      return out;
    }
    case 'time': {
      const values = new Float64Array(n).fill(NaN);
      values.set(column.values);
      return { ...column, values };
    }
    default: {
      const codes = new Int32Array(n).fill(-1);
      codes.set(column.codes);
      return { ...column, codes, labels: [...column.labels] };
    }
  }
}

/** A number into a number column; anything into a category as its spelling; never overwrites. */
function setIfMissing(column: Column, row: number, value: ReportParam): void {
  if (column.kind === 'number') {
    if (typeof value !== 'number' || column.states[row] !== CellState.missing) return;
    column.values[row] = value;
    column.states[row] = Number.isNaN(value) ? CellState.nan : CellState.value;
  } else if (column.kind === 'category' || column.kind === 'text') {
    if (column.codes[row] >= 0) return;
    const label = String(value);
    let code = column.labels.indexOf(label);
    if (code < 0) code = column.labels.push(label) - 1;
    column.codes[row] = code;
  }
}
