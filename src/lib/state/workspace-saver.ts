/**
 * Saving the workspace's current notebook: one autosave at a time, the data bytes a new
 * notebook still has to store with its first save, the bytes kept in memory (so export works
 * without storage), and the "last notebook" key the next start reopens.
 */
import type { NotebookDocument } from '../model';
import {
  createAutosave,
  type Autosave,
  type AutosaveState,
  type NotebookRepository,
  type Result,
  type SourceFile,
  type Timers,
} from '../persist';

/** Settings-store key of the notebook to reopen on start (null: start on the empty page). */
export const LAST_NOTEBOOK_KEY = 'lastNotebookId';

export interface SaverOptions {
  repo: () => NotebookRepository | null;
  onState: (state: AutosaveState) => void;
  onSaved: () => void;
  delayMs?: number;
  timers?: Timers;
  now?: () => number;
}

export class Saver {
  readonly #options: SaverOptions;
  #autosave: Autosave<NotebookDocument>;
  #unsubscribe: () => void = () => undefined;
  // Bookkeeping read by methods, never rendered: plain Maps on purpose.
  readonly #unstored = new Map<string, SourceFile[]>();
  readonly #memory = new Map<string, Blob>();
  #remembered: string | null | undefined = undefined;
  /** The notebook on the page: only its saves may become the one reopened on start. */
  #current: string | null = null;

  constructor(options: SaverOptions) {
    this.#options = options;
    this.#autosave = this.#create();
  }

  #create(): Autosave<NotebookDocument> {
    const autosave = createAutosave<NotebookDocument>({
      save: (doc) => this.#save(doc),
      delayMs: this.#options.delayMs ?? 500,
      timers: this.#options.timers,
      now: this.#options.now,
    });
    this.#unsubscribe = autosave.onState(this.#options.onState);
    return autosave;
  }

  async #save(doc: NotebookDocument): Promise<Result<unknown>> {
    const repo = this.#options.repo();
    if (!repo) return { ok: true, value: null };
    const files = this.#unstored.get(doc.id);
    const saved = files ? await repo.saveWithFiles(doc, files) : await repo.saveNotebook(doc);
    if (!saved.ok) return saved;
    this.#unstored.delete(doc.id);
    // An old notebook's last save, finishing after a switch, must not become the one reopened.
    if (doc.id === this.#current && this.#remembered !== doc.id) await this.remember(doc.id);
    this.#options.onSaved();
    return saved;
  }

  schedule(doc: NotebookDocument): void {
    if (this.#options.repo()) this.#autosave.schedule(doc);
  }

  /** Saves what is waiting now (Retry, and before another notebook is opened). */
  flush(): Promise<void> {
    return this.#autosave.flush();
  }

  /**
   * Another notebook takes the page: the old one's waiting edit still saves in the background
   * (unless `discard`, for a deleted notebook), but no longer drives the indicator.
   */
  switchNotebook(id: string | null, discard = false): void {
    this.#current = id;
    const old = this.#autosave;
    this.#unsubscribe();
    if (discard) old.dispose();
    else void old.flush().finally(() => old.dispose());
    this.#autosave = this.#create();
    // Bytes still to be stored stay in #unstored; the rest is the old notebook's to drop.
    this.#memory.clear();
  }

  /** A new notebook's data: stored with its next save, and kept in memory meanwhile. */
  addFiles(notebookId: string, files: SourceFile[]): void {
    if (files.length > 0) this.#unstored.set(notebookId, files);
    for (const f of files) this.keep(f.blobId, f.bytes);
  }

  keep(blobId: string, bytes: Blob | ArrayBuffer): void {
    this.#memory.set(blobId, bytes instanceof Blob ? bytes : new Blob([bytes]));
  }

  /** A data file's bytes: from memory, else from storage; null when neither has them. */
  async read(blobId: string): Promise<Blob | null> {
    const kept = this.#memory.get(blobId);
    if (kept) return kept;
    const read = await this.#options.repo()?.readSourceFile(blobId);
    if (!read?.ok) return null;
    this.#memory.set(blobId, read.value);
    return read.value;
  }

  async remember(id: string | null): Promise<void> {
    const put = await this.#options.repo()?.putSettings(LAST_NOTEBOOK_KEY, id);
    if (put?.ok) this.#remembered = id;
  }
}
