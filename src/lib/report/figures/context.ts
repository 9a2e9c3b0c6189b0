/**
 * What every figure builder reads, derived once per summary: the columns by name, their roles,
 * the trial ids, and which trials are sick (a critical or warning finding about the trial itself).
 */
import {
  cellText,
  columnLength,
  type AnalysisSummary,
  type Column,
  type DetectorId,
  type Direction,
  type Finding,
  type NumberColumn,
  type Role,
} from '../../model';
import { SWEEP_LEVEL_DETECTORS } from '../../analysis/associations';

/**
 * Detectors that judge the sweep (its size, design, spread) and list trials only as context; a
 * "sweep too small" warning must not paint every trial sick.
 */
export const SWEEP_LEVEL: ReadonlySet<DetectorId> = SWEEP_LEVEL_DETECTORS;

/** 0 healthy, 1 worst finding is a warning, 2 worst is critical. */
export type Health = 0 | 1 | 2;

export interface FigureContext {
  summary: AnalysisSummary;
  columns: readonly Column[];
  rowCount: number;
  /** Trial id per row, as the analysis names them. */
  runIds: string[];
  column(name: string): Column | undefined;
  role(name: string): Role | undefined;
  /** Hyperparameter columns (number or category), in column order. */
  params: string[];
  /** Numeric metric columns, in column order. */
  metrics: string[];
  /** Numeric budget columns (epochs, steps, runtime). */
  budgets: string[];
  /** Per row. */
  health: Uint8Array;
  /** Titles of the findings that make a row sick, worst first. */
  issueTitles: Map<number, string[]>;
  /** Row of a trial id (built on first use). */
  rowOf(runId: string): number | undefined;
}

export function isTrialIssue(f: Finding): boolean {
  return f.severity !== 'info' && !SWEEP_LEVEL.has(f.detector);
}

export function figureContext(columns: readonly Column[], summary: AnalysisSummary): FigureContext {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const roles = new Map(summary.roles.map((r) => [r.column, r.role]));
  const rowCount = columns.length === 0 ? 0 : columnLength(columns[0]);
  const withRole = (kind: Role['kind'], numeric: boolean) =>
    columns
      .filter((c) => roles.get(c.name)?.kind === kind)
      .filter((c) => (numeric ? c.kind === 'number' : c.kind === 'number' || c.kind === 'category'))
      .map((c) => c.name);
  const runIds =
    summary.runIds.length === rowCount ? summary.runIds : trialIds(columns, summary, rowCount);
  const { health, titles } = sickRows(summary.findings, rowCount);
  let index: Map<string, number> | null = null;
  return {
    summary,
    columns,
    rowCount,
    runIds,
    column: (name) => byName.get(name),
    role: (name) => roles.get(name),
    params: withRole('param', false),
    metrics: withRole('metric', true),
    budgets: withRole('budget', true),
    health,
    issueTitles: titles,
    rowOf(runId) {
      index ??= new Map(runIds.map((id, row) => [id, row]));
      return index.get(runId);
    },
  };
}

/** Which way is better: a metric's role says; budgets and anything else are minimised. */
export function directionOf(ctx: FigureContext, column: string): Direction {
  const role = ctx.role(column);
  return role?.kind === 'metric' ? role.direction : 'min';
}

export function numberColumn(ctx: FigureContext, name: string): NumberColumn | null {
  const c = ctx.column(name);
  return c?.kind === 'number' ? c : null;
}

function sickRows(findings: readonly Finding[], rowCount: number) {
  const health = new Uint8Array(rowCount);
  const titles = new Map<number, string[]>();
  // Critical findings first, so each row's titles list the worst first.
  const ordered = findings
    .filter(isTrialIssue)
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
  for (const f of ordered) {
    const level: Health = f.severity === 'critical' ? 2 : 1;
    for (const row of f.rows) {
      if (row < 0 || row >= rowCount) continue;
      if (health[row] < level) health[row] = level;
      const list = titles.get(row);
      if (list) list.push(f.title);
      else titles.set(row, [f.title]);
    }
  }
  return { health, titles };
}

/** The analysis's naming (analyze.ts runIdsOf), for page copies whose runIds were dropped. */
function trialIds(columns: readonly Column[], summary: AnalysisSummary, rowCount: number) {
  const idName = summary.roles.find((r) => r.role.kind === 'id')?.column;
  const column = idName === undefined ? undefined : columns.find((c) => c.name === idName);
  const seen = new Map<string, number>();
  const ids: string[] = [];
  for (let row = 0; row < rowCount; row++) {
    const text = column ? cellText(column, row).trim() : '';
    const base = text === '' ? `row ${row + 1}` : text;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    ids.push(count === 1 ? base : `${base} (${count})`);
  }
  return ids;
}
