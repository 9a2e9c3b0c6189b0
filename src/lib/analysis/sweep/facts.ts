/**
 * Sweep-level facts several detectors share (the primary metric, the hyperparameters, which runs
 * share a configuration), computed once per analysis and cached on the detector context.
 */
import { CellState, cellText, type Column, type NumberColumn } from '../../model';
import { finiteAt, isFinishedRun, type DetectorContext } from '../context';
import { parseName } from '../names';
import { configIds } from './config-ids';
import { numberCodes } from './number-codes';
import { primaryMetric, type PrimaryMetric } from './primary-metric';

export interface SweepFacts {
  primary: PrimaryMetric | null;
  /** Hyperparameter columns, seed-like ones excluded. */
  params: Column[];
  /** Hyperparameter columns that only pick a random seed (`seed`, `random_state`). */
  seeds: Column[];
  /** Finished runs with a finite primary metric, in row order: the trials a sweep is judged by. */
  scored: number[];
  /**
   * Per row: the configuration without seeds, as an id; equal ids are replicates of one config.
   * Rows without any hyperparameter value get an id of their own (see `unconfigured`).
   */
  configKeys: Int32Array;
  /** Per row: the configuration including seeds (rows without any value share one id). */
  fullKeys: Int32Array;
  /** Per row: 1 when none of the hyperparameters is set (a baseline, not a point of the sweep). */
  unconfigured: Uint8Array;
}

const cache = new WeakMap<DetectorContext, SweepFacts>();
const codeCache = new WeakMap<DetectorContext, Map<Column, ColumnCodes>>();

export interface ColumnCodes {
  /** Code of each row's value (0 … size − 1); −1 where the cell is missing. */
  codes: Int32Array;
  /** Number of distinct values. */
  size: number;
  /** The value of a code as text (its cellKey). */
  label: (code: number) => string;
}

/**
 * The column as integer codes of its distinct values, once per analysis. Numbers are told apart
 * by exact value and only formatted when a label is asked for: a continuously sampled setting
 * has as many distinct values as trials.
 */
export function columnCodes(ctx: DetectorContext, column: Column): ColumnCodes {
  let byColumn = codeCache.get(ctx);
  if (!byColumn) codeCache.set(ctx, (byColumn = new Map()));
  let result = byColumn.get(column);
  if (result) return result;
  const rows = ctx.table.rowCount;
  const codes = new Int32Array(rows);
  if (column.kind === 'number') {
    const firstRow = numberCodes(column, codes);
    const labels: (string | undefined)[] = [];
    result = {
      codes,
      size: firstRow.length,
      label: (code) => (labels[code] ??= cellKey(column, firstRow[code])),
    };
  } else {
    const labels: string[] = [];
    const byLabel = new Map<string, number>();
    for (let row = 0; row < rows; row++) {
      const key = cellKey(column, row);
      if (key === '') {
        codes[row] = -1;
        continue;
      }
      let code = byLabel.get(key);
      if (code === undefined) byLabel.set(key, (code = labels.push(key) - 1));
      codes[row] = code;
    }
    result = { codes, size: labels.length, label: (code) => labels[code] };
  }
  byColumn.set(column, result);
  return result;
}

/** `seed`, `data_seed`, `random_state`, `rng`: chooses randomness, not the model. */
export function isSeedName(name: string): boolean {
  const tokens = parseName(name).tokens;
  const joined = tokens.join('_');
  return tokens.includes('seed') || tokens.includes('seeds') || /^(random_state|rng)$/.test(joined);
}

/**
 * A cell as a comparable key, '' when missing. Numbers keep their shortest spelling; only long
 * ones (float noise such as 0.30000000000000004) are rounded to 12 significant digits.
 */
export function cellKey(column: Column, row: number): string {
  if (column.kind === 'number') {
    const state = column.states[row];
    if (state === CellState.missing) return '';
    if (state === CellState.nan) return 'NaN';
    const v = column.values[row];
    const text = String(v);
    return text.length > 15 && Number.isFinite(v) ? String(Number(v.toPrecision(12))) : text;
  }
  return cellText(column, row);
}

export function sweepFacts(ctx: DetectorContext): SweepFacts {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const names = new Set(ctx.roles.filter((r) => r.role.kind === 'param').map((r) => r.column));
  const all = ctx.table.columns.filter((c) => names.has(c.name));
  const params = all.filter((c) => !isSeedName(c.name));
  const seeds = all.filter((c) => isSeedName(c.name));
  const primary = primaryMetric(ctx.table, ctx.roles);
  const scored: number[] = [];
  if (primary) {
    for (let row = 0; row < ctx.table.rowCount; row++) {
      if (isFinishedRun(ctx, row) && finiteAt(primary.column, row) !== null) scored.push(row);
    }
  }
  const facts: SweepFacts = {
    primary,
    params,
    seeds,
    scored,
    ...configIds(
      params.map((c) => columnCodes(ctx, c)),
      seeds.map((c) => columnCodes(ctx, c)),
      ctx.table.rowCount,
    ),
  };
  cache.set(ctx, facts);
  return facts;
}

/** The primary metric's value in a scored row (callers only pass scored rows). */
export function scoreAt(primary: PrimaryMetric, row: number): number {
  return finiteAt(primary.column, row) ?? NaN;
}

/** +1 when higher is better, −1 when lower is: multiply to make "larger = better". */
export function orientation(primary: PrimaryMetric): 1 | -1 {
  return primary.role.direction === 'max' ? 1 : -1;
}

/** Numeric hyperparameters as number columns. */
export function numericParams(facts: SweepFacts): NumberColumn[] {
  return facts.params.filter((c): c is NumberColumn => c.kind === 'number');
}

/** "lr 0.01, batch_size 64": the given columns' values in a row, missing ones left out. */
export function describeRow(columns: Column[], row: number, max = 5): string {
  const parts: string[] = [];
  for (const column of columns) {
    if (parts.length >= max) break;
    const text = cellText(column, row);
    if (text !== '') parts.push(`${column.name} ${text}`);
  }
  return parts.join(', ');
}

/** "3, 5, 7 and 4 more": a short list of run ids for titles and evidence. */
export function listIds(ids: readonly string[], max = 6): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/** "0.01, 0.001 and 1e-4": values for prose. */
export function listValues(values: readonly string[], max = 6): string {
  if (values.length <= 1) return values.join('');
  const shown = values.slice(0, max);
  const rest = values.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
