/** Helpers for the persistence tests: the cells on screen and the notebooks in IndexedDB. */
import type { Page } from 'playwright-core';

export interface ShownCell {
  id: string;
  testid: string;
  /** The header toggle's aria-expanded: 'true' or 'false'. */
  expanded: string | null;
}

export async function shownCells(page: Page): Promise<ShownCell[]> {
  return page.$$eval('[data-cell-id]', (els) =>
    els.map((el) => ({
      id: el.getAttribute('data-cell-id') ?? '',
      testid: el.getAttribute('data-testid') ?? '',
      expanded:
        el.querySelector('[data-testid="cell-toggle"]')?.getAttribute('aria-expanded') ?? null,
    })),
  );
}

/** Every cell mounted (the end slot comes last). */
export async function waitForNotebook(page: Page): Promise<void> {
  await page.locator('[data-testid="add-cell-end"]').waitFor({ timeout: 30_000 });
}

export interface StoredDoc {
  id: string;
  title: string;
  updatedAt: number;
  cells: { id: string; kind: string; collapsed: boolean; markdown?: string }[];
  settings?: Record<string, Record<string, number | boolean | null>>;
}

/**
 * The documents in the app's database, read from the page. Never creates the database: an
 * empty one at version 1 would look like an old schema to the app.
 */
export async function storedNotebooks(page: Page): Promise<StoredDoc[]> {
  return page.evaluate(async () => {
    const names = await indexedDB.databases();
    if (!names.some((d) => d.name === 'hpi')) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('hpi');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      if (!db.objectStoreNames.contains('notebooks')) return [];
      return await new Promise<StoredDoc[]>((resolve, reject) => {
        const req = db.transaction('notebooks').objectStore('notebooks').getAll();
        req.onsuccess = () => resolve(req.result as StoredDoc[]);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  });
}

/** Waits until the stored documents satisfy `check` (autosave runs after a quiet period). */
export async function waitStored(
  page: Page,
  check: (docs: StoredDoc[]) => boolean,
  timeout = 10_000,
): Promise<StoredDoc[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const docs = await storedNotebooks(page);
    if (check(docs)) return docs;
    if (Date.now() > deadline) {
      throw new Error(`the stored notebooks never matched: ${JSON.stringify(docs).slice(0, 2000)}`);
    }
    await page.waitForTimeout(100);
  }
}
