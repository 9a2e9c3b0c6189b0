/**
 * The page side of notebook editing: each edit goes to NotebookState, and this class adds what
 * only a page needs: focus that follows a moved cell, a sentence for screen readers, the Undo
 * toast after a delete, the drag in progress, and which add-a-cell menu is open.
 */
import { tick } from 'svelte';
import type { Session } from '../../lib/state';
import type { FigureAxes } from '../../lib/state/figures';
import { cellLabel } from '../../lib/state/notebook-labels';
import type { NewCell } from '../../lib/state/notebook-ops';
import type { NotebookState } from '../../lib/state/notebook.svelte';
import type { Picked } from '../plot/figure';

/** How long the Undo button stays after a delete. */
export const TOAST_MS = 8000;

export class NotebookController {
  /** The live region's text; a fresh string each time so repeats are read again. */
  announcement = $state('');
  /** The delete the toast offers to undo. */
  toast = $state<string | null>(null);
  /** Index the open add-a-cell menu inserts at (cells.length: the end); null: closed. */
  menuAt = $state<number | null>(null);
  /** The cell being dragged, and where it would land. */
  dragging = $state<string | null>(null);
  dropAt = $state<{ id: string; after: boolean } | null>(null);
  /** Columns the figure pickers offer, from the latest figure the worker built. */
  axes = $state.raw<FigureAxes | null>(null);
  /** The figure whose click or brush made the current selection (it says what it picked). */
  figureOrigin = $state.raw<{ cellId: string; picked: Picked; title: string } | null>(null);

  readonly notebook: NotebookState;
  /** The cell just added from the menu (a note opens its editor once). */
  #fresh: string | null = null;
  #toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(notebook: NotebookState) {
    this.notebook = notebook;
  }

  #label(id: string): string {
    const cell = this.notebook.cells.find((c) => c.id === id);
    return cell ? cellLabel(cell) : 'cell';
  }

  #announce(text: string): void {
    // The same sentence twice in a row would not be read again: vary it invisibly.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  #moved(id: string): void {
    const i = this.notebook.indexOf(id);
    this.#announce(
      `${this.#label(id)} moved to position ${i + 1} of ${this.notebook.cells.length}`,
    );
    void this.focus(id);
  }

  moveUp(id: string): void {
    if (this.notebook.moveUp(id)) this.#moved(id);
    else this.#announce(`${this.#label(id)} is already the first cell`);
  }

  moveDown(id: string): void {
    if (this.notebook.moveDown(id)) this.#moved(id);
    else this.#announce(`${this.#label(id)} is already the last cell`);
  }

  /** Drop the dragged cell where the indicator shows. */
  drop(): void {
    const id = this.dragging;
    const at = this.dropAt;
    this.endDrag();
    if (!id || !at || at.id === id) return;
    const from = this.notebook.indexOf(id);
    const target = this.notebook.indexOf(at.id) + (at.after ? 1 : 0);
    if (from < 0 || target < 0) return;
    // `target` counts the dragged cell itself when it sits above the drop point.
    if (this.notebook.move(id, target > from ? target - 1 : target)) this.#moved(id);
  }

  endDrag(): void {
    this.dragging = null;
    this.dropAt = null;
  }

  duplicate(id: string): void {
    const copy = this.notebook.duplicate(id);
    if (!copy) return;
    this.#announce(`Duplicated ${this.#label(id)}`);
    void this.focus(copy);
  }

  remove(id: string): void {
    const label = this.#label(id);
    const i = this.notebook.indexOf(id);
    if (!this.notebook.remove(id)) return;
    this.#announce(`Deleted ${label}. Press Control+Z to undo.`);
    this.toast = `Deleted ${label}`;
    clearTimeout(this.#toastTimer);
    this.#toastTimer = setTimeout(() => (this.toast = null), TOAST_MS);
    // Keep the keyboard in the notebook: on the cell that took the deleted one's place.
    const next = this.notebook.cells[Math.min(i, this.notebook.cells.length - 1)];
    if (next) void this.focus(next.id, false);
  }

  undo(): void {
    const label = this.notebook.undo();
    this.dismissToast();
    this.#announce(label ? `Undone: ${label}` : 'Nothing to undo');
  }

  dismissToast(): void {
    clearTimeout(this.#toastTimer);
    this.toast = null;
  }

  add(init: NewCell): void {
    const at = this.menuAt ?? this.notebook.cells.length;
    const id = this.notebook.add(init, at);
    this.menuAt = null;
    this.#fresh = id;
    this.#announce(`Added ${this.#label(id)} at position ${at + 1}`);
    void this.focus(id);
  }

  /** True once for the cell just added from the menu. */
  takeFresh(id: string): boolean {
    if (this.#fresh !== id) return false;
    this.#fresh = null;
    return true;
  }

  /** The worker's axes once a figure was built; before that, the columns by their roles. */
  axesOr(session: Session): FigureAxes {
    if (this.axes) return this.axes;
    const roles = session.summary?.roles ?? [];
    const having = (kind: string) => roles.filter((r) => r.role.kind === kind).map((r) => r.column);
    return { params: having('param'), metrics: having('metric'), budgets: having('budget') };
  }

  /** After the DOM caught up: focus a cell's header button and bring it into view. */
  async focus(id: string, scroll = true): Promise<void> {
    await tick();
    const cell = document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(id)}"]`);
    const target = cell?.querySelector<HTMLElement>('[data-cell-focus]');
    // A cell that took focus itself (a new note's editor) keeps it.
    if (!cell?.contains(document.activeElement)) target?.focus({ preventScroll: true });
    if (scroll) cell?.scrollIntoView({ block: 'nearest' });
  }

  dispose(): void {
    clearTimeout(this.#toastTimer);
  }
}
