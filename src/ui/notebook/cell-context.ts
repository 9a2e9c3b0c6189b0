/**
 * What a cell of the notebook knows about its place: set by CellHost, read by Cell.svelte, so the
 * view components (SourcesCell, ReportCell, …) render `<Cell>` as before and get the toolbar,
 * the persisted collapse and the number without passing anything through.
 */
import { getContext, setContext } from 'svelte';
import type { NotebookController } from './controller.svelte';

export interface CellPlace {
  readonly id: string;
  /** 1-based position shown as [n]. */
  readonly index: number;
  readonly count: number;
  readonly collapsed: boolean;
  readonly controller: NotebookController;
}

const KEY = Symbol('notebook-cell');

export function setCellPlace(place: CellPlace): void {
  setContext(KEY, place);
}

/** Null outside a notebook (a cell rendered on its own keeps its local collapse state). */
export function getCellPlace(): CellPlace | null {
  return getContext<CellPlace | undefined>(KEY) ?? null;
}
