/**
 * Source file bytes in chunks (written by blob-writer.ts): reading them back, deleting them,
 * and collecting the ones no notebook refers to. A chunk is a Blob, or an ArrayBuffer in
 * databases written before Blobs were stored; reading accepts both.
 */
import { corruptError, type PersistError } from './errors';
import { isRecord } from './restore-fields';
import type { HpiDb } from './schema';
import { chunkRange, commit, quiet } from './tx';

/** Fold chunk buffers into a Blob every so often so the browser may page them out to disk. */
const FOLD_EVERY = 8;

/** Deletes blobs (records and chunks) in one transaction. */
export async function removeBlobs(db: HpiDb, blobIds: Iterable<string>): Promise<void> {
  const tx = db.transaction(['blobs', 'sourceChunks'], 'readwrite');
  await commit(tx, () => {
    for (const id of blobIds) {
      quiet(tx.objectStore('blobs').delete(id));
      quiet(tx.objectStore('sourceChunks').delete(chunkRange(id)));
    }
  });
}

/** Byte length of a stored chunk's bytes; -1 when missing or of another type (damaged). */
function chunkLength(bytes: unknown): number {
  if (bytes instanceof Blob) return bytes.size;
  if (bytes instanceof ArrayBuffer) return bytes.byteLength;
  return -1;
}

/** Reassembles a stored blob, checking every chunk is there with the recorded size. */
export async function readBlob(db: HpiDb, blobId: string): Promise<Blob | PersistError> {
  const tx = db.transaction(['blobs', 'sourceChunks'], 'readonly');
  tx.done.catch(() => undefined); // a failed read rejects the `get` we await
  const rec = await tx.objectStore('blobs').get(blobId);
  if (!rec || rec.state !== 'complete') {
    return corruptError(
      'A data file of this notebook is not in storage (it was never fully saved).',
    );
  }
  const chunks = tx.objectStore('sourceChunks');
  let folded = new Blob([]);
  let parts: (Blob | ArrayBuffer)[] = [];
  let total = 0;
  for (let index = 0; index < rec.chunkCount; index++) {
    const chunk = await chunks.get([blobId, index]);
    const expected = index < rec.chunkCount - 1 ? rec.chunkSize : rec.size - total;
    const length = chunkLength(chunk?.bytes);
    if (!chunk || length !== expected) {
      return corruptError(
        `A stored data file is damaged (part ${index + 1} of ${rec.chunkCount} is missing or the wrong size).`,
      );
    }
    total += length;
    parts.push(chunk.bytes);
    if (parts.length >= FOLD_EVERY) {
      folded = new Blob([folded, ...parts]);
      parts = [];
    }
  }
  const blob = new Blob([folded, ...parts]);
  if (blob.size !== rec.size) {
    return corruptError(`A stored data file has ${blob.size} bytes instead of ${rec.size}.`);
  }
  return blob;
}

/** Blob ids a stored document refers to; defensive because stored values may be damaged. */
export function referencedBlobIds(doc: unknown): string[] {
  if (!isRecord(doc) || !isRecord(doc.source) || !Array.isArray(doc.source.files)) return [];
  return doc.source.files
    .map((f) => (isRecord(f) ? f.blobId : undefined))
    .filter((id): id is string => typeof id === 'string');
}

/**
 * Removes blobs no notebook refers to, and chunks without a blob record. Young unreferenced
 * blobs survive `graceMs`: their notebook's save (files first, then the document) may still be
 * in flight, in this tab or another.
 */
export async function collectGarbage(db: HpiDb, now: number, graceMs: number): Promise<number> {
  const tx = db.transaction(['notebooks', 'blobs', 'sourceChunks'], 'readwrite');
  let removed = 0;
  await commit(tx, async () => {
    const docs = await tx.objectStore('notebooks').getAll();
    const referenced = new Set(docs.flatMap(referencedBlobIds));
    const kept = new Set<string>();
    for (const rec of await tx.objectStore('blobs').getAll()) {
      if (referenced.has(rec.blobId) || now - rec.createdAt < graceMs) {
        kept.add(rec.blobId);
        continue;
      }
      quiet(tx.objectStore('blobs').delete(rec.blobId));
      quiet(tx.objectStore('sourceChunks').delete(chunkRange(rec.blobId)));
      removed++;
    }
    const orphans = new Set<string>();
    for (const [blobId] of await tx.objectStore('sourceChunks').getAllKeys()) {
      if (!kept.has(blobId)) orphans.add(blobId);
    }
    for (const id of orphans) quiet(tx.objectStore('sourceChunks').delete(chunkRange(id)));
  });
  return removed;
}
