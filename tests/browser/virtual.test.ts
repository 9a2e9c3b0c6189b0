/**
 * Large tables are virtualised: a 5,000-run log and a 1,000-column sweep keep only the rows in
 * view in the DOM, while scrolling reaches the last run/column, selection still highlights a row
 * scrolled into view, and the arrow keys move focus to rows that were not mounted.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { upload, useHarness, waitForSettled } from './harness';

const RUNS = 5000;
const STEPS = 8;

/** `run,step,metric,value`: every run's loss decays at its own rate, so the ranking is total. */
function longLog(): string {
  const lines = ['run,step,metric,value'];
  for (let r = 0; r < RUNS; r++) {
    const rate = 0.05 + (r % 997) / 2000 + r / 1e6;
    for (let s = 0; s < STEPS; s++)
      lines.push(
        `run_${String(r).padStart(4, '0')},${s * 10},train/loss,${(2 * Math.exp(-rate * s) + 0.1).toFixed(6)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A sweep with `notes` free-text columns besides a few hyperparameters: the Data cell lists
 * every column, while the figures stay small (plotting a 1,000-parameter sweep is a figure
 * cell's problem, not this test's).
 */
function wideSweep(notes: number): string {
  const names = Array.from({ length: notes }, (_, i) => `note_${String(i + 1).padStart(4, '0')}`);
  const lines = [['trial', 'lr', 'batch_size', 'val_loss', ...names].join(',')];
  for (let t = 0; t < 30; t++) {
    const cells = names.map((_, i) => `free text ${t} ${i}`);
    const lr = (1e-4 * (1 + (t % 5))).toExponential(1);
    lines.push([t, lr, 16 << (t % 3), (0.5 + (t % 7) / 10).toFixed(3), ...cells].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Scrolls a virtual box to its end and waits for the rows there to render. */
async function scrollToEnd(box: Locator): Promise<void> {
  await box.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
}

const domRows = (cell: Locator, testid: string) =>
  cell.locator(`[data-testid="${testid}"]`).count();

async function openLog(page: Page): Promise<Locator> {
  await upload(page, { name: 'train_log.csv', content: longLog() });
  const cell = page.locator('[data-testid="cell-leaderboard"]');
  await cell.waitFor({ timeout: 60_000 });
  await cell.scrollIntoViewIfNeeded();
  await cell.locator('[data-testid="leaderboard-row"]').first().waitFor({ timeout: 30_000 });
  return cell;
}

describe('virtualised tables', () => {
  const h = useHarness();

  it('keeps a 5,000-run Leaderboard to a window of rows and reaches the last run', async () => {
    const page = await h.open();
    const cell = await openLog(page);
    // The page's copy of the summary keeps the best ranked runs (VIEW_RANKED_RUNS_PER_METRIC);
    // the table announces all of them while holding a window.
    const ranked =
      Number(await cell.locator('table[aria-rowcount]').getAttribute('aria-rowcount')) - 1;
    expect(ranked).toBeGreaterThanOrEqual(200);
    const before = await domRows(cell, 'leaderboard-row');
    expect(before).toBeGreaterThan(5);
    expect(before).toBeLessThan(ranked / 3);

    const box = cell.locator('[data-testid="table-scroll"]');
    await scrollToEnd(box);
    const last = cell.locator('[data-testid="leaderboard-row"]').last();
    await expect.poll(() => last.getAttribute('aria-rowindex')).toBe(String(ranked + 1));
    expect(await domRows(cell, 'leaderboard-row')).toBeLessThan(ranked / 3);
    // The first rows left the DOM.
    expect(await cell.locator('[data-testid="leaderboard-row"][data-rank="1"]').count()).toBe(0);

    // Selecting the last run highlights its row (and names it in the selection bar).
    const runId = (await last.getAttribute('data-run')) ?? '';
    expect(runId).toMatch(/^run_\d{4}$/);
    await last.locator('button.run').click();
    await expect.poll(() => last.locator('button.run').getAttribute('aria-pressed')).toBe('true');
    expect(await last.getAttribute('class')).toMatch(/\bselected\b/);
    await expect
      .poll(() => page.locator('[data-testid="selection-bar"]').textContent())
      .toContain(runId);
  });

  it('moves focus with the keyboard to rows that were not mounted', async () => {
    const page = await h.open();
    const cell = await openLog(page);
    const first = cell.locator('[data-testid="leaderboard-row"][data-rank="1"] button.run');
    await first.focus();
    const focusedRank = () =>
      page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-rank') ?? null);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedRank).toBe('2');
    const ranked =
      Number(await cell.locator('table[aria-rowcount]').getAttribute('aria-rowcount')) - 1;
    const focusedIndex = () =>
      page.evaluate(
        () => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex') ?? null,
      );
    await page.keyboard.press('Control+End');
    await expect.poll(focusedIndex).toBe(String(ranked + 1));
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedIndex).toBe(String(ranked));
    // Still a window, and the focused control is a run button in the table.
    expect(await domRows(cell, 'leaderboard-row')).toBeLessThan(ranked / 3);
    expect(
      await page.evaluate(() => document.activeElement?.classList.contains('run') ?? false),
    ).toBe(true);
  });

  it('keeps a 1,000-column Data cell to a window of rows and reaches the last column', async () => {
    const COLUMNS = 1004;
    const page = await h.open();
    const csv = wideSweep(COLUMNS - 4);
    const lastColumn = csv.slice(0, csv.indexOf('\n')).split(',').at(-1);
    await upload(page, { name: 'wide.csv', content: csv });
    await waitForSettled(page, ['overview-trials'], 60_000);
    const cell = page.locator('[data-testid="cell-data"]');
    await cell.scrollIntoViewIfNeeded();
    const selects = cell.locator('select[data-testid="role-select"]');
    await selects.first().waitFor({ timeout: 20_000 });
    expect(await cell.locator('table').getAttribute('aria-rowcount')).toBe(String(COLUMNS + 1));
    expect(await selects.count()).toBeLessThan(100);

    await scrollToEnd(cell.locator('[data-testid="table-scroll"]'));
    const lastRow = cell.locator(`tr[aria-rowindex="${COLUMNS + 1}"]`);
    await lastRow.waitFor({ timeout: 10_000 });
    const lastName = await lastRow.locator('td.name').textContent();
    expect(lastName?.trim()).toBe(lastColumn);
    expect(await selects.count()).toBeLessThan(100);
  });
});
