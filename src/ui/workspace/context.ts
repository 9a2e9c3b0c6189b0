/**
 * The workspace as a Svelte context, so a cell deep in the notebook (the Report cell's
 * "Notebook file" download) reaches it without every layer passing it down.
 */
import { getContext, setContext } from 'svelte';
import type { Workspace } from '../../lib/state/workspace.svelte';
import { downloadBlob } from '../download';

const KEY = Symbol('workspace');

export function setWorkspace(workspace: Workspace): void {
  setContext(KEY, workspace);
}

export function getWorkspace(): Workspace | undefined {
  return getContext<Workspace | undefined>(KEY);
}

/** Downloads the current notebook as a .hpinb file; throws (for the caller to show) on failure. */
export async function downloadNotebook(workspace: Workspace): Promise<void> {
  const { blob, fileName } = await workspace.exportFile();
  downloadBlob(blob, fileName);
}

/** The Report cell's onExportNotebook: undefined outside a workspace (the entry is left out). */
export function notebookExport(): (() => Promise<void>) | undefined {
  const workspace = getWorkspace();
  return workspace ? () => downloadNotebook(workspace) : undefined;
}
