import { describe, expect, it } from 'vitest';
import { blobBytes, bytesOf, filesFor, freshFactory, openRepo, sampleDoc, unwrap } from './helpers';
import { requestPersistence, storageEstimate } from '../../../src/lib/persist';

describe('notebook repository', () => {
  it('saves, lists and loads a notebook with its source bytes in chunks', async () => {
    const factory = freshFactory();
    const repo = await openRepo(factory);
    const doc = sampleDoc('n1');
    unwrap(await repo.putSourceFiles(filesFor(doc)));
    unwrap(await repo.saveNotebook(doc));

    const loaded = unwrap(await repo.loadNotebook('n1'));
    expect(loaded).toEqual({ document: doc, repairs: [] });
    // 300 bytes at chunkSize 100 → 3 chunks; reassembled exactly.
    expect(await blobBytes(unwrap(await repo.readSourceFile('n1-b1')))).toEqual(bytesOf(300, 0));
    expect(await blobBytes(unwrap(await repo.readSourceFile('n1-b2')))).toEqual(bytesOf(256, 1));

    const list = unwrap(await repo.listNotebooks());
    expect(list).toEqual([
      {
        id: 'n1',
        title: 'Notebook n1',
        updatedAt: doc.updatedAt,
        cellCount: 4,
        sourceLabel: 'sweep',
        bytes: 556,
      },
    ]);
    expect(unwrap(await repo.loadNotebook('missing'))).toBeNull();
    repo.close();
  });

  it('keeps data across connections and lists newest first', async () => {
    const factory = freshFactory();
    const repo = await openRepo(factory);
    unwrap(await repo.saveNotebook(sampleDoc('old', { updatedAt: 1, source: null })));
    unwrap(
      await repo.saveNotebook(
        sampleDoc('new', { updatedAt: 2, source: { kind: 'example', name: 'mnist' } }),
      ),
    );
    repo.close();
    const again = await openRepo(factory);
    const list = unwrap(await again.listNotebooks());
    expect(list.map((n) => [n.id, n.sourceLabel, n.bytes])).toEqual([
      ['new', 'mnist', 0],
      ['old', null, 0],
    ]);
    again.close();
  });

  it('renames and duplicates; a duplicate shares blobs and GC respects the sharing', async () => {
    const repo = await openRepo(freshFactory(), { now: () => 5_000 });
    const doc = sampleDoc('n1');
    unwrap(await repo.putSourceFiles(filesFor(doc)));
    unwrap(await repo.saveNotebook(doc));

    const renamed = unwrap(await repo.renameNotebook('n1', 'Sweep 42'));
    expect(renamed?.title).toBe('Sweep 42');
    expect(renamed?.updatedAt).toBe(5_000);
    const copy = unwrap(await repo.duplicateNotebook('n1'));
    expect(copy?.id).not.toBe('n1');
    expect(copy?.title).toBe('Sweep 42 (copy)');
    expect(copy?.source).toEqual(doc.source);

    unwrap(await repo.deleteNotebook('n1'));
    expect(unwrap(await repo.loadNotebook('n1'))).toBeNull();
    // The copy still refers to the blobs: they must survive the delete and a GC.
    unwrap(await repo.collectGarbage());
    expect(await blobBytes(unwrap(await repo.readSourceFile('n1-b1')))).toEqual(bytesOf(300, 0));

    unwrap(await repo.deleteNotebook(copy!.id));
    const gone = await repo.readSourceFile('n1-b1');
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.code).toBe('corrupt');
    expect(unwrap(await repo.listNotebooks())).toEqual([]);
    expect(unwrap(await repo.renameNotebook('nope', 'x'))).toBeNull();
    repo.close();
  });

  it('startup GC removes old unreferenced blobs and orphan chunks but spares young ones', async () => {
    const factory = freshFactory();
    let clock = 1_000_000;
    const repo = await openRepo(factory, { now: () => clock, gcGraceMs: 1000 });
    unwrap(await repo.putSourceFiles([{ blobId: 'stale', bytes: bytesOf(250).buffer }]));
    clock += 5000;
    unwrap(await repo.putSourceFiles([{ blobId: 'young', bytes: bytesOf(10).buffer }]));
    repo.close();

    // An orphan chunk without a blob record, as a crash mid-write could leave.
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const r = factory.open('hpi');
      r.onsuccess = () => resolve(r.result);
    });
    await new Promise<void>((resolve) => {
      const tx = raw.transaction('sourceChunks', 'readwrite');
      tx.objectStore('sourceChunks').put({ blobId: 'orphan', index: 0, bytes: new ArrayBuffer(4) });
      tx.oncomplete = () => resolve();
    });
    raw.close();

    const again = await openRepo(factory, { now: () => clock, gcGraceMs: 1000 });
    expect((await again.readSourceFile('stale')).ok).toBe(false);
    expect((await again.readSourceFile('young')).ok).toBe(true);
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const r = factory.open('hpi');
      r.onsuccess = () => {
        const req = r.result.transaction('sourceChunks').objectStore('sourceChunks').getAllKeys();
        req.onsuccess = () => {
          resolve(req.result);
          r.result.close();
        };
      };
    });
    expect(keys).toEqual([['young', 0]]);
    again.close();
  });

  it('does not rewrite a blob that is already stored', async () => {
    const repo = await openRepo(freshFactory());
    unwrap(await repo.putSourceFiles([{ blobId: 'b', bytes: new Blob([bytesOf(150)]) }]));
    // Same id and size: skipped (the bytes given here are never read).
    unwrap(await repo.putSourceFiles([{ blobId: 'b', bytes: new Blob([bytesOf(150, 7)]) }]));
    expect(await blobBytes(unwrap(await repo.readSourceFile('b')))).toEqual(bytesOf(150));
    repo.close();
  });

  it('stores an empty file and settings', async () => {
    const repo = await openRepo(freshFactory());
    unwrap(await repo.putSourceFiles([{ blobId: 'empty', bytes: new ArrayBuffer(0) }]));
    expect(unwrap(await repo.readSourceFile('empty')).size).toBe(0);
    expect(unwrap(await repo.getSettings('detectors'))).toBeUndefined();
    unwrap(await repo.putSettings('detectors', { overfitting: { lossRatio: 2 } }));
    expect(unwrap(await repo.getSettings('detectors'))).toEqual({ overfitting: { lossRatio: 2 } });
    repo.close();
  });

  it('saves a plain copy of a document that holds a proxy (Svelte state)', async () => {
    const repo = await openRepo(freshFactory());
    const doc = new Proxy(sampleDoc('p', { source: null }), {});
    unwrap(await repo.saveNotebook(doc));
    expect(unwrap(await repo.loadNotebook('p'))?.document).toEqual(
      sampleDoc('p', { source: null }),
    );
    repo.close();
  });
});

describe('storage manager helpers', () => {
  it('reports an estimate and persistence, or unsupported/null without the API', async () => {
    const storage = {
      estimate: async () => ({ usage: 10, quota: 100 }),
      persisted: async () => false,
      persist: async () => true,
    };
    expect(await storageEstimate({ storage })).toEqual({ usage: 10, quota: 100 });
    expect(await requestPersistence({ storage })).toBe('granted');
    expect(await requestPersistence({ storage: { ...storage, persist: async () => false } })).toBe(
      'denied',
    );
    expect(
      await requestPersistence({
        storage: { ...storage, persisted: async () => true, persist: async () => false },
      }),
    ).toBe('granted');
    expect(await storageEstimate({})).toBeNull();
    expect(await storageEstimate(undefined)).toBeNull();
    expect(await requestPersistence({})).toBe('unsupported');
    expect(
      await storageEstimate({ storage: { estimate: async () => Promise.reject(new Error('x')) } }),
    ).toBeNull();
  });
});
