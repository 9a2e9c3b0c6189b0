/**
 * Fault injection: each storage failure must surface as a typed PersistError with a clear
 * message, and the previously saved notebook and its bytes must come back exactly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { forceCloseDatabase } from 'fake-indexeddb';
import {
  clockTime,
  DB_MIGRATIONS,
  openRepository,
  type NotebookRepository,
  type PersistError,
} from '../../../src/lib/persist';
import type { NotebookDocument } from '../../../src/lib/model';
import { blobBytes, bytesOf, filesFor, freshFactory, openRepo, sampleDoc, unwrap } from './helpers';

const originalPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
});

/**
 * Makes the Nth `put` from now on throw QuotaExceededError, like a full disk; with `store`, the
 * Nth put into that store.
 */
function quotaOnPut(n: number, store?: string): void {
  let calls = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
    if ((store === undefined || this.name === store) && ++calls === n)
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return originalPut.apply(this, args);
  } as typeof originalPut;
}

/** Makes the Nth `put` abort its transaction after issuing the request. */
function abortOnPut(n: number): void {
  let calls = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
    const request = originalPut.apply(this, args);
    if (++calls === n) this.transaction.abort();
    return request;
  } as typeof originalPut;
}

function expectError<T>(
  r: { ok: true; value: T } | { ok: false; error: PersistError },
  code: string,
): PersistError {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  expect(r.error.code).toBe(code);
  return r.error;
}

/** Stores the v1 notebook with its files; returns the repo and the document. */
async function savedV1(factory = freshFactory()) {
  const repo = await openRepo(factory);
  const doc = sampleDoc('n1');
  unwrap(await repo.putSourceFiles(filesFor(doc)));
  unwrap(await repo.saveNotebook(doc));
  return { repo, doc, factory };
}

async function expectIntact(repo: NotebookRepository, doc: NotebookDocument) {
  expect(unwrap(await repo.loadNotebook(doc.id))).toEqual({ document: doc, repairs: [] });
  expect(await blobBytes(unwrap(await repo.readSourceFile('n1-b1')))).toEqual(bytesOf(300, 0));
  expect(await blobBytes(unwrap(await repo.readSourceFile('n1-b2')))).toEqual(bytesOf(256, 1));
}

function v2Of(doc: NotebookDocument): NotebookDocument {
  return {
    ...doc,
    title: 'changed',
    updatedAt: doc.updatedAt + 60_000,
    cells: doc.cells.slice(1),
    source: {
      kind: 'files',
      label: 'sweep',
      files: [
        ...(doc.source?.kind === 'files' ? doc.source.files : []),
        { path: 'sweep/big.csv', size: 1000, lastModified: 3, blobId: 'n1-b3' },
        { path: 'sweep/more.csv', size: 500, lastModified: 3, blobId: 'n1-b4' },
      ],
    },
  };
}

async function chunkKeys(factory: IDBFactory): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve) => {
    const r = factory.open('hpi');
    r.onsuccess = () => resolve(r.result);
  });
  const read = (store: string) =>
    new Promise<IDBValidKey[]>((resolve) => {
      const req = db.transaction(store).objectStore(store).getAllKeys();
      req.onsuccess = () => resolve(req.result);
    });
  const keys = [...(await read('sourceChunks')), ...(await read('blobs'))].map((k) =>
    Array.isArray(k) ? String(k[0]) : String(k),
  );
  db.close();
  return [...new Set(keys)].sort();
}

describe('quota exceeded', () => {
  it('on the document put: the previous version is kept and the message says so', async () => {
    const { repo, doc } = await savedV1();
    quotaOnPut(1);
    const error = expectError(await repo.saveNotebook(v2Of(doc)), 'quota');
    expect(error.message).toBe(
      `The browser's storage is full: the notebook was not saved; the previous saved version ` +
        `(${clockTime(doc.updatedAt)}) is kept. Free space (delete old notebooks) or export the notebook to a file.`,
    );
    expect(error.code === 'quota' && error.previousSavedAt).toBe(doc.updatedAt);
    IDBObjectStore.prototype.put = originalPut;
    await expectIntact(repo, doc);
  });

  it('on the second put of the save transaction: nothing of the save commits', async () => {
    const { repo, doc } = await savedV1();
    quotaOnPut(2); // the document put went through; the meta stamp fails
    expectError(await repo.saveNotebook(v2Of(doc)), 'quota');
    IDBObjectStore.prototype.put = originalPut;
    await expectIntact(repo, doc);
  });

  it('mid-chunk-write: the chunks written for this call are removed, the old data untouched', async () => {
    const { repo, doc, factory } = await savedV1();
    const files = [
      { blobId: 'n1-b3', bytes: new Blob([bytesOf(1000, 3)]) },
      { blobId: 'n1-b4', bytes: new Blob([bytesOf(500, 4)]) },
    ];
    // One transaction for both: b3's record + 10 chunks; b4's record + its 5th chunk fails.
    quotaOnPut(11 + 1 + 5);
    const error = expectError(await repo.putSourceFiles(files, 'n1'), 'quota');
    expect(error.message).toContain("the notebook's data files were not stored");
    expect(error.message).toContain(
      `the previous saved version (${clockTime(doc.updatedAt)}) is kept`,
    );
    IDBObjectStore.prototype.put = originalPut;
    expect(await chunkKeys(factory)).toEqual(['n1-b1', 'n1-b2']);
    await expectIntact(repo, doc);
  });

  it('saveWithFiles: a failed document save removes the blobs it just wrote', async () => {
    const { repo, doc, factory } = await savedV1();
    const files = [
      { blobId: 'n1-b1', bytes: new Blob([bytesOf(300, 0)]) }, // already stored: skipped
      { blobId: 'n1-b3', bytes: new Blob([bytesOf(1000, 3)]) },
      { blobId: 'n1-b4', bytes: new Blob([bytesOf(500, 4)]) },
    ];
    quotaOnPut(1, 'notebooks'); // the bytes are stored; the document put fails
    const error = expectError(await repo.saveWithFiles(v2Of(doc), files), 'quota');
    expect(error.message).toContain('the notebook was not saved');
    IDBObjectStore.prototype.put = originalPut;
    expect(await chunkKeys(factory)).toEqual(['n1-b1', 'n1-b2']);
    await expectIntact(repo, doc);

    // The same call succeeds once there is room.
    unwrap(await repo.saveWithFiles(v2Of(doc), files));
    expect(unwrap(await repo.loadNotebook('n1'))?.document).toEqual(v2Of(doc));
    expect(await chunkKeys(factory)).toEqual(['n1-b1', 'n1-b2', 'n1-b3', 'n1-b4']);
  });

  it('a file written over several transactions: quota on its 2nd chunk keeps the previous save', async () => {
    const { repo, doc, factory } = await savedV1();
    // An ArrayBuffer source is copied by put: one 100-byte chunk per transaction.
    const files = [
      { blobId: 'n1-b3', bytes: bytesOf(1000, 3).buffer },
      { blobId: 'n1-b4', bytes: new Blob([bytesOf(500, 4)]) },
    ];
    quotaOnPut(2, 'sourceChunks');
    const error = expectError(await repo.saveWithFiles(v2Of(doc), files), 'quota');
    expect(error.message).toContain("the notebook's data files were not stored");
    expect(error.message).toContain(
      `the previous saved version (${clockTime(doc.updatedAt)}) is kept`,
    );
    IDBObjectStore.prototype.put = originalPut;
    expect(await chunkKeys(factory)).toEqual(['n1-b1', 'n1-b2']);
    await expectIntact(repo, doc);

    unwrap(await repo.saveWithFiles(v2Of(doc), files));
    expect(await blobBytes(unwrap(await repo.readSourceFile('n1-b3')))).toEqual(bytesOf(1000, 3));
    expect(await blobBytes(unwrap(await repo.readSourceFile('n1-b4')))).toEqual(bytesOf(500, 4));
  });

  it('a Blob over several transactions: quota in its 2nd chunk transaction keeps the previous save', async () => {
    const { repo, doc, factory } = await savedV1();
    // 2,000 bytes at chunkSize 100: 20 chunks, 16 per transaction, so two chunk transactions.
    const big = { blobId: 'n1-b3', bytes: new Blob([bytesOf(2000, 3)]) };
    const small = { blobId: 'n1-b4', bytes: new Blob([bytesOf(500, 4)]) };
    // b4's 5 chunks, then b3's first 16: the 22nd chunk put is in b3's second transaction.
    quotaOnPut(5 + 16 + 1, 'sourceChunks');
    expectError(await repo.saveWithFiles(v2Of(doc), [small, big]), 'quota');
    IDBObjectStore.prototype.put = originalPut;
    // b4 went in first (its own transaction) and is removed again with the partial b3.
    expect(await chunkKeys(factory)).toEqual(['n1-b1', 'n1-b2']);
    await expectIntact(repo, doc);
  });

  it('small files in several transactions: a failure in a later one removes the earlier ones', async () => {
    const { repo, doc, factory } = await savedV1();
    // Each file is a record + 10 chunks = 11 puts; at most 32 puts per transaction: 2 + 2.
    const files = [3, 4, 5, 6].map((i) => ({
      blobId: `n1-b${i}`,
      bytes: new Blob([bytesOf(1000, i)]),
    }));
    quotaOnPut(22 + 3); // inside the second transaction
    expectError(await repo.putSourceFiles(files, 'n1'), 'quota');
    IDBObjectStore.prototype.put = originalPut;
    expect(await chunkKeys(factory)).toEqual(['n1-b1', 'n1-b2']);
    await expectIntact(repo, doc);
  });

  it('refuses to overwrite a stored blob id with different data', async () => {
    const { repo, doc } = await savedV1();
    const error = expectError(
      await repo.putSourceFiles([{ blobId: 'n1-b1', bytes: bytesOf(7).buffer }]),
      'corrupt',
    );
    expect(error.message).toContain('reused for different data');
    await expectIntact(repo, doc);
  });

  it('on the first save of a new notebook says nothing was saved before', async () => {
    const repo = await openRepo(freshFactory());
    quotaOnPut(1);
    const error = expectError(await repo.saveNotebook(sampleDoc('new')), 'quota');
    expect(error.message).toContain('nothing was saved before');
    IDBObjectStore.prototype.put = originalPut;
    expect(unwrap(await repo.loadNotebook('new'))).toBeNull();
  });
});

describe('aborted transactions', () => {
  it('an aborted save reports aborted and keeps the previous version', async () => {
    const { repo, doc } = await savedV1();
    abortOnPut(1);
    const error = expectError(await repo.saveNotebook(v2Of(doc)), 'aborted');
    expect(error.message).toContain('the notebook was not saved');
    expect(error.message).toContain(`previous saved version (${clockTime(doc.updatedAt)}) is kept`);
    IDBObjectStore.prototype.put = originalPut;
    await expectIntact(repo, doc);
  });

  it('an aborted chunk write removes the partial blob', async () => {
    const { repo, doc, factory } = await savedV1();
    abortOnPut(4);
    expectError(
      await repo.putSourceFiles([{ blobId: 'n1-b3', bytes: bytesOf(1000).buffer }]),
      'aborted',
    );
    IDBObjectStore.prototype.put = originalPut;
    expect(await chunkKeys(factory)).toEqual(['n1-b1', 'n1-b2']);
    await expectIntact(repo, doc);
  });
});

describe('other tabs and the browser', () => {
  it('a newer schema opened in another tab closes our connection: version-change', async () => {
    const { repo, doc, factory } = await savedV1();
    const lost: PersistError[] = [];
    const second = await openRepo(factory, { onConnectionLost: (e) => lost.push(e) });
    // Another tab with a newer app: opens at version 2. Both our connections let it through.
    const other = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open('hpi', DB_MIGRATIONS.length + 1);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    expect(lost.map((e) => e.code)).toEqual(['version-change']);
    const error = expectError(await second.saveNotebook(v2Of(doc)), 'version-change');
    expect(error.message).toContain('newer version of the app was opened in another tab');
    expectError(await repo.loadNotebook('n1'), 'version-change');

    // This (older) app can no longer open the database at all.
    const reopened = await openRepository({ factory });
    expect(reopened.ok ? 'opened' : reopened.error.code).toBe('newer-schema');
    other.close();
  });

  it('upgrading while an old tab keeps its connection open: blocked', async () => {
    const { repo, factory } = await savedV1();
    repo.close();
    const old = await new Promise<IDBDatabase>((resolve) => {
      const r = factory.open('hpi', 1);
      r.onsuccess = () => resolve(r.result); // an old tab that ignores versionchange
    });
    const upgraded = await openRepository({
      factory,
      migrations: [...DB_MIGRATIONS, () => undefined],
      blockedTimeoutMs: 20,
    });
    expect(upgraded.ok ? 'opened' : upgraded.error.code).toBe('blocked');
    if (!upgraded.ok) expect(upgraded.error.message).toContain('blocks the storage upgrade');
    old.close();
  });

  it('the browser closing the connection: terminated', async () => {
    const factory = freshFactory();
    const requests: IDBOpenDBRequest[] = [];
    const open = factory.open.bind(factory);
    factory.open = (name: string, version?: number) => {
      const r = open(name, version);
      requests.push(r);
      return r;
    };
    const lost: string[] = [];
    const repo = await openRepo(factory, { onConnectionLost: (e) => lost.push(e.code) });
    forceCloseDatabase(requests[0].result as unknown as typeof IDBDatabase);
    expect(lost).toEqual(['terminated']);
    const error = expectError(await repo.saveNotebook(sampleDoc('x')), 'terminated');
    expect(error.message).toContain('export it to a file');
  });

  it('no IndexedDB (private mode, disabled storage): unavailable', async () => {
    const saved = globalThis.indexedDB;
    try {
      Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
      const r = await openRepository();
      const error = r.ok ? null : r.error;
      expect(error?.code).toBe('unavailable');
      expect(error?.message).toContain('The app works, but notebooks are not kept');
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', { value: saved, configurable: true });
    }
    const throwing = {
      open: () => {
        throw new DOMException('denied', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const r = await openRepository({ factory: throwing });
    expect(r.ok ? 'opened' : r.error.code).toBe('unavailable');
  });
});

describe('migration failure', () => {
  it('a throwing upgrade step aborts the upgrade: the old database stays readable', async () => {
    const { repo, doc, factory } = await savedV1();
    repo.close();
    const failing = await openRepository({
      factory,
      migrations: [
        ...DB_MIGRATIONS,
        async (_db, tx) => {
          // Changes made before the throw must be rolled back too.
          const store = tx.objectStore('notebooks');
          await store.put({ ...doc, title: 'half-migrated' });
          await store.delete('n1');
          throw new Error('step broke');
        },
      ],
    });
    expect(failing.ok).toBe(false);
    if (failing.ok) return;
    expect(failing.error.code).toBe('migration-failed');
    expect(failing.error.message).toContain('storage version 1 → 2');
    expect(failing.error.message).toContain('nothing was changed');
    expect(failing.error.detail).toContain('step broke');

    const again = await openRepo(factory);
    await expectIntact(again, doc);
    const version = await new Promise<number>((resolve) => {
      const r = factory.open('hpi');
      r.onsuccess = () => {
        resolve(r.result.version);
        r.result.close();
      };
    });
    expect(version).toBe(1);
  });
});

describe('damaged stored documents', () => {
  it('reports a newer document schema and repairs a damaged one', async () => {
    const { repo, factory } = await savedV1();
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = factory.open('hpi');
      r.onsuccess = () => resolve(r.result);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction('notebooks', 'readwrite');
      tx.objectStore('notebooks').put({ id: 'future', schemaVersion: 99 });
      tx.objectStore('notebooks').put({ id: 'bent', schemaVersion: 1, title: 7, cells: 'x' });
      tx.oncomplete = () => resolve();
    });
    db.close();
    const error = expectError(await repo.loadNotebook('future'), 'newer-schema');
    expect(error.message).toContain('saved by a newer version of the app');
    const bent = unwrap(await repo.loadNotebook('bent'));
    expect(bent?.document.title).toBe('Untitled notebook');
    expect(bent?.document.cells).toEqual([]);
    expect(bent?.repairs.length).toBeGreaterThan(0);
    expectError(await repo.renameNotebook('future', 'x'), 'newer-schema');
    // The listing still shows both, so the user can delete them.
    expect(
      unwrap(await repo.listNotebooks())
        .map((n) => n.id)
        .sort(),
    ).toEqual(['bent', 'future', 'n1']);
  });
});
