/**
 * Writing source files' bytes. A dropped file is stored as Blob slices, never read into an
 * ArrayBuffer: IndexedDB copies a Blob's bytes away from the page's thread, while an ArrayBuffer
 * would be read into memory and cloned synchronously by `put`. What stays on the page's thread is
 * a fraction of a millisecond per put, so the writes are grouped to bound each task:
 * - small files go several per transaction, each record already 'complete' (a transaction
 *   commits all or nothing), at most MAX_PUTS puts per transaction;
 * - a file with more chunks than one transaction takes goes record 'writing' → chunks (16 Blob
 *   slices, or one ArrayBuffer chunk, per transaction) → 'complete', and removes what it wrote
 *   if a step fails; startup GC removes what a crash left behind.
 * ArrayBuffer sources (tests, older callers) are cloned by `put`: at most one chunk's worth of
 * them is copied per transaction.
 */
import { corruptError, PersistFailure } from './errors';
import { removeBlobs } from './blobs';
import type { SourceFile } from './notebook-store';
import type { BlobRecord, HpiDb } from './schema';
import { chunkRange, commit, quiet } from './tx';

/** Puts (records and chunks) per transaction of small files. */
const MAX_PUTS = 32;
/** Chunks of a Blob source per transaction: slices are handles, no bytes are copied here. */
const BLOB_CHUNKS_PER_TX = 16;

interface Planned {
  file: SourceFile;
  size: number;
  chunkCount: number;
}

const sizeOf = (bytes: Blob | ArrayBuffer) =>
  bytes instanceof ArrayBuffer ? bytes.byteLength : bytes.size;

/** Chunk `index` of a source: the Blob itself when it is one chunk, else a slice. */
function chunkOf(plan: Planned, index: number, chunkSize: number): Blob | ArrayBuffer {
  const { bytes } = plan.file;
  const start = index * chunkSize;
  const end = Math.min(plan.size, start + chunkSize);
  if (bytes instanceof ArrayBuffer) return bytes.slice(start, end);
  return start === 0 && end === plan.size ? bytes : bytes.slice(start, end);
}

const chunksPerTx = (bytes: Blob | ArrayBuffer) =>
  bytes instanceof ArrayBuffer ? 1 : BLOB_CHUNKS_PER_TX;

const reusedId = () =>
  new PersistFailure(
    corruptError('A data file id was reused for different data: nothing was stored.'),
  );

/**
 * Writes the files not stored yet and returns the ids it wrote (blobs already stored completely
 * are skipped); on failure removes every blob this call wrote, then rethrows.
 */
export async function writeSourceFiles(
  db: HpiDb,
  files: readonly SourceFile[],
  chunkSize: number,
  now: number,
): Promise<string[]> {
  const written: string[] = [];
  let batch: Planned[] = [];
  let puts = 0;
  let copied = 0;
  const flush = async () => {
    if (batch.length > 0) written.push(...(await writeBatch(db, batch, chunkSize, now)));
    batch = [];
    puts = 0;
    copied = 0;
  };
  const seen = new Map<string, number>();
  try {
    for (const file of files) {
      const size = sizeOf(file.bytes);
      // The same id twice in one call: a stored blob would be skipped the same way.
      if (seen.has(file.blobId)) {
        if (seen.get(file.blobId) === size) continue;
        throw reusedId();
      }
      seen.set(file.blobId, size);
      const plan = { file, size, chunkCount: Math.ceil(size / chunkSize) };
      if (plan.chunkCount > chunksPerTx(file.bytes)) {
        await flush();
        await writeLarge(db, plan, chunkSize, now, () => written.push(file.blobId));
        continue;
      }
      const copies = file.bytes instanceof ArrayBuffer ? size : 0;
      const full = puts + 1 + plan.chunkCount > MAX_PUTS || copied + copies > chunkSize;
      if (full) await flush();
      batch.push(plan);
      puts += 1 + plan.chunkCount;
      copied += copies;
    }
    await flush();
  } catch (e) {
    await removeBlobs(db, written).catch(() => undefined);
    throw e;
  }
  return written;
}

/** One transaction: each file's record ('complete') and chunks. Returns the ids written. */
async function writeBatch(
  db: HpiDb,
  plans: readonly Planned[],
  chunkSize: number,
  now: number,
): Promise<string[]> {
  const tx = db.transaction(['blobs', 'sourceChunks'], 'readwrite');
  const blobs = tx.objectStore('blobs');
  const chunks = tx.objectStore('sourceChunks');
  const fresh: string[] = [];
  await commit(tx, async () => {
    const existing = await Promise.all(plans.map((p) => blobs.get(p.file.blobId)));
    plans.forEach((plan, i) => {
      const { blobId } = plan.file;
      const old = existing[i];
      if (old?.state === 'complete') {
        // Overwriting would change (and on failure delete) data another notebook may refer to.
        if (old.size === plan.size) return;
        throw reusedId();
      }
      if (old) quiet(chunks.delete(chunkRange(blobId))); // left by an interrupted write
      quiet(blobs.put(recordOf(plan, chunkSize, now, 'complete')));
      for (let index = 0; index < plan.chunkCount; index++) {
        quiet(chunks.put({ blobId, index, bytes: chunkOf(plan, index, chunkSize) }));
      }
      fresh.push(blobId);
    });
  });
  return fresh;
}

/**
 * A file that needs several transactions, unless it is stored already. Calls `writing` before
 * its first write, so the caller's cleanup covers it.
 */
async function writeLarge(
  db: HpiDb,
  plan: Planned,
  chunkSize: number,
  now: number,
  writing: () => void,
): Promise<void> {
  const { blobId } = plan.file;
  const old = await db.get('blobs', blobId);
  if (old?.state === 'complete') {
    if (old.size === plan.size) return;
    throw reusedId();
  }
  writing();
  if (old) await removeBlobs(db, [blobId]); // left by an interrupted write
  const record = recordOf(plan, chunkSize, now, 'writing');
  await db.put('blobs', record);
  const perTx = chunksPerTx(plan.file.bytes);
  for (let first = 0; first < plan.chunkCount; first += perTx) {
    const tx = db.transaction(['sourceChunks'], 'readwrite');
    await commit(tx, () => {
      const last = Math.min(plan.chunkCount, first + perTx);
      for (let index = first; index < last; index++) {
        const bytes = chunkOf(plan, index, chunkSize);
        quiet(tx.objectStore('sourceChunks').put({ blobId, index, bytes }));
      }
    });
  }
  await db.put('blobs', { ...record, state: 'complete' });
}

function recordOf(
  plan: Planned,
  chunkSize: number,
  now: number,
  state: BlobRecord['state'],
): BlobRecord {
  const { blobId } = plan.file;
  return { blobId, size: plan.size, chunkCount: plan.chunkCount, chunkSize, state, createdAt: now };
}
