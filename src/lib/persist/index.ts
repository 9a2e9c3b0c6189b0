/**
 * lib/persist: notebooks kept in the browser (IndexedDB through `idb`) and shared as files.
 *
 * What is stored (database `hpi`, see schema.ts): `notebooks` holds NotebookDocuments (cell
 * specs, never outputs); `blobs` one record per stored data file (size, chunk count, state);
 * `sourceChunks` that file's bytes as Blobs (≤ 8 MiB slices) keyed [blobId, index]; `settings`
 * key-value app settings; `meta` bookkeeping. The database version is the number of upgrade
 * steps in DB_MIGRATIONS; each runs inside the upgrade transaction, so a failing step changes
 * nothing.
 *
 * Why Blob chunks: a dropped file may be a gigabyte. Its Blob slices are handles: IndexedDB
 * copies their bytes away from the page's thread, where ArrayBuffers would be read into memory
 * and cloned synchronously by `put` (blob-writer.ts bounds the puts per transaction). Reading
 * reassembles a Blob and checks every chunk's size.
 *
 * How a save is atomic: bytes first (putSourceFiles; a failed write removes its own chunks),
 * then the document in one readwrite transaction. IDB transactions commit all or nothing, so a
 * failed document save leaves the previous version and its blobs untouched. Blobs no notebook
 * refers to are deleted with their last notebook, and by a startup GC that spares young ones
 * (a save may be between its two steps, in this tab or another).
 *
 * How faults surface: every call returns Result<T>; failures are PersistError values with a
 * `code` and a sentence for the user (errors.ts). Storage missing → 'unavailable' and the app
 * runs without saving. A newer tab upgrading the schema closes our connection → 'version-change'.
 * Stored or imported JSON always passes restore(), which repairs what it can and says so.
 */
export * from './errors';
export { openHpiDb, type OpenOptions } from './database';
export {
  DB_MIGRATIONS,
  DB_NAME,
  DEFAULT_CHUNK_SIZE,
  type HpiSchema,
  type Migration,
} from './schema';
export { restore, NEWER_SCHEMA_MESSAGE, type RestoreOptions, type RestoreResult } from './restore';
export { DOC_MIGRATIONS, type DocMigration, type DocMigrations } from './doc-migrations';
export {
  openRepository,
  type Loaded,
  type NotebookListing,
  type NotebookRepository,
  type RepositoryOptions,
  type SourceFile,
} from './repository';
export {
  createAutosave,
  type Autosave,
  type AutosaveOptions,
  type AutosaveState,
  type Timers,
} from './autosave';
export {
  exportNotebookFile,
  importNotebookFile,
  NOTEBOOK_FILE_FORMAT,
  NOTEBOOK_FILE_VERSION,
  type ImportedFile,
  type ImportResult,
} from './codec';
export {
  storageEstimate,
  requestPersistence,
  type PersistenceState,
  type StorageEstimateResult,
} from './storage';
export { newId } from './ids';
