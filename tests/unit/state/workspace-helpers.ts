/** A workspace over a real Session (with a worker that answers at once) and fake-indexeddb. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Progress } from '../../../src/lib/model';
import { openRepository, type NotebookRepository } from '../../../src/lib/persist';
import { NotebookState } from '../../../src/lib/state/notebook.svelte';
import { Session } from '../../../src/lib/state/session.svelte';
import { Workspace, type WorkspaceOptions } from '../../../src/lib/state/workspace.svelte';
import type { AnalysisClient, PendingRequest, RequestInput } from '../../../src/lib/worker/client';
import type { RequestType, ResultMap } from '../../../src/lib/worker/protocol';
import { analyzeResult, loadResult } from './fixtures';

type AnyRequest = RequestInput<'load'> | RequestInput<'analyze'>;

/** Answers load and analyze requests at once with the fixtures; keeps every request. */
export class AnsweringClient implements AnalysisClient {
  requests: AnyRequest[] = [];
  running = true;
  #next = 1;
  #datasets = 0;

  request<T extends RequestType>(
    req: RequestInput<T>,
    _onProgress?: (progress: Progress) => void,
  ): PendingRequest<T> {
    const r = req as unknown as AnyRequest;
    this.requests.push(r);
    const answer =
      r.type === 'load'
        ? loadResult(++this.#datasets)
        : analyzeResult(r.options.overrides as Record<string, never>);
    return Object.assign(Promise.resolve(answer as unknown as ResultMap[T]), { id: this.#next++ });
  }
  cancel(): void {}
  dispose(): void {}

  loads(): RequestInput<'load'>[] {
    return this.requests.filter((r): r is RequestInput<'load'> => r.type === 'load');
  }
}

export const CSV = 'trial_id,lr,val_loss,epochs\na,1,2,3\nb,2,3,4\n';

export function csvFile(name = 'sweep.csv', text = CSV): File {
  return new File([text], name, { lastModified: 1_700_000_000_000 });
}

export interface Setup {
  session: Session;
  notebook: NotebookState;
  ws: Workspace;
  client: AnsweringClient;
}

/** A page: session, notebook, workspace on `factory` (one factory = one browser profile). */
export function page(factory: IDBFactory, options: WorkspaceOptions = {}): Setup {
  const client = new AnsweringClient();
  const session = new Session(client, {
    storage: null,
    settingsDelayMs: 0,
    // ?src= links: every URL serves the CSV.
    fetch: async () => new Response(CSV, { headers: { 'content-type': 'text/csv' } }),
  });
  const notebook = new NotebookState();
  const ws = new Workspace(session, notebook, {
    openRepository: () => openRepository({ factory }),
    autosaveDelayMs: 0,
    storage: { estimate: async () => ({ usage: 10, quota: 100 }), persist: async () => 'granted' },
    ...options,
  });
  return { session, notebook, ws, client };
}

/** What the Notebook view does when a load is shown, and what the page's effect does. */
export function showLoad(s: Setup): void {
  if (s.session.loaded)
    s.notebook.adopt(s.session.loaded, { title: s.session.fileName ?? '', hasCurves: false });
  s.ws.sync();
}

export const freshFactory = () => new IDBFactory();

export async function repoOn(factory: IDBFactory): Promise<NotebookRepository> {
  const opened = await openRepository({ factory });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}
