/**
 * The workspace ties the Session (the data and its analysis), the NotebookState (the cells) and
 * the notebook repository together: a fresh load becomes a stored notebook (its bytes and its
 * document), every change autosaves, the last notebook reopens on start, and saved notebooks
 * are opened, renamed, duplicated, deleted, exported and imported.
 *
 * Storage is optional: when IndexedDB is missing or fails, `storageError` says why and
 * everything else (loading, editing, exporting to a file) keeps working from memory.
 */
import type { NotebookDocument } from '../model';
import {
  clockTime,
  exportNotebookFile,
  importNotebookFile,
  newId as defaultNewId,
  openRepository,
  type AutosaveState,
  type ImportedFile,
  type NotebookListing,
  type NotebookRepository,
  type PersistError,
  type Result,
  type Timers,
} from '../persist';
import { settingsDiff } from '../worker/settings';
import type { NotebookChangeReason, NotebookState } from './notebook.svelte';
import type { LoadOrigin, Session } from './session.svelte';
import { LAST_NOTEBOOK_KEY, Saver } from './workspace-saver';
import { loadSourceData, planSource, sourceName } from './workspace-source';
import { StorageInfo, type StorageApi } from './workspace-storage.svelte';

export { LAST_NOTEBOOK_KEY } from './workspace-saver';

export interface Notice {
  tone: 'info' | 'warning' | 'critical';
  text: string;
  /** What restore() repaired, one line each. */
  details?: string[];
  /** The notebook's data is gone from storage: the page offers to drop it again. */
  redrop?: boolean;
}

export interface WorkspaceOptions {
  openRepository?: () => Promise<Result<NotebookRepository>>;
  /** Quiet time after an edit before it is saved. */
  autosaveDelayMs?: number;
  timers?: Timers;
  now?: () => number;
  newId?: (prefix: string) => string;
  storage?: StorageApi;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class Workspace {
  /** 'pending' until start() knows; 'off' when this browser keeps nothing. */
  storage = $state<'pending' | 'on' | 'off'>('pending');
  /** Why saving is off (unavailable, or the connection was lost later). */
  storageError = $state.raw<PersistError | null>(null);
  save = $state.raw<AutosaveState>({ status: 'idle' });
  notice = $state.raw<Notice | null>(null);
  notebooks = $state.raw<NotebookListing[]>([]);
  /** Id of the notebook on the page (null: none yet, e.g. the empty page). */
  currentId = $state<string | null>(null);
  readonly info: StorageInfo;

  readonly session: Session;
  readonly notebook: NotebookState;
  #repo: NotebookRepository | null = null;
  readonly #saver: Saver;
  readonly #options: WorkspaceOptions;
  readonly #newId: (prefix: string) => string;
  // Reactive, so the page's sync effect runs again when they change.
  /** The load whose data the document describes; session state of another load is not synced. */
  #docOrigin = $state.raw<LoadOrigin | null>(null);
  /** A notebook is being opened: its overrides and selection are not applied yet. */
  #opening = $state(false);
  /** The stored data of the current notebook was missing: the next load becomes its data. */
  #awaitingData = false;

  constructor(session: Session, notebook: NotebookState, options: WorkspaceOptions = {}) {
    this.session = session;
    this.notebook = notebook;
    this.#options = options;
    this.#newId = options.newId ?? defaultNewId;
    this.info = new StorageInfo(options.storage);
    this.#saver = new Saver({
      repo: () => this.#repo,
      onState: (state) => (this.save = state),
      onSaved: () => void this.refreshList(),
      delayMs: options.autosaveDelayMs,
      timers: options.timers,
      now: options.now,
    });
    notebook.onChange((doc, reason) => this.#onChange(doc, reason));
  }

  /**
   * Opens storage, then opens `links` (`?src=`): a single link that already has a notebook
   * reopens it (its cells and notes), else the links load as new data. Without links the last
   * notebook reopens.
   */
  async start(links: readonly string[] = []): Promise<void> {
    await this.#openStorage();
    if (links.length > 0) {
      const known = this.notebooks.find((n) => links.length === 1 && n.sourceLabel === links[0]);
      if (known && (await this.#isLink(known.id, links[0]))) await this.open(known.id, 'Reopened');
      else await this.session.loadUrls(links);
      return;
    }
    const last = await this.#repo?.getSettings(LAST_NOTEBOOK_KEY);
    if (last?.ok && typeof last.value === 'string') await this.open(last.value, 'Restored');
  }

  /** The listing's label is a URL for link notebooks; a files notebook could share the text. */
  async #isLink(id: string, url: string): Promise<boolean> {
    const loaded = await this.#repo?.loadNotebook(id);
    const source = loaded?.ok ? loaded.value?.document.source : null;
    return source?.kind === 'url' && source.url === url;
  }

  async #openStorage(): Promise<void> {
    const open =
      this.#options.openRepository ??
      (() => openRepository({ onConnectionLost: (error) => (this.storageError = error) }));
    const opened = await open();
    if (!opened.ok) {
      this.storage = 'off';
      this.storageError = opened.error;
      return;
    }
    this.#repo = opened.value;
    this.storage = 'on';
    // Data loaded while storage was opening (a drop during start-up) is saved now.
    if (this.currentId !== null) this.#schedule(this.notebook.doc);
    await this.refreshList();
  }

  async refreshList(): Promise<void> {
    if (!this.#repo) return;
    const listed = await this.#repo.listNotebooks();
    if (listed.ok) this.notebooks = listed.value;
    await this.info.refresh();
  }

  /** Open a saved notebook: its data is read from storage and loaded as if dropped. */
  async open(id: string, verb = 'Opened'): Promise<void> {
    if (!this.#repo) return;
    await this.#saver.flush();
    const loaded = await this.#repo.loadNotebook(id);
    if (!loaded.ok) this.notice = { tone: 'critical', text: loaded.error.message };
    else if (!loaded.value) this.notice = { tone: 'warning', text: 'That notebook is gone.' };
    else await this.#show(loaded.value.document, loaded.value.repairs, verb);
  }

  /** Shows a stored or imported notebook; `files` are an import's bytes (kept in memory). */
  async #show(doc: NotebookDocument, repairs: string[], verb: string, files: ImportedFile[] = []) {
    this.#switchTo(doc.id);
    for (const f of files) this.#saver.keep(f.blobId, f.bytes);
    this.save = { status: 'saved', at: doc.updatedAt }; // what storage holds right now
    this.#opening = true;
    this.notebook.replace(doc);
    void this.#saver.remember(doc.id);
    const details = repairs.length > 0 ? repairs : undefined;
    this.notice = {
      tone: details ? 'warning' : 'info',
      text: `${verb} ${doc.title || 'Untitled notebook'} (saved ${clockTime(doc.updatedAt)})`,
      details,
    };
    this.session.useSettings(doc.settings);
    try {
      const data = await loadSourceData(this.session, doc.source, (id) => this.#saver.read(id));
      if (data === 'missing') return this.#dataMissing(doc, details);
      if (this.session.phase !== 'ready' || this.currentId !== doc.id) return;
      this.#docOrigin = this.session.loadedFrom;
      if (Object.keys(doc.roleOverrides).length > 0) {
        await this.session.setOverrides(doc.roleOverrides);
      }
      this.session.selectRuns(doc.selectedRunIds);
    } finally {
      if (this.currentId === doc.id) this.#opening = false;
    }
  }

  #dataMissing(doc: NotebookDocument, details?: string[]): void {
    this.session.reset();
    this.#awaitingData = true;
    this.notice = {
      tone: 'warning',
      text:
        `The data of "${doc.title}" (${sourceName(doc)}) is no longer stored in this browser ` +
        '(it may have cleared site data to free space). Drop the files again to see the ' +
        'notebook: its cells and notes are kept.',
      details,
      redrop: true,
    };
  }

  /**
   * Called by the page whenever the session's data, roles, settings or selection may have
   * changed: copies them into the document (which autosaves), once they belong to its load.
   */
  sync(): void {
    const s = this.session;
    if (s.phase !== 'ready' || s.analyzing || this.#opening || !s.loadedFrom) return;
    if (this.#awaitingData && s.loadedFrom !== this.#docOrigin) {
      // The re-dropped data becomes the notebook's (with new stored bytes).
      this.#awaitingData = false;
      this.notice = null;
      this.#adoptOrigin(this.notebook.doc.id, s.loadedFrom);
    }
    if (s.loadedFrom !== this.#docOrigin) return;
    const doc = this.notebook.doc;
    const next = {
      roleOverrides: s.overrides,
      settings:
        s.settingsSchema && s.settings ? settingsDiff(s.settingsSchema, s.settings) : doc.settings,
      selectedRunIds: [...s.selectedRunIds],
    };
    const changed =
      !same(next.roleOverrides, doc.roleOverrides) ||
      !same(next.settings, doc.settings) ||
      !same(next.selectedRunIds, doc.selectedRunIds);
    if (changed) this.notebook.setMeta(next);
  }

  #onChange(doc: NotebookDocument, reason: NotebookChangeReason): void {
    if (reason === 'replace') return;
    if (reason === 'default' && doc.id !== this.currentId) {
      // A fresh load: a new notebook, stored with its data.
      this.#switchTo(doc.id);
      if (this.notice?.redrop || this.notice?.tone === 'info') this.notice = null;
      const origin = this.session.loadedFrom;
      if (origin) this.#adoptOrigin(doc.id, origin);
      else this.#schedule(doc);
      return;
    }
    this.#schedule(doc);
  }

  #adoptOrigin(id: string, origin: LoadOrigin): void {
    this.#docOrigin = origin;
    const plan = planSource(origin, this.#newId);
    this.#saver.addFiles(id, plan.files);
    this.notebook.setMeta({ source: plan.source }); // emits a change: scheduled for saving
  }

  #schedule(doc: NotebookDocument): void {
    if (doc.id === this.currentId) this.#saver.schedule(doc);
  }

  /** Another notebook (or none) takes the page; the old one's waiting edit still saves. */
  #switchTo(id: string | null, discard = false): void {
    this.#saver.switchNotebook(id, discard);
    this.save = { status: 'idle' };
    this.currentId = id;
    this.#docOrigin = null;
    this.#awaitingData = false;
  }

  /** Save now (the indicator's Retry). */
  retry(): Promise<void> {
    return this.#saver.flush();
  }

  /**
   * Write a change still waiting out its autosave delay, because the page is going away (reload,
   * tab closed, app switched away on a phone): otherwise the last half second of edits is lost.
   */
  flushBeforeLeaving(): Promise<void> {
    return this.#saver.flush();
  }

  /** Back to the empty page; the next start shows it too. */
  async newNotebook(): Promise<void> {
    this.#switchTo(null);
    this.notice = null;
    this.session.reset();
    await this.#saver.remember(null);
  }

  async rename(id: string, title: string): Promise<void> {
    const name = title.trim() || 'Untitled notebook';
    if (id === this.currentId) {
      // Through the document: a rename in storage would be overwritten by its next save.
      this.notebook.setMeta({ title: name });
      await this.#saver.flush();
    } else await this.#report(this.#repo?.renameNotebook(id, name));
    await this.refreshList();
  }

  async duplicate(id: string): Promise<void> {
    if (id === this.currentId) await this.#saver.flush();
    await this.#report(this.#repo?.duplicateNotebook(id));
    await this.refreshList();
  }

  async remove(id: string): Promise<void> {
    if (id === this.currentId) {
      this.#switchTo(null, true); // its waiting save must not bring it back
      this.session.reset();
      await this.#saver.remember(null);
    }
    await this.#report(this.#repo?.deleteNotebook(id));
    await this.refreshList();
  }

  async #report(call: Promise<Result<unknown>> | undefined): Promise<void> {
    const result = await call;
    if (result && !result.ok) this.notice = { tone: 'critical', text: result.error.message };
  }

  /** The current notebook with its data as one file (works without storage too). */
  async exportFile(): Promise<{ blob: Blob; fileName: string }> {
    await this.#saver.flush();
    const doc = $state.snapshot(this.notebook.doc) as NotebookDocument;
    const blob = await exportNotebookFile(doc, async (blobId) => {
      const bytes = await this.#saver.read(blobId);
      if (!bytes) throw new Error('the data of this notebook is not available; load it first');
      return bytes;
    });
    const base = (doc.title || 'notebook').replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '');
    return { blob, fileName: `${base || 'notebook'}.hpinb` };
  }

  /** Import a notebook file: stored (when storage works) and opened. */
  async importFile(file: File): Promise<void> {
    const imported = await importNotebookFile(file);
    if ('error' in imported) {
      const text = `"${file.name}" could not be imported: ${imported.error}`;
      this.notice = { tone: 'critical', text };
      return;
    }
    const { document, files, repairs } = imported;
    await this.#saver.flush();
    const sources = files.map((f) => ({ blobId: f.blobId, bytes: f.bytes }));
    const stored = this.#repo ? await this.#repo.saveWithFiles(document, sources) : null;
    if (stored && !stored.ok) repairs.push(`Not stored in this browser: ${stored.error.message}`);
    await this.#show(document, repairs, 'Imported', files);
    // Not stored: the next save of this notebook tries again with its bytes.
    if (stored && !stored.ok) this.#saver.addFiles(document.id, sources);
    await this.refreshList();
  }
}
