/** Cell validation for `restore()`: unknown kinds dropped, ids made unique, fields coerced. */
import type { CellKind, CellSpec, FigureRequest } from '../model';
import { newId } from './ids';
import { isRecord, optionalString, stringList, type Plain } from './restore-fields';

const SIMPLE_KINDS = [
  'sources',
  'overview',
  'findings',
  'associations',
  'data',
  'settings',
  'report',
] as const;
const ALL_KINDS: readonly CellKind[] = [
  ...SIMPLE_KINDS,
  'curves',
  'leaderboard',
  'figure',
  'compare',
  'note',
];

/**
 * The chosen hyperparameters of a parallel or slice figure: distinct names, in order. Anything
 * else is dropped with a note, and the figure falls back to the most important ones.
 */
function figureParams(v: unknown, repairs: string[], where: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    repairs.push(`${where}: not a list, dropped (the most important are drawn)`);
    return undefined;
  }
  const names = v.filter((s): s is string => typeof s === 'string');
  if (names.length !== v.length) repairs.push(`${where}: dropped entries that are not text`);
  const distinct = [...new Set(names)];
  if (distinct.length !== names.length) repairs.push(`${where}: dropped repeated names`);
  if (distinct.length > 0) return distinct;
  repairs.push(`${where}: empty, dropped (the most important are drawn)`);
  return undefined;
}

function figureRequest(v: unknown, repairs: string[], where: string): FigureRequest | null {
  if (!isRecord(v)) return null;
  const opt = (x: unknown): x is string | undefined => x === undefined || typeof x === 'string';
  // Optional fields are copied only when present, so a restored request equals its input.
  const pick = (fields: Plain) =>
    Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined));
  switch (v.kind) {
    case 'issue-heatmap':
    case 'correlation':
    case 'importance':
      return { kind: v.kind };
    case 'param-heatmap':
      if (!opt(v.x) || !opt(v.y) || !opt(v.metric)) return null;
      if (v.aggregate !== 'mean' && v.aggregate !== 'median' && v.aggregate !== 'best') return null;
      return {
        kind: v.kind,
        aggregate: v.aggregate,
        ...pick({ x: v.x, y: v.y, metric: v.metric }),
      };
    case 'parallel':
      if (!opt(v.metric) || (v.color !== 'metric' && v.color !== 'issue')) return null;
      return {
        kind: v.kind,
        color: v.color,
        ...pick({ metric: v.metric, params: figureParams(v.params, repairs, `${where} params`) }),
      };
    case 'slice':
      if (!opt(v.metric)) return null;
      return {
        kind: v.kind,
        ...pick({ metric: v.metric, params: figureParams(v.params, repairs, `${where} params`) }),
      };
    case 'distribution':
      return opt(v.metric) ? { kind: v.kind, ...pick({ metric: v.metric }) } : null;
    case 'pareto':
      return opt(v.x) && opt(v.y) ? { kind: v.kind, ...pick({ x: v.x, y: v.y }) } : null;
    default:
      return null;
  }
}

function markdown(v: unknown, repairs: string[], where: string): string {
  if (typeof v === 'string') return v;
  repairs.push(`${where}: note text was not text, converted`);
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return '';
    }
  }
  return String(v);
}

/** Copies an optional field only when present and valid, so restore is idempotent. */
function withOptional<T extends object>(cell: T, fields: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) Object.assign(cell, { [k]: v });
  return cell;
}

function cell(raw: Plain, id: string, collapsed: boolean, repairs: string[]): CellSpec | null {
  const where = `cell ${id}`;
  const kind = raw.kind as CellKind;
  const runIds = (v: unknown) =>
    v === undefined ? undefined : stringList(v, repairs, `${where} runIds`);
  switch (kind) {
    case 'curves':
    case 'compare':
      return withOptional({ kind, id, collapsed } as CellSpec, {
        metric: optionalString(raw.metric, repairs, `${where} metric`),
        runIds: runIds(raw.runIds),
      });
    case 'leaderboard':
      return withOptional({ kind, id, collapsed } as CellSpec, {
        metric: optionalString(raw.metric, repairs, `${where} metric`),
      });
    case 'figure': {
      const request = figureRequest(raw.request, repairs, where);
      if (!request) repairs.push(`${where}: dropped a figure cell with an invalid figure request`);
      return request ? { kind, id, collapsed, request } : null;
    }
    case 'note':
      return { kind, id, collapsed, markdown: markdown(raw.markdown, repairs, where) };
    default:
      return { kind, id, collapsed } as CellSpec;
  }
}

export function restoreCells(v: unknown, repairs: string[]): CellSpec[] {
  if (!Array.isArray(v)) {
    if (v !== undefined) repairs.push('cells: not a list, the notebook starts empty');
    else repairs.push('cells: missing, the notebook starts empty');
    return [];
  }
  const seen = new Set<string>();
  const out: CellSpec[] = [];
  v.forEach((raw, index) => {
    if (!isRecord(raw) || !ALL_KINDS.includes(raw.kind as CellKind)) {
      const kind = isRecord(raw) && typeof raw.kind === 'string' ? `"${raw.kind}"` : 'unknown';
      repairs.push(`cell ${index + 1}: dropped a cell of ${kind} kind`);
      return;
    }
    let id = raw.id;
    if (typeof id !== 'string' || id === '') {
      id = newId('c-');
      repairs.push(`cell ${index + 1}: missing id, a new one was made`);
    } else if (seen.has(id)) {
      repairs.push(`cell ${index + 1}: duplicate id "${id}", a new one was made`);
      id = newId('c-');
    }
    const cellId = id as string;
    let collapsed = raw.collapsed;
    if (typeof collapsed !== 'boolean') {
      if (collapsed !== undefined)
        repairs.push(`cell ${cellId}: "collapsed" was not yes/no, set to no`);
      collapsed = false;
    }
    const restored = cell(raw, cellId, collapsed as boolean, repairs);
    if (restored) {
      seen.add(cellId);
      out.push(restored);
    }
  });
  return out;
}
