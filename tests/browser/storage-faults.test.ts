/**
 * Storage faults in the real browser: a full disk, an aborted transaction, another tab opening a
 * newer database version, and IndexedDB refused altogether. Each reaches the user as a clear
 * message, the page keeps working, and the previous save is never lost.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, upload, useHarness, type Harness } from './harness';
import { shownCells, storedNotebooks, waitForNotebook, waitStored } from './workspace-page';

const PLANTED = path.join(repoRoot, 'public/examples/planted-sweep.csv');

/**
 * Wraps IDBObjectStore.put: with `window.__hpiFault` set, writes to the notebooks store throw
 * QuotaExceededError ('quota') or abort their transaction ('abort'), as a full disk would.
 */
const FAULTS = `(() => {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    const fault = window.__hpiFault;
    if (fault && this.name === 'notebooks') {
      if (fault === 'quota') throw new DOMException('Injected: disk full', 'QuotaExceededError');
      const request = put.apply(this, args);
      this.transaction.abort();
      return request;
    }
    return put.apply(this, args);
  };
})();`;

const NO_IDB = `IDBFactory.prototype.open = function () {
  throw new DOMException('Injected: storage is disabled', 'SecurityError');
};`;

/** A page with a dropped file whose notebook is saved; returns the stored cell ids. */
async function savedNotebook(
  h: Harness,
  initScript: string,
): Promise<{ page: Page; ids: string[] }> {
  const page = await h.open();
  await page.context().addInitScript(initScript);
  await page.reload();
  await upload(page, PLANTED);
  await waitForNotebook(page);
  await page.locator('[data-testid="save-state"][data-status="saved"]').waitFor();
  const [doc] = await waitStored(page, (docs) => docs.length === 1);
  return { page, ids: doc.cells.map((c) => c.id) };
}

async function addNote(page: Page, text: string) {
  await page.click('[data-testid="add-cell-end"]');
  await page.click('[data-testid="add-cell-kind"][data-kind="note"]');
  await page.locator('[data-testid="note-input"]').fill(text);
  await page.click('[data-testid="note-done"]');
}

const indicator = (page: Page) => page.locator('[data-testid="save-state"]');

describe('Storage faults', () => {
  const h = useHarness();

  it('a full disk: says so, keeps the previous save, exports instead, survives a reload', async () => {
    const { page, ids } = await savedNotebook(h, FAULTS);
    await page.evaluate(() => ((window as unknown as { __hpiFault: string }).__hpiFault = 'quota'));
    await addNote(page, 'written while the disk is full');
    await page.locator('[data-testid="save-state"][data-status="failed"]').waitFor();
    expect(await indicator(page).innerText()).toBe('Not saved: storage is full');
    await page.click('[data-testid="save-failed"]');
    expect(await page.locator('[data-testid="save-details"]').innerText()).toMatch(
      /The browser's storage is full: the notebook was not saved; the previous saved version \(\d\d:\d\d\) is kept\./,
    );
    const stored = await storedNotebooks(page);
    expect(stored.map((d) => d.cells.map((c) => c.id))).toEqual([ids]);

    // "Export to a file instead" downloads the notebook with the unsaved note.
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('[data-testid="save-export"]'),
    ]);
    expect(dl.suggestedFilename()).toBe('planted-sweep.csv.hpinb');

    // The page still works: the note is there. A reload brings back the last saved version.
    expect(await page.locator('[data-testid="note-rendered"]').textContent()).toMatch(
      /disk is full/,
    );
    await page.reload();
    await waitForNotebook(page);
    expect((await shownCells(page)).map((c) => c.id)).toEqual(ids);
    expect(await page.locator('[data-testid="cell-note"]').count()).toBe(0);
  });

  it('an aborted transaction: not saved, previous version kept, Retry saves', async () => {
    const { page, ids } = await savedNotebook(h, FAULTS);
    await page.evaluate(() => ((window as unknown as { __hpiFault: string }).__hpiFault = 'abort'));
    await addNote(page, 'after an abort');
    await page.locator('[data-testid="save-state"][data-status="failed"]').waitFor();
    expect(await indicator(page).innerText()).toBe('Not saved: the browser cancelled the save');
    expect((await storedNotebooks(page)).map((d) => d.cells.map((c) => c.id))).toEqual([ids]);

    await page.evaluate(() => ((window as unknown as { __hpiFault: null }).__hpiFault = null));
    await page.click('[data-testid="save-failed"]');
    await page.click('[data-testid="save-retry"]');
    await page.locator('[data-testid="save-state"][data-status="saved"]').waitFor();
    const [doc] = await storedNotebooks(page);
    expect(doc.cells.find((c) => c.kind === 'note')?.markdown).toBe('after an abort');
  });

  it('another tab opens a newer database version: this tab stops saving and says why', async () => {
    const { page, ids } = await savedNotebook(h, '');
    const other = await page.context().newPage();
    await other.goto(new URL('favicon.svg', h.url).href);
    const version = await other.evaluate(async () => {
      const dbs = await indexedDB.databases();
      const current = dbs.find((d) => d.name === 'hpi')?.version ?? 0;
      return new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('hpi', current + 1);
        req.onsuccess = () => {
          req.result.close();
          resolve(current + 1);
        };
        req.onerror = () => reject(req.error);
      });
    });
    expect(version).toBeGreaterThan(1);
    const off = page.locator('[data-testid="storage-off"]');
    await off.waitFor();
    expect(await off.innerText()).toMatch(/A newer version of the app was opened in another tab/);

    await addNote(page, 'after the upgrade');
    await page.locator('[data-testid="save-state"][data-status="failed"]').waitFor();
    expect(await indicator(page).innerText()).toBe(
      'Not saved: a newer version opened in another tab',
    );
    // The previous save is intact in the upgraded database.
    const stored = await storedNotebooks(other);
    expect(stored.map((d) => d.cells.map((c) => c.id))).toEqual([ids]);
  });

  it('IndexedDB refused: one line says so and everything else works, export included', async () => {
    const page = await h.open();
    await page.context().addInitScript(NO_IDB);
    await page.reload();
    const off = page.locator('[data-testid="storage-off"]');
    await off.waitFor();
    expect(await off.innerText()).toBe(
      'This browser is not keeping notebooks (this browser does not allow saving); export to a file to keep your work.',
    );
    await upload(page, PLANTED);
    await waitForNotebook(page);
    await addNote(page, 'kept in memory');
    expect(await indicator(page).innerText()).toBe('');
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('[data-testid="download-notebook"]'),
    ]);
    expect(dl.suggestedFilename()).toBe('planted-sweep.csv.hpinb');
    expect((await (await import('node:fs/promises')).stat(await dl.path())).size).toBeGreaterThan(
      500,
    );
  });
});
