/**
 * The notebook as a document of cells: add a note and a figure, reorder with the buttons and the
 * keyboard, collapse, duplicate, delete and undo, reading back what the page shows.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { XSS_IMG } from './fixtures';
import { repoRoot, upload, useHarness } from './harness';

const PLANTED = path.join(repoRoot, 'public/examples/planted-sweep.csv');
const DEFAULT_ORDER = [
  'cell-sources',
  'cell-overview',
  'cell-findings',
  'cell-associations',
  'cell-figure',
  'cell-figure',
  'cell-data',
  'cell-settings',
  'cell-report',
];

interface ShownCell {
  id: string;
  testid: string;
  number: string;
  title: string;
}

/** The cells in page order, with the number and title each one shows. */
async function shown(page: Page): Promise<ShownCell[]> {
  return page.$$eval('[data-cell-id]', (els) =>
    els.map((el) => ({
      id: el.getAttribute('data-cell-id') ?? '',
      testid: el.getAttribute('data-testid') ?? '',
      number: el.querySelector('.index')?.textContent?.trim() ?? '',
      title: el.querySelector('[data-cell-focus]')?.textContent?.trim() ?? '',
    })),
  );
}

const cell = (page: Page, id: string) => page.locator(`[data-cell-id="${id}"]`);

async function openNotebook(page: Page) {
  await upload(page, PLANTED);
  // The end slot appears once every cell has mounted.
  await page.locator('[data-testid="add-cell-end"]').waitFor({ timeout: 30_000 });
}

async function announced(page: Page) {
  return (await page.locator('[data-testid="notebook-announcer"]').textContent())?.trim() ?? '';
}

describe('Notebook', () => {
  const h = useHarness();

  it('builds the default notebook, numbered in order', async () => {
    const page = await h.open();
    await openNotebook(page);
    const cells = await shown(page);
    expect(cells.map((c) => c.testid)).toEqual(DEFAULT_ORDER);
    expect(cells.map((c) => c.number)).toEqual(cells.map((_, i) => `[${i + 1}]`));
    const kinds = await page
      .locator('[data-testid="figure"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
    expect(kinds).toEqual(['issue-heatmap', 'param-heatmap']);
    // The sweep table has no curves: no curve cells by default, an explanation when added.
    await page.click('[data-testid="add-cell-end"]');
    await page.click('[data-testid="add-cell-kind"][data-kind="curves"]');
    const curves = page.locator('[data-testid="cell-curves"]');
    await expect.poll(() => curves.locator('[data-testid="cell-unavailable"]').count()).toBe(1);
    expect(await curves.innerText()).toMatch(/no training curves/);
    // Every view is offered, the run comparison included.
    await page.click('[data-testid="add-cell-end"]');
    const offered = await page
      .locator('[data-testid="add-cell-kind"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
    expect(offered).toEqual(
      expect.arrayContaining(['overview', 'findings', 'associations', 'compare', 'data', 'note']),
    );
    await page.click('[data-testid="add-cell-kind"][data-kind="compare"]');
    await page.locator('[data-testid="cell-compare"]').waitFor();
    const last = (await shown(page)).at(-1)!;
    expect(last).toMatchObject({ testid: 'cell-compare', number: '[11]' });
  });

  it('adds, reorders, collapses, duplicates, deletes and undoes', async () => {
    const page = await h.open();
    await openNotebook(page);

    // A markdown note at the end: typed, rendered sanitised.
    await page.click('[data-testid="add-cell-end"]');
    await page.click('[data-testid="add-cell-kind"][data-kind="note"]');
    const input = page.locator('[data-testid="note-input"]');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill(`# Learning rate\n\nAbove **1e-2** every run diverged. ${XSS_IMG}`);
    await page.click('[data-testid="note-done"]');
    const rendered = page.locator('[data-testid="note-rendered"]');
    expect(await rendered.locator('h1').textContent()).toBe('Learning rate');
    expect(await rendered.locator('strong').textContent()).toBe('1e-2');
    expect(await page.locator('[data-testid="cell-note"] img, [onerror]').count()).toBe(0);
    let cells = await shown(page);
    expect(cells.map((c) => c.testid)).toEqual([...DEFAULT_ORDER, 'cell-note']);
    const note = cells[9].id;
    expect(cells[9].number).toBe('[10]');

    // A correlation figure between Sources and Overview, from the slot there.
    await page.locator('[data-testid="add-cell"][data-at="1"]').click();
    await page.selectOption('[data-testid="figure-kind"]', 'correlation');
    await page.click('[data-testid="figure-add"]');
    cells = await shown(page);
    expect(cells[1].testid).toBe('cell-figure');
    expect(cells[1].title).toBe('Correlation matrix');
    expect(cells.map((c) => c.number)).toEqual(cells.map((_, i) => `[${i + 1}]`));
    const plot = cell(page, cells[1].id).locator('[data-testid="figure-plot"]');
    await expect.poll(() => plot.getAttribute('data-state'), { timeout: 30_000 }).toBe('drawn');

    // Buttons: the note moves up one place, before the report.
    await cell(page, note).hover();
    await cell(page, note).locator('[data-testid="cell-move-up"]').click();
    cells = await shown(page);
    expect(cells.map((c) => c.testid).slice(-2)).toEqual(['cell-note', 'cell-report']);
    expect(cells.find((c) => c.id === note)?.number).toBe('[10]');

    // Keyboard: Alt+ArrowUp twice on the note's header; focus stays on it, the move is announced.
    await cell(page, note).locator('[data-cell-focus]').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('Alt+ArrowUp');
    cells = await shown(page);
    expect(cells.slice(-4).map((c) => c.testid)).toEqual([
      'cell-note',
      'cell-data',
      'cell-settings',
      'cell-report',
    ]);
    expect(await announced(page)).toBe('Note moved to position 8 of 11');
    const focused = await page.evaluate(() =>
      document.activeElement?.closest('[data-cell-id]')?.getAttribute('data-cell-id'),
    );
    expect(focused).toBe(note);
    await page.keyboard.press('Alt+ArrowDown');
    expect((await shown(page)).findIndex((c) => c.id === note)).toBe(8);

    // Collapse: the body hides, the header stays.
    const toggle = cell(page, note).locator('[data-testid="cell-toggle"]');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await rendered.first().isVisible()).toBe(false);

    // Duplicate: a copy right after it, same text, also collapsed.
    await cell(page, note).locator('[data-testid="cell-duplicate"]').click();
    cells = await shown(page);
    const at = cells.findIndex((c) => c.id === note);
    expect(cells[at + 1].testid).toBe('cell-note');
    const copy = cells[at + 1].id;
    expect(copy).not.toBe(note);
    expect(await cell(page, copy).locator('h1').textContent()).toBe('Learning rate');
    expect(
      await cell(page, copy).locator('[data-testid="cell-toggle"]').getAttribute('aria-expanded'),
    ).toBe('false');

    // Delete the Overview; the toast's Undo brings it back at its place.
    const before = cells.map((c) => c.id);
    const overview = cells.find((c) => c.testid === 'cell-overview')!.id;
    await cell(page, overview).hover();
    await cell(page, overview).locator('[data-testid="cell-delete"]').click();
    expect(await page.locator('[data-testid="cell-overview"]').count()).toBe(0);
    expect(await page.locator('[data-testid="undo-toast"]').innerText()).toContain(
      'Deleted Overview',
    );
    await page.click('[data-testid="undo"]');
    expect((await shown(page)).map((c) => c.id)).toEqual(before);
    expect(await page.locator('[data-testid="undo-toast"]').count()).toBe(0);

    // Delete the copy, then Ctrl+Z (focus outside any text field) restores it.
    await cell(page, copy).locator('[data-testid="cell-delete"]').click();
    expect((await shown(page)).some((c) => c.id === copy)).toBe(false);
    await page.locator('[data-testid="cell-report"] [data-testid="cell-toggle"]').focus();
    await page.keyboard.press('Control+z');
    expect((await shown(page)).map((c) => c.id)).toEqual(before);
    // Further Ctrl+Z walks back the duplicate and the moves.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    cells = await shown(page);
    expect(cells.some((c) => c.id === copy)).toBe(false);
    expect(cells.findIndex((c) => c.id === note)).toBe(7);
  });

  it('drags a cell by its handle, showing where it will land', async () => {
    const page = await h.open();
    await openNotebook(page);
    // Both ends of the drag on screen: a tall window, the long Findings collapsed.
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.locator('[data-testid="cell-findings"] [data-testid="cell-toggle"]').click();
    const overview = page.locator('[data-testid="cell-overview"]');
    const handle = page.locator('[data-testid="cell-associations"] [data-testid="cell-drag"]');
    await overview.scrollIntoViewIfNeeded();

    // A real drag onto the Overview's header (its upper half) moves the cell there.
    await handle.hover();
    const box = (await overview.boundingBox())!;
    expect(box.y).toBeGreaterThan(0); // still on screen after hovering the handle
    await page.mouse.down();
    await page.mouse.move(box.x + 100, box.y + 20, { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(async () => (await shown(page)).map((c) => c.testid).slice(0, 4))
      .toEqual(['cell-sources', 'cell-associations', 'cell-overview', 'cell-findings']);
    const cells = await shown(page);
    expect(cells[1].number).toBe('[2]');
    expect(await overview.getAttribute('data-drop')).toBeNull();
    expect(await announced(page)).toBe('Associations moved to position 2 of 9');

    // The indicator follows the pointer: above the upper half, below the lower half. (Playwright
    // sends a real drag's dragover only at the drop, so these events are dispatched by hand.)
    const drop = (half: 'top' | 'bottom') =>
      page.evaluate((half) => {
        const target = document.querySelector('[data-testid="cell-overview"]')!;
        const box = target.getBoundingClientRect();
        const clientY = half === 'top' ? box.top + 5 : box.bottom - 5;
        target.dispatchEvent(
          new DragEvent('dragover', { bubbles: true, cancelable: true, clientY }),
        );
        return target.getAttribute('data-drop');
      }, half);
    await handle.dispatchEvent('dragstart', {
      dataTransfer: await page.evaluateHandle(() => new DataTransfer()),
    });
    await expect.poll(() => drop('top')).toBe('before');
    await expect.poll(() => drop('bottom')).toBe('after');
    await handle.dispatchEvent('dragend');
    await expect.poll(() => overview.getAttribute('data-drop')).toBeNull();
  });

  it('edits a figure in its cell and keeps the options in the spec', async () => {
    const page = await h.open();
    await openNotebook(page);
    const first = page.locator('[data-testid="cell-figure"]').first();
    await first.locator('[data-testid="figure-options"]').click();
    await first.locator('[data-testid="figure-edit-kind"]').selectOption('parallel');
    await first
      .locator('[data-testid="figure-edit-option"][data-option="color"]')
      .selectOption('issue');
    const figure = first.locator('[data-testid="figure"]');
    await expect.poll(() => figure.getAttribute('data-kind')).toBe('parallel');
    expect(await first.locator('[data-testid="cell-toggle"]').innerText()).toBe(
      'Parallel coordinates',
    );
    await expect
      .poll(() => figure.locator('[data-testid="figure-plot"]').getAttribute('data-state'), {
        timeout: 30_000,
      })
      .toBe('drawn');
    // Two option picks are two undo steps; undoing both returns the issue heatmap.
    await first.locator('[data-testid="cell-toggle"]').focus();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => figure.getAttribute('data-kind')).toBe('issue-heatmap');
  });
});
