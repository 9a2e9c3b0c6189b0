/**
 * Database upgrade steps: every older version opens at the newest with its data intact. Only
 * version 1 exists today, so the machinery is also exercised with a test-only step 1 → 2 that
 * adds an index and rewrites records, as a real future step would.
 */
import { describe, expect, it } from 'vitest';
import { unwrap as rawStore } from 'idb';
import { DB_MIGRATIONS, openHpiDb, openRepository, type Migration } from '../../../src/lib/persist';
import { blobBytes, bytesOf, filesFor, freshFactory, sampleDoc, unwrap } from './helpers';

/** Test-only v1 → v2: an index on updatedAt, and every title gets a prefix. */
const fakeV2: Migration = async (_db, tx) => {
  const notebooks = tx.objectStore('notebooks');
  // The typed schema has no indexes; a real step would extend HpiSchema alongside.
  rawStore(notebooks).createIndex('byUpdatedAt', 'updatedAt');
  for (const doc of await notebooks.getAll())
    await notebooks.put({ ...doc, title: `v2 ${doc.title}` });
};
const ALL_STEPS: Migration[] = [...DB_MIGRATIONS, fakeV2];

describe('database schema', () => {
  it('a fresh database has every store at the newest version', async () => {
    const factory = freshFactory();
    const db = unwrap(await openHpiDb({ factory }));
    expect(db.version).toBe(DB_MIGRATIONS.length);
    expect([...db.objectStoreNames].sort()).toEqual([
      'blobs',
      'meta',
      'notebooks',
      'settings',
      'sourceChunks',
    ]);
    db.close();
  });

  for (let from = 1; from < ALL_STEPS.length; from++) {
    it(`upgrades a filled version ${from} database to version ${ALL_STEPS.length}`, async () => {
      const factory = freshFactory();
      const old = unwrap(
        await openRepository({ factory, chunkSize: 64, migrations: ALL_STEPS.slice(0, from) }),
      );
      const doc = sampleDoc('n1');
      unwrap(await old.putSourceFiles(filesFor(doc)));
      unwrap(await old.saveNotebook(doc));
      unwrap(await old.putSettings('detectors', { a: 1 }));
      old.close();

      const repo = unwrap(await openRepository({ factory, migrations: ALL_STEPS }));
      const loaded = unwrap(await repo.loadNotebook('n1'));
      expect(loaded?.document).toEqual({ ...doc, title: `v2 ${doc.title}` });
      expect(await blobBytes(unwrap(await repo.readSourceFile('n1-b1')))).toEqual(bytesOf(300, 0));
      expect(unwrap(await repo.getSettings('detectors'))).toEqual({ a: 1 });
      repo.close();

      const db = unwrap(await openHpiDb({ factory, migrations: ALL_STEPS }));
      expect(db.version).toBe(ALL_STEPS.length);
      expect([...db.transaction('notebooks').store.indexNames]).toEqual(['byUpdatedAt']);
      db.close();
    });
  }

  it('an empty browser runs every step from version 0', async () => {
    const factory = freshFactory();
    const db = unwrap(await openHpiDb({ factory, migrations: ALL_STEPS }));
    expect(db.version).toBe(2);
    expect([...db.transaction('notebooks').store.indexNames]).toEqual(['byUpdatedAt']);
    db.close();
  });
});
