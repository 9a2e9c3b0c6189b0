/**
 * How source bytes are written: Blob chunks (IndexedDB copies them off the page's thread), a
 * bounded number of puts per transaction, and databases written with ArrayBuffer chunks still
 * readable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { blobBytes, bytesOf, freshFactory, openRepo, unwrap } from './helpers';

const originalPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
});

/** Counts puts per transaction, and the ArrayBuffer bytes each clones; returns a live view. */
function watchPuts(): () => { puts: number; copied: number }[] {
  const perTx = new Map<IDBTransaction, { puts: number; copied: number }>();
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
    const entry = perTx.get(this.transaction) ?? { puts: 0, copied: 0 };
    perTx.set(this.transaction, entry);
    entry.puts++;
    const bytes = (args[0] as { bytes?: unknown } | null)?.bytes;
    if (bytes instanceof ArrayBuffer) entry.copied += bytes.byteLength;
    return originalPut.apply(this, args);
  } as typeof originalPut;
  return () => [...perTx.values()];
}

async function rawDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve) => {
    const r = factory.open('hpi');
    r.onsuccess = () => resolve(r.result);
  });
}

async function storedChunks(factory: IDBFactory): Promise<{ blobId: string; bytes: unknown }[]> {
  const db = await rawDb(factory);
  const all = await new Promise<{ blobId: string; bytes: unknown }[]>((resolve) => {
    const req = db.transaction('sourceChunks').objectStore('sourceChunks').getAll();
    req.onsuccess = () => resolve(req.result as { blobId: string; bytes: unknown }[]);
  });
  db.close();
  return all;
}

async function putRaw(factory: IDBFactory, store: string, values: unknown[]): Promise<void> {
  const db = await rawDb(factory);
  await new Promise<void>((resolve) => {
    const tx = db.transaction(store, 'readwrite');
    for (const v of values) tx.objectStore(store).put(v);
    tx.oncomplete = () => resolve();
  });
  db.close();
}

describe('writing source bytes', () => {
  it('stores a dropped file as Blob chunks, never as ArrayBuffers, and reads it back exactly', async () => {
    const factory = freshFactory();
    const repo = await openRepo(factory);
    const small = new File([bytesOf(80, 1)], 'small.csv');
    const big = new File([bytesOf(2050, 2)], 'events.out.tfevents');
    unwrap(
      await repo.putSourceFiles([
        { blobId: 'small', bytes: small },
        { blobId: 'big', bytes: big },
      ]),
    );
    const chunks = await storedChunks(factory);
    expect(chunks.length).toBe(1 + 21);
    expect(chunks.every((c) => c.bytes instanceof Blob)).toBe(true);
    expect(await blobBytes(unwrap(await repo.readSourceFile('small')))).toEqual(bytesOf(80, 1));
    expect(await blobBytes(unwrap(await repo.readSourceFile('big')))).toEqual(bytesOf(2050, 2));
    repo.close();
  });

  it('writes many small files several per transaction, at most 32 puts in each', async () => {
    const repo = await openRepo(freshFactory());
    const files = Array.from({ length: 40 }, (_, i) => ({
      blobId: `f${i}`,
      bytes: new Blob([bytesOf(150, i)]), // a record + 2 chunks each
    }));
    const perTx = watchPuts();
    unwrap(await repo.putSourceFiles(files));
    const counts = perTx().map((t) => t.puts);
    expect(Math.max(...counts)).toBeLessThanOrEqual(32);
    expect(counts.length).toBe(Math.ceil(40 / 10)); // 10 files (30 puts) per transaction
    IDBObjectStore.prototype.put = originalPut;
    for (const [i, f] of files.entries()) {
      expect(await blobBytes(unwrap(await repo.readSourceFile(f.blobId)))).toEqual(bytesOf(150, i));
    }
    repo.close();
  });

  it('a large Blob goes record → 16 chunks per transaction → complete', async () => {
    const repo = await openRepo(freshFactory());
    const perTx = watchPuts();
    unwrap(await repo.putSourceFiles([{ blobId: 'large', bytes: new Blob([bytesOf(3300)]) }]));
    // 33 chunks: the 'writing' record, 16 + 16 + 1 chunks, the 'complete' record.
    expect(perTx().map((t) => t.puts)).toEqual([1, 16, 16, 1, 1]);
    IDBObjectStore.prototype.put = originalPut;
    expect(await blobBytes(unwrap(await repo.readSourceFile('large')))).toEqual(bytesOf(3300));
    repo.close();
  });

  it('clones at most one chunk of ArrayBuffer sources per transaction', async () => {
    const repo = await openRepo(freshFactory());
    const perTx = watchPuts();
    const files = [60, 30, 90, 250].map((size, i) => ({
      blobId: `a${i}`,
      bytes: bytesOf(size, i).buffer,
    }));
    unwrap(await repo.putSourceFiles(files));
    const copied = perTx().map((t) => t.copied);
    expect(Math.max(...copied)).toBeLessThanOrEqual(100);
    // 60 + 30 share one; 90 alone; 250 in three chunk transactions (records hold no bytes).
    expect(copied).toEqual([90, 90, 0, 100, 100, 50, 0]);
    IDBObjectStore.prototype.put = originalPut;
    for (const [i, f] of files.entries()) {
      const size = f.bytes.byteLength;
      expect(await blobBytes(unwrap(await repo.readSourceFile(f.blobId)))).toEqual(
        bytesOf(size, i),
      );
    }
    repo.close();
  });

  it('rewrites a blob an interrupted write left half-written, dropping its stale chunks', async () => {
    const factory = freshFactory();
    const repo = await openRepo(factory, { gcGraceMs: Number.MAX_SAFE_INTEGER });
    const record = { size: 400, chunkCount: 4, chunkSize: 100, state: 'writing', createdAt: 1 };
    await putRaw(factory, 'blobs', [
      { blobId: 'small', ...record },
      { blobId: 'big', ...record },
    ]);
    await putRaw(
      factory,
      'sourceChunks',
      [0, 1, 2, 3].flatMap((index) => [
        { blobId: 'small', index, bytes: new ArrayBuffer(100) },
        { blobId: 'big', index, bytes: new ArrayBuffer(100) },
      ]),
    );
    unwrap(
      await repo.putSourceFiles([
        { blobId: 'small', bytes: new Blob([bytesOf(150, 1)]) },
        { blobId: 'big', bytes: new Blob([bytesOf(1750, 2)]) },
      ]),
    );
    expect(await blobBytes(unwrap(await repo.readSourceFile('small')))).toEqual(bytesOf(150, 1));
    expect(await blobBytes(unwrap(await repo.readSourceFile('big')))).toEqual(bytesOf(1750, 2));
    const chunks = await storedChunks(factory);
    expect(chunks.filter((c) => c.blobId === 'small').length).toBe(2);
    expect(chunks.filter((c) => c.blobId === 'big').length).toBe(18);
    repo.close();
  });

  it('treats the same id twice in one call like a stored blob: skipped, or refused if it differs', async () => {
    const factory = freshFactory();
    const repo = await openRepo(factory);
    const twice = [
      { blobId: 'a', bytes: new Blob([bytesOf(150, 1)]) },
      { blobId: 'a', bytes: new Blob([bytesOf(150, 2)]) },
    ];
    unwrap(await repo.putSourceFiles(twice));
    expect(await blobBytes(unwrap(await repo.readSourceFile('a')))).toEqual(bytesOf(150, 1));
    const differing = [
      { blobId: 'b', bytes: new Blob([bytesOf(150)]) },
      { blobId: 'b', bytes: new Blob([bytesOf(20)]) },
    ];
    const r = await repo.putSourceFiles(differing);
    expect(r.ok ? 'stored' : r.error.code).toBe('corrupt');
    expect((await storedChunks(factory)).map((c) => c.blobId)).toEqual(['a', 'a']);
    repo.close();
  });

  it('reads files a previous version stored as ArrayBuffer chunks, and flags a damaged chunk', async () => {
    const factory = freshFactory();
    const repo = await openRepo(factory);
    const bytes = bytesOf(250, 5);
    const record = { size: 250, chunkCount: 3, chunkSize: 100, state: 'complete', createdAt: 1 };
    await putRaw(factory, 'blobs', [
      { blobId: 'old', ...record },
      { blobId: 'bent', ...record },
    ]);
    await putRaw(factory, 'sourceChunks', [
      ...[0, 1, 2].map((index) => ({
        blobId: 'old',
        index,
        bytes: bytes.slice(index * 100, index * 100 + 100).buffer,
      })),
      { blobId: 'bent', index: 0, bytes: new Blob([bytes.slice(0, 100)]) },
      { blobId: 'bent', index: 1, bytes: 'not bytes' },
      { blobId: 'bent', index: 2, bytes: new Blob([bytes.slice(200)]) },
    ]);
    expect(await blobBytes(unwrap(await repo.readSourceFile('old')))).toEqual(bytes);
    const bent = await repo.readSourceFile('bent');
    expect(bent.ok ? 'read' : bent.error.message).toContain(
      'part 2 of 3 is missing or the wrong size',
    );
    repo.close();
  });
});
