/**
 * Pure operations on a notebook document: the default notebook of a fresh load, new cells, and
 * the structural edits (insert, move, duplicate, remove, patch). Every function returns a new
 * array or document and never mutates its input, so the rune class can keep old arrays as undo
 * snapshots for free.
 */
import {
  NOTEBOOK_SCHEMA_VERSION,
  type CellKind,
  type CellSpec,
  type FigureRequest,
  type NotebookDocument,
  type NotebookSource,
} from '../model';
import { DEFAULT_REQUESTS } from './figures';

/** What the default notebook depends on, read from the first analysis of a load. */
export interface DefaultNotebookInfo {
  title: string;
  /** The data has training curves: the Curves and Leaderboard cells make sense. */
  hasCurves: boolean;
  source?: NotebookSource | null;
  /** Injected for tests; default: a random id and the current time. */
  id?: string;
  now?: number;
  random?: () => number;
}

/** Kinds that show training curves, and say so when the data has none. */
export const CURVE_KINDS: readonly CellKind[] = ['curves', 'leaderboard'];

export function randomId(random: () => number = Math.random, length = 8): string {
  let id = '';
  while (id.length < length) id += Math.floor(random() * 36).toString(36);
  return id;
}

/** `<kind>-<random>`, unique among `cells` (ids stay stable across moves, undo and reloads). */
export function newCellId(
  cells: readonly CellSpec[],
  kind: CellKind,
  random: () => number = Math.random,
): string {
  const taken = new Set(cells.map((c) => c.id));
  for (;;) {
    const id = `${kind}-${randomId(random, 5)}`;
    if (!taken.has(id)) return id;
  }
}

/** The options a new cell of a kind starts with (figure: its request; note: empty text). */
export type NewCell =
  | { kind: Exclude<CellKind, 'figure' | 'note'> }
  | { kind: 'figure'; request: FigureRequest }
  | { kind: 'note'; markdown?: string };

/** A spec for a new cell, with a fresh id; settings start collapsed as they always did. */
export function createCell(
  cells: readonly CellSpec[],
  init: NewCell,
  random: () => number = Math.random,
): CellSpec {
  const id = newCellId(cells, init.kind, random);
  switch (init.kind) {
    case 'figure':
      return { id, kind: 'figure', collapsed: false, request: { ...init.request } };
    case 'note':
      return { id, kind: 'note', collapsed: false, markdown: init.markdown ?? '' };
    default:
      return { id, kind: init.kind, collapsed: init.kind === 'settings' } as CellSpec;
  }
}

/** The cells a freshly loaded file gets, in reading order. */
export function defaultCells(hasCurves: boolean, random: () => number = Math.random): CellSpec[] {
  const inits: NewCell[] = [
    { kind: 'sources' },
    { kind: 'overview' },
    { kind: 'findings' },
    ...(hasCurves ? ([{ kind: 'curves' }, { kind: 'leaderboard' }] as const) : []),
    { kind: 'associations' },
    ...DEFAULT_REQUESTS.map((request): NewCell => ({ kind: 'figure', request })),
    { kind: 'data' },
    { kind: 'settings' },
    { kind: 'report' },
  ];
  const cells: CellSpec[] = [];
  for (const init of inits) cells.push(createCell(cells, init, random));
  return cells;
}

export function defaultNotebook(info: DefaultNotebookInfo): NotebookDocument {
  const random = info.random ?? Math.random;
  const now = info.now ?? Date.now();
  return {
    schemaVersion: NOTEBOOK_SCHEMA_VERSION,
    id: info.id ?? `nb-${randomId(random, 12)}`,
    title: info.title,
    createdAt: now,
    updatedAt: now,
    cells: defaultCells(info.hasCurves, random),
    source: info.source ?? null,
    roleOverrides: {},
    settings: {},
    selectedRunIds: [],
  };
}

const clamp = (i: number, length: number) => Math.max(0, Math.min(length, Math.trunc(i)));

/** Insert at `at` (clamped; default: the end). */
export function insertCell(cells: readonly CellSpec[], cell: CellSpec, at?: number): CellSpec[] {
  const i = at === undefined ? cells.length : clamp(at, cells.length);
  return [...cells.slice(0, i), cell, ...cells.slice(i)];
}

/** Move a cell so it ends up at index `to` (clamped); unchanged input when nothing moves. */
export function moveCell(cells: readonly CellSpec[], id: string, to: number): readonly CellSpec[] {
  const from = cells.findIndex((c) => c.id === id);
  if (from < 0) return cells;
  const target = clamp(to, cells.length - 1);
  if (target === from) return cells;
  const rest = cells.filter((c) => c.id !== id);
  return [...rest.slice(0, target), cells[from], ...rest.slice(target)];
}

/** A copy (new id) right after the original; null when there is no such cell. */
export function duplicateCell(
  cells: readonly CellSpec[],
  id: string,
  random: () => number = Math.random,
): { cells: CellSpec[]; copy: CellSpec } | null {
  const i = cells.findIndex((c) => c.id === id);
  if (i < 0) return null;
  const copy = { ...structuredClone(cells[i]), id: newCellId(cells, cells[i].kind, random) };
  return { cells: insertCell(cells, copy, i + 1), copy };
}

export function removeCell(cells: readonly CellSpec[], id: string): readonly CellSpec[] {
  return cells.some((c) => c.id === id) ? cells.filter((c) => c.id !== id) : cells;
}

/** What `updateCell` may change: anything but the id and the kind. */
export type CellPatch = Partial<Omit<CellSpec, 'id' | 'kind'>> & Record<string, unknown>;

export function updateCell(
  cells: readonly CellSpec[],
  id: string,
  patch: CellPatch,
): readonly CellSpec[] {
  const i = cells.findIndex((c) => c.id === id);
  if (i < 0) return cells;
  const { id: _id, kind: _kind, ...rest } = patch;
  const next = { ...cells[i], ...rest } as CellSpec;
  return cells.map((c, j) => (j === i ? next : c));
}
