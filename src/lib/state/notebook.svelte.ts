/**
 * The notebook of the page: which cells, in which order, with which options. Holds the document
 * (what persistence saves and a saved notebook restores), the structural edits with an undo
 * stack, and a change signal for autosave. Cell outputs are not here: cells recompute them from
 * the session's data.
 */
import type { CellSpec, NotebookDocument } from '../model';
import { cellLabel } from './notebook-labels';
import {
  createCell,
  defaultNotebook,
  duplicateCell,
  insertCell,
  moveCell,
  removeCell,
  updateCell,
  type CellPatch,
  type DefaultNotebookInfo,
  type NewCell,
} from './notebook-ops';

/** Why the document changed: `default` a fresh load, `replace` a saved one opened, else an edit. */
export type NotebookChangeReason = 'default' | 'replace' | 'edit' | 'meta';
export type NotebookListener = (doc: NotebookDocument, reason: NotebookChangeReason) => void;

/** Document fields outside the cells, set by whoever owns them (persistence, the session). */
export type NotebookMeta = Partial<Omit<NotebookDocument, 'cells' | 'schemaVersion' | 'id'>>;

interface UndoEntry {
  cells: readonly CellSpec[];
  /** What undoing does, e.g. "Delete Overview" (for the Undo button and announcements). */
  label: string;
  /** Consecutive edits with the same key (typing in a note) undo as one. */
  coalesce?: string;
}

export const UNDO_LIMIT = 50;

export class NotebookState {
  doc = $state.raw<NotebookDocument>(defaultNotebook({ title: '', hasCurves: false }));
  /** Bumped on every change of `doc`; read it in an effect to react to any change. */
  version = $state(0);
  /** Label of what `undo()` would revert, null when there is nothing to undo. */
  undoLabel = $state<string | null>(null);

  #undo: UndoEntry[] = [];
  /** Plain (not reactive): listeners are called, never rendered. */
  #listeners: NotebookListener[] = [];
  /** The load the document belongs to (see `adopt`); null until one is adopted. */
  #load: object | null = null;
  /** `replace()` was called: the next `adopt` keeps that document instead of a default one. */
  #pinned = false;
  /** Still the untouched default of its load, so a later analysis may rebuild it. */
  #pristine = false;
  readonly #random: () => number;

  constructor(options: { random?: () => number } = {}) {
    this.#random = options.random ?? Math.random;
  }

  get cells(): readonly CellSpec[] {
    return this.doc.cells;
  }

  /** Listen to every change; returns the unsubscribe function. */
  onChange(listener: NotebookListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /**
   * Called when the page shows a load's data. A new load gets the default notebook, unless a
   * saved one was `replace`d in for it (before or after the load started); the same load seen
   * again (the view re-mounted) keeps its notebook.
   */
  adopt(load: object, info: DefaultNotebookInfo): void {
    if (this.#load === load) return;
    this.#load = load;
    if (this.#pinned) {
      this.#pinned = false;
      return;
    }
    this.#set(defaultNotebook({ random: this.#random, ...info }), 'default');
    this.#pristine = true;
  }

  /**
   * The analysis of the adopted load changed what the default would be (e.g. curves appeared
   * once the roles were fixed): rebuild it, but only while the user has not edited it.
   */
  refreshDefault(load: object, info: DefaultNotebookInfo): void {
    if (!this.#pristine || this.#load !== load) return;
    const next = defaultNotebook({ random: this.#random, ...info });
    const kinds = (cells: readonly CellSpec[]) => cells.map((c) => c.kind).join();
    if (kinds(next.cells) === kinds(this.doc.cells)) return;
    // Only the cells follow the analysis; title, source and the rest stay as set.
    this.#set({ ...this.doc, cells: next.cells }, 'default');
  }

  /** Show a saved notebook (restored by lib/persist); forgets the undo history. */
  replace(doc: NotebookDocument): void {
    this.#pinned = true;
    this.#load = null;
    this.#pristine = false;
    this.#set(doc, 'replace');
  }

  /** Set document fields other than the cells (title, source, overrides…); not undoable. */
  setMeta(meta: NotebookMeta): void {
    this.#commit({ ...this.doc, ...meta }, 'meta');
  }

  /** Add a cell (default: at the end); returns its id. */
  add(init: NewCell, at?: number): string {
    const cell = createCell(this.doc.cells, init, this.#random);
    this.#edit(insertCell(this.doc.cells, cell, at), `Add ${cellLabel(cell)}`);
    return cell.id;
  }

  /** Move a cell to index `to`; false when it did not move. */
  move(id: string, to: number): boolean {
    const cell = this.#find(id);
    const next = moveCell(this.doc.cells, id, to);
    if (!cell || next === this.doc.cells) return false;
    this.#edit(next, `Move ${cellLabel(cell)}`);
    return true;
  }

  moveUp(id: string): boolean {
    return this.move(id, this.indexOf(id) - 1);
  }

  moveDown(id: string): boolean {
    const i = this.indexOf(id);
    return i >= 0 && this.move(id, i + 1);
  }

  indexOf(id: string): number {
    return this.doc.cells.findIndex((c) => c.id === id);
  }

  /** A copy right after the cell; returns the copy's id. */
  duplicate(id: string): string | null {
    const done = duplicateCell(this.doc.cells, id, this.#random);
    if (!done) return null;
    this.#edit(done.cells, `Duplicate ${cellLabel(done.copy)}`);
    return done.copy.id;
  }

  remove(id: string): boolean {
    const cell = this.#find(id);
    if (!cell) return false;
    this.#edit(removeCell(this.doc.cells, id), `Delete ${cellLabel(cell)}`);
    return true;
  }

  /** Collapsing is a view preference: saved with the spec, but not an undo step. */
  toggleCollapsed(id: string): void {
    const cell = this.#find(id);
    if (!cell) return;
    this.#commit(
      { ...this.doc, cells: [...updateCell(this.doc.cells, id, { collapsed: !cell.collapsed })] },
      'edit',
    );
  }

  /**
   * Change a cell's options (note text, figure request). Edits sharing a `coalesce` key in a
   * row (each keystroke of one note editing session) are undone together.
   */
  updateSpec(id: string, patch: CellPatch, options: { coalesce?: string } = {}): void {
    const cell = this.#find(id);
    if (!cell) return;
    const next = updateCell(this.doc.cells, id, patch);
    const top = this.#undo.at(-1);
    if (options.coalesce !== undefined && top?.coalesce === options.coalesce) {
      this.#commit({ ...this.doc, cells: [...next] }, 'edit');
      return;
    }
    this.#edit(next, `Edit ${cellLabel(cell)}`, options.coalesce);
  }

  /** Revert the last structural or option edit; returns its label, null when none. */
  undo(): string | null {
    const entry = this.#undo.pop();
    if (!entry) return null;
    this.#pristine = false;
    this.#commit({ ...this.doc, cells: [...entry.cells] }, 'edit');
    this.undoLabel = this.#undo.at(-1)?.label ?? null;
    return entry.label;
  }

  #find(id: string): CellSpec | undefined {
    return this.doc.cells.find((c) => c.id === id);
  }

  #edit(cells: readonly CellSpec[], label: string, coalesce?: string): void {
    this.#undo.push({ cells: this.doc.cells, label, coalesce });
    if (this.#undo.length > UNDO_LIMIT) this.#undo.shift();
    this.undoLabel = label;
    this.#pristine = false;
    this.#commit({ ...this.doc, cells: [...cells] }, 'edit');
  }

  #set(doc: NotebookDocument, reason: NotebookChangeReason): void {
    this.#undo = [];
    this.undoLabel = null;
    this.#emit(doc, reason);
  }

  #commit(doc: NotebookDocument, reason: NotebookChangeReason): void {
    this.#emit({ ...doc, updatedAt: Math.max(Date.now(), doc.updatedAt) }, reason);
  }

  #emit(doc: NotebookDocument, reason: NotebookChangeReason): void {
    this.doc = doc;
    this.version += 1;
    for (const listener of this.#listeners) listener(doc, reason);
  }
}
