/**
 * The notebook operations that touch several stores, each in one transaction: a save, a
 * listing, a delete with its blobs. The repository wraps them in Results.
 */
import type { NotebookDocument } from '../model';
import { writeSourceFiles } from './blob-writer';
import { referencedBlobIds } from './blobs';
import type { HpiDb } from './schema';
import { chunkRange, commit, quiet } from './tx';

export interface NotebookListing {
  id: string;
  title: string;
  updatedAt: number;
  cellCount: number;
  /** The data's label (folder or file name, example name, URL), or null without data. */
  sourceLabel: string | null;
  /** Bytes of source data stored for this notebook (shared blobs count in each notebook). */
  bytes: number;
}

export interface SourceFile {
  blobId: string;
  bytes: Blob | ArrayBuffer;
}

function sourceLabel(doc: NotebookDocument): string | null {
  const s = doc.source;
  if (s?.kind === 'files') return s.label;
  if (s?.kind === 'example') return s.name;
  if (s?.kind === 'url') return s.url;
  return null;
}

export async function listNotebooks(db: HpiDb): Promise<NotebookListing[]> {
  const tx = db.transaction(['notebooks', 'blobs'], 'readonly');
  tx.done.catch(() => undefined);
  const docs = await tx.objectStore('notebooks').getAll();
  const blobs = await tx.objectStore('blobs').getAll();
  const sizes = new Map(blobs.map((b) => [b.blobId, b.size]));
  // Stored values are read defensively: a damaged one still gets a row (and restore() on open).
  return docs
    .map((doc) => ({
      id: String(doc.id),
      title: typeof doc.title === 'string' ? doc.title : 'Untitled notebook',
      updatedAt: Number(doc.updatedAt) || 0,
      cellCount: Array.isArray(doc.cells) ? doc.cells.length : 0,
      sourceLabel: sourceLabel(doc),
      bytes: referencedBlobIds(doc).reduce((sum, id) => sum + (sizes.get(id) ?? 0), 0),
    }))
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

/** The whole save is one transaction: the document and the meta stamp commit together. */
export async function putDocument(db: HpiDb, doc: NotebookDocument, now: number): Promise<void> {
  const tx = db.transaction(['notebooks', 'meta'], 'readwrite');
  await commit(tx, () => {
    quiet(tx.objectStore('notebooks').put(doc));
    quiet(tx.objectStore('meta').put(now, 'lastSavedAt'));
  });
}

/** Deletes a notebook and the blobs only it used, together or not at all. */
export async function deleteNotebook(db: HpiDb, id: string): Promise<void> {
  const tx = db.transaction(['notebooks', 'blobs', 'sourceChunks'], 'readwrite');
  await commit(tx, async () => {
    const notebooks = tx.objectStore('notebooks');
    const doc = await notebooks.get(id);
    if (doc === undefined) return;
    quiet(notebooks.delete(id));
    const candidates = new Set(referencedBlobIds(doc));
    for (const other of await notebooks.getAll()) {
      for (const blobId of referencedBlobIds(other)) candidates.delete(blobId);
    }
    for (const blobId of candidates) {
      quiet(tx.objectStore('blobs').delete(blobId));
      quiet(tx.objectStore('sourceChunks').delete(chunkRange(blobId)));
    }
  });
}

/**
 * Writes the blobs not stored yet and returns the ids it wrote (blobs already stored completely
 * are skipped); on failure removes every blob this call wrote. See blob-writer.ts.
 */
export function putSourceFiles(
  db: HpiDb,
  files: SourceFile[],
  chunkSize: number,
  now: number,
): Promise<string[]> {
  return writeSourceFiles(db, files, chunkSize, now);
}
