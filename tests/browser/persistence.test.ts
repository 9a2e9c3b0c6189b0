/**
 * Notebooks kept in the browser: drop a file, edit the notebook, reload, and everything is back
 * without dropping the file again; export the notebook file, start from empty storage, import
 * it through the UI, and the same notebook comes back. Also the notebook list's actions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, repoRoot, upload, useHarness, waitForFindings } from './harness';
import { shownCells, storedNotebooks, waitForNotebook, waitStored } from './workspace-page';

const PLANTED = path.join(repoRoot, 'public/examples/planted-sweep.csv');
const NOTE = 'Runs above lr 1e-2 **diverged**: rerun with warmup.';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hpi-persist-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cell = (page: Page, id: string) => page.locator(`[data-cell-id="${id}"]`);

/** The notebook as the page shows it: cells, note text, collapse state, findings. */
async function snapshot(page: Page) {
  await waitForFindings(page);
  return {
    cells: await shownCells(page),
    // textContent: an off-screen cell skips rendering (content-visibility), innerText is empty.
    note: await page.locator('[data-testid="note-rendered"]').textContent(),
    findings: (await findings(page)).map((f) => [f.detector, f.severity, f.runs.join(',')]),
  };
}

describe('Persistence', () => {
  const h = useHarness();

  it('reopens an edited notebook after a reload, and through an exported file', async () => {
    const page = await h.open();
    await upload(page, PLANTED);
    await waitForNotebook(page);
    await page.locator('[data-testid="save-state"][data-status="saved"]').waitFor();
    expect(await page.locator('[data-testid="save-state"]').innerText()).toMatch(
      /^Saved \d\d:\d\d$/,
    );

    // A note at the end, the Overview moved below Findings, the Findings cell collapsed.
    await page.click('[data-testid="add-cell-end"]');
    await page.click('[data-testid="add-cell-kind"][data-kind="note"]');
    await page.locator('[data-testid="note-input"]').fill(NOTE);
    await page.click('[data-testid="note-done"]');
    const overview = (await shownCells(page)).find((c) => c.testid === 'cell-overview')!.id;
    await cell(page, overview).hover();
    await cell(page, overview).locator('[data-testid="cell-move-down"]').click();
    const before = await snapshot(page);
    await page.locator('[data-testid="cell-findings"] [data-testid="cell-toggle"]').click();
    const cells = await shownCells(page);
    expect(cells.map((c) => c.testid).slice(0, 3)).toEqual([
      'cell-sources',
      'cell-findings',
      'cell-overview',
    ]);
    expect(cells.find((c) => c.testid === 'cell-findings')?.expanded).toBe('false');
    // Saved: the stored document has the note and the order on screen.
    await waitStored(page, (docs) =>
      docs.some(
        (d) =>
          JSON.stringify(d.cells.map((c) => c.id)) === JSON.stringify(cells.map((c) => c.id)) &&
          d.cells.some((c) => c.markdown === NOTE && c.kind === 'note') &&
          d.cells.some((c) => c.kind === 'findings' && c.collapsed),
      ),
    );

    await page.reload();
    await waitForNotebook(page);
    const notice = page.locator('[data-testid="workspace-notice"]');
    expect(await notice.innerText()).toMatch(/Restored planted-sweep\.csv \(saved \d\d:\d\d\)/);
    expect(await shownCells(page)).toEqual(cells);
    // Findings were collapsed: open it to read them back.
    await page.locator('[data-testid="cell-findings"] [data-testid="cell-toggle"]').click();
    expect(await snapshot(page)).toEqual(before);
    expect(await page.locator('[data-testid="note-rendered"] strong').textContent()).toBe(
      'diverged',
    );

    // Export the notebook file for real.
    await page.locator('[data-testid="download-notebook"]').scrollIntoViewIfNeeded();
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('[data-testid="download-notebook"]'),
    ]);
    expect(dl.suggestedFilename()).toBe('planted-sweep.csv.hpinb');
    const file = path.join(dir, dl.suggestedFilename());
    await dl.saveAs(file);

    // Another browser profile (empty storage): import it through the UI.
    const fresh = await h.open();
    expect(await storedNotebooks(fresh)).toEqual([]);
    await fresh.setInputFiles('input[data-testid="import-input"]', file);
    await waitForNotebook(fresh);
    expect(await fresh.locator('[data-testid="workspace-notice"]').innerText()).toMatch(
      /^Imported planted-sweep\.csv/,
    );
    const imported = await shownCells(fresh);
    expect(imported).toEqual(await shownCells(page));
    // The file holds the state at export time: Findings expanded again.
    expect(imported.find((c) => c.testid === 'cell-findings')?.expanded).toBe('true');
    expect(await snapshot(fresh)).toEqual(before);
    // Stored there too: it survives a reload of the new profile.
    await waitStored(fresh, (docs) => docs.length === 1);
    await fresh.reload();
    await waitForNotebook(fresh);
    expect(await shownCells(fresh)).toEqual(imported);
  });

  it('lists notebooks: rename, duplicate, delete after asking, new notebook', async () => {
    const page = await h.open();
    await upload(page, PLANTED);
    await waitForNotebook(page);
    await page.locator('[data-testid="save-state"][data-status="saved"]').waitFor();
    await page.click('[data-testid="notebooks-menu"]');
    const rows = page.locator('[data-testid="notebook-row"]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(
      /planted-sweep\.csv[\s\S]*9 cells[\s\S]*3\.\d KB/,
    );
    expect(await page.locator('[data-testid="storage-usage"]').innerText()).toMatch(
      /used of .* available/,
    );
    await page.click('[data-testid="persist-storage"]');
    expect(await page.locator('[data-testid="persist-outcome"]').innerText()).toMatch(
      /^(Granted|Not granted: the browser may clear|This browser cannot promise)/,
    );

    await rows.first().locator('[data-testid="rename-notebook"]').click();
    await page.locator('[data-testid="rename-input"]').fill('LR sweep <b>x</b>');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => rows.first().locator('[data-testid="open-notebook"]').innerText())
      .toBe('LR sweep <b>x</b>');
    await rows.first().locator('[data-testid="duplicate-notebook"]').click();
    await expect.poll(() => rows.count()).toBe(2);
    const copy = rows.filter({ hasText: '(copy)' });
    await copy.locator('[data-testid="delete-notebook"]').click();
    // Asks first, in place; the menu stays open.
    await copy.locator('[data-testid="confirm-delete"]').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await storedNotebooks(page)).toHaveLength(1);

    await page.click('[data-testid="new-notebook"]');
    await page.locator('[data-testid="example-planted"]').waitFor();
    // The empty page lists it; opening it brings the data back without a drop.
    const listed = page.locator('[data-testid="notebook-list"] [data-testid="open-notebook"]');
    expect(await listed.innerText()).toBe('LR sweep <b>x</b>');
    await listed.click();
    await waitForNotebook(page);
    expect(await page.locator('[data-testid="workspace-notice"]').innerText()).toMatch(
      /^Opened LR sweep <b>x<\/b>/,
    );
  });
});
