/**
 * The notebook repository: plain async functions over the `hpi` database, each returning a
 * Result. Source bytes are written before the document that refers to them; a document save is
 * one transaction, so a failed save leaves the previous version intact; blobs no notebook refers
 * to are collected on delete and on startup.
 */
import type { NotebookDocument } from '../model';
import { collectGarbage, readBlob, removeBlobs } from './blobs';
import { openHpiDb, type OpenOptions } from './database';
import {
  classify,
  corruptError,
  fail,
  newerSchemaError,
  ok,
  PersistFailure,
  terminatedError,
  versionChangeError,
  type Operation,
  type PersistError,
  type Result,
} from './errors';
import { newId } from './ids';
import * as store from './notebook-store';
import type { NotebookListing, SourceFile } from './notebook-store';
import { NEWER_SCHEMA_MESSAGE, restore } from './restore';
import { DEFAULT_CHUNK_SIZE, type HpiDb } from './schema';

export type { NotebookListing, SourceFile };

export interface RepositoryOptions extends OpenOptions {
  chunkSize?: number;
  now?: () => number;
  /** Unreferenced blobs younger than this survive startup GC (their save may be in flight). */
  gcGraceMs?: number;
  /** Connection lost after opening (another tab upgraded, storage cleared). */
  onConnectionLost?: (error: PersistError) => void;
}

export type Loaded = { document: NotebookDocument; repairs: string[] };

export interface NotebookRepository {
  listNotebooks(): Promise<Result<NotebookListing[]>>;
  /** The document after restore() and what restore repaired; null when no notebook has this id. */
  loadNotebook(id: string): Promise<Result<Loaded | null>>;
  saveNotebook(doc: NotebookDocument): Promise<Result<{ savedAt: number }>>;
  /** Stores files' bytes (skipping ones already stored); on failure removes what it wrote. */
  putSourceFiles(files: SourceFile[], notebookId?: string): Promise<Result<void>>;
  /**
   * The usual save of a notebook with new data: its files' bytes first, then the document. If
   * the document save fails, the blobs this call wrote are removed again.
   */
  saveWithFiles(doc: NotebookDocument, files: SourceFile[]): Promise<Result<{ savedAt: number }>>;
  readSourceFile(blobId: string): Promise<Result<Blob>>;
  renameNotebook(id: string, title: string): Promise<Result<NotebookDocument | null>>;
  /** A copy with a new id that shares the original's stored files. */
  duplicateNotebook(id: string, title?: string): Promise<Result<NotebookDocument | null>>;
  deleteNotebook(id: string): Promise<Result<void>>;
  getSettings(key: string): Promise<Result<unknown>>;
  putSettings(key: string, value: unknown): Promise<Result<void>>;
  collectGarbage(): Promise<Result<number>>;
  close(): void;
}

/** A stored document restore() refused: damaged, or saved by a newer app. */
function refused(message: string): PersistFailure {
  return new PersistFailure(
    message.includes(NEWER_SCHEMA_MESSAGE) ? newerSchemaError(message) : corruptError(message),
  );
}

/** Opens the database, runs startup GC, and returns the repository (or why storage is off). */
export async function openRepository(
  options: RepositoryOptions = {},
): Promise<Result<NotebookRepository>> {
  const now = options.now ?? Date.now;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  let lost: PersistError | null = null;
  const loseConnection = (error: PersistError) => {
    lost = error;
    options.onConnectionLost?.(error);
  };
  const opened = await openHpiDb({
    ...options,
    onVersionChange: () => {
      options.onVersionChange?.();
      loseConnection(versionChangeError());
    },
    onTerminated: () => {
      options.onTerminated?.();
      loseConnection(terminatedError());
    },
  });
  if (!opened.ok) return opened;
  const db: HpiDb = opened.value;

  /** Runs one operation; `previous` finds the saved version's time for the failure message. */
  async function run<T>(
    op: Operation,
    body: () => Promise<T>,
    previousId?: string,
  ): Promise<Result<T>> {
    if (lost) return fail(lost);
    try {
      return ok(await body());
    } catch (e) {
      if (lost) return fail(lost);
      if (e instanceof PersistFailure) return fail(e.error);
      const previous =
        previousId === undefined
          ? null
          : await db
              .get('notebooks', previousId)
              .then((d) => d?.updatedAt ?? null)
              .catch(() => null);
      return fail(classify(e, op, previous));
    }
  }

  async function load(id: string): Promise<Loaded | null> {
    const raw = await db.get('notebooks', id);
    if (raw === undefined) return null;
    const restored = restore(raw, { now });
    if ('error' in restored) throw refused(restored.error);
    return restored;
  }

  const storeFiles = (files: SourceFile[], notebookId?: string) =>
    run('store-files', () => store.putSourceFiles(db, files, chunkSize, now()), notebookId);

  /** Read, change, write back: for rename and duplicate. */
  async function derive(id: string, change: (doc: NotebookDocument) => NotebookDocument) {
    const loaded = await load(id);
    if (!loaded) return null;
    const next = change(loaded.document);
    await store.putDocument(db, next, now());
    return next;
  }

  const repo: NotebookRepository = {
    listNotebooks: () => run('load', () => store.listNotebooks(db)),
    loadNotebook: (id) => run('load', () => load(id)),
    saveNotebook: (doc) =>
      run(
        'save',
        async () => {
          // A JSON copy: Svelte state proxies and stray class instances cannot be structured-cloned.
          const plain = JSON.parse(JSON.stringify(doc)) as NotebookDocument;
          await store.putDocument(db, plain, now());
          return { savedAt: now() };
        },
        typeof doc?.id === 'string' ? doc.id : undefined,
      ),
    putSourceFiles: async (files, notebookId) => {
      const r = await storeFiles(files, notebookId);
      return r.ok ? ok(undefined) : r;
    },
    saveWithFiles: async (doc, files) => {
      const stored = await storeFiles(files, doc.id);
      if (!stored.ok) return stored;
      const saved = await repo.saveNotebook(doc);
      if (!saved.ok) await removeBlobs(db, stored.value).catch(() => undefined);
      return saved;
    },
    readSourceFile: async (blobId) => {
      const r = await run('read', () => readBlob(db, blobId));
      if (!r.ok) return r;
      return r.value instanceof Blob ? ok(r.value) : fail(r.value);
    },
    renameNotebook: (id, title) =>
      run('save', () => derive(id, (doc) => ({ ...doc, title, updatedAt: now() })), id),
    duplicateNotebook: (id, title) =>
      run('save', () =>
        derive(id, (doc) => ({
          ...doc,
          id: newId('nb-'),
          title: title ?? `${doc.title} (copy)`,
          createdAt: now(),
          updatedAt: now(),
        })),
      ),
    deleteNotebook: (id) => run('delete', () => store.deleteNotebook(db, id)),
    getSettings: (key) => run('load', () => db.get('settings', key)),
    putSettings: (key, value) =>
      run('settings', async () => {
        await db.put('settings', value, key);
      }),
    collectGarbage: () =>
      run('delete', () => collectGarbage(db, now(), options.gcGraceMs ?? 10 * 60_000)),
    close: () => {
      lost = lost ?? terminatedError('closed by the app');
      db.close();
    },
  };

  // Startup GC: a failure here is no reason to refuse storage; the next start retries.
  await repo.collectGarbage();
  return ok(repo);
}
