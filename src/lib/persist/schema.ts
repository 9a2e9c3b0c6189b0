/**
 * The `hpi` database: store layout and the upgrade steps. `DB_MIGRATIONS[i]` takes the database
 * from version i to i + 1 and runs inside the browser's upgrade transaction, so a step that
 * throws aborts the whole upgrade and leaves the old database as it was. Append steps; never
 * edit a released one.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { NotebookDocument } from '../model';

export const DB_NAME = 'hpi';

/** Status of a stored source file: `writing` until its last chunk is in. */
export interface BlobRecord {
  blobId: string;
  size: number;
  chunkCount: number;
  /** Byte length of every chunk but the last (the last holds the remainder). */
  chunkSize: number;
  state: 'writing' | 'complete';
  /** Milliseconds since the epoch; startup GC spares young unreferenced blobs (a save may be in flight). */
  createdAt: number;
}

export interface ChunkRecord {
  blobId: string;
  index: number;
  /** A Blob (IndexedDB copies its bytes off the page's thread); ArrayBuffer in older databases. */
  bytes: Blob | ArrayBuffer;
}

export type SettingsValue = unknown;

export interface HpiSchema extends DBSchema {
  notebooks: { key: string; value: NotebookDocument };
  sourceChunks: { key: [string, number]; value: ChunkRecord };
  blobs: { key: string; value: BlobRecord };
  settings: { key: string; value: SettingsValue };
  meta: { key: string; value: unknown };
}

export type HpiDb = IDBPDatabase<HpiSchema>;
export type UpgradeTx = IDBPTransaction<HpiSchema, StoreNames<HpiSchema>[], 'versionchange'>;
/** One upgrade step. `tx` is the upgrade transaction: read and rewrite records through it. */
export type Migration = (db: HpiDb, tx: UpgradeTx) => void | Promise<void>;

/** v0 → v1: the initial layout. */
function v1(db: HpiDb): void {
  db.createObjectStore('notebooks', { keyPath: 'id' });
  // Key [blobId, index]: one blob's chunks sit together, in order, and a key range deletes them.
  db.createObjectStore('sourceChunks', { keyPath: ['blobId', 'index'] });
  db.createObjectStore('blobs', { keyPath: 'blobId' });
  db.createObjectStore('settings');
  db.createObjectStore('meta');
}

export const DB_MIGRATIONS: readonly Migration[] = [v1];

/** 8 MiB: large enough for few transactions, small enough that a 1 GB file is never one buffer. */
export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
