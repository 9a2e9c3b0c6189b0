/**
 * The detected table format is shown as "read as <tool> because …" with a "Read as" choice next
 * to it; picking another format reads the file again as that format.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generateOptunaCsv } from '../../src/lib/fixtures/exports';
import { upload, useHarness, waitForSettled } from './harness';

const LINE = '[data-testid="table-format"]';
const SELECT = 'select[data-testid="table-format-select"]';
const OPTUNA = 'an Optuna trials_dataframe() export';

/** Column names as the Data cell lists them (one role select per column). */
const dataColumns = (page: Page) =>
  page.$$eval('[data-testid="cell-data"] select[data-testid="role-select"]', (els) =>
    els.map((el) => el.getAttribute('data-column') ?? ''),
  );

/** Waits until the line says it was read as `id` and nothing is working any more. */
async function waitForFormat(page: Page, id: string): Promise<string> {
  await page.waitForFunction(
    ({ line, id }) => {
      const el = document.querySelector(line);
      return (
        el?.getAttribute('data-format') === id &&
        !document.querySelector('[data-testid="progress"]') &&
        document.querySelector('[data-testid="overview-trials"]')
      );
    },
    { line: LINE, id },
    { timeout: 20_000, polling: 100 },
  );
  return page.locator(LINE).innerText();
}

describe('overriding the detected table format', () => {
  const h = useHarness();

  it('reads an Optuna export as generic and back, the Data cell following', async () => {
    const page = await h.open();
    await upload(page, { name: 'study.csv', content: generateOptunaCsv(11) });
    await waitForSettled(page, ['overview-trials']);

    const detected = await waitForFormat(page, 'optuna');
    expect(detected).toContain(`read as ${OPTUNA} because it has the columns`);
    expect(await page.locator(SELECT).inputValue()).toBe('optuna');
    const labels = await page.$$eval(`${SELECT} option`, (els) =>
      els.map((o) => [(o as HTMLOptionElement).value, o.textContent?.trim()]),
    );
    expect(labels).toHaveLength(9);
    expect(labels).toContainEqual(['optuna', `${OPTUNA} (detected)`]);
    expect(labels).toContainEqual(['generic', 'a generic sweep table']);
    expect(await page.getByLabel('Read as').count()).toBe(1);
    const renamed = await dataColumns(page);
    expect(renamed).toContain('lr');
    expect(renamed).not.toContain('params_lr');

    await page.selectOption(SELECT, 'generic');
    const chosen = await waitForFormat(page, 'generic');
    expect(chosen).toContain(`read as a generic sweep table: you chose it (detected: ${OPTUNA})`);
    expect(chosen).not.toContain('because');
    const asIs = await dataColumns(page);
    expect(asIs).toContain('params_lr');
    expect(asIs).not.toContain('lr');
    expect(await page.locator(SELECT).inputValue()).toBe('generic');
    expect(await page.locator(LINE).getAttribute('data-chosen')).toBe('generic');

    // A role change re-runs the analysis on the table as chosen.
    await page.selectOption(
      'select[data-testid="role-select"][data-column="params_optimizer"]',
      'ignore',
    );
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="cell-data"] [data-column="params_optimizer"]')
          ?.closest('tr')
          ?.textContent?.includes('set by you'),
      undefined,
      { timeout: 20_000, polling: 100 },
    );
    expect(await waitForFormat(page, 'generic')).toContain('you chose it');
    expect(await dataColumns(page)).toContain('params_lr');

    await page.selectOption(SELECT, 'optuna');
    const back = await waitForFormat(page, 'optuna');
    expect(back).toContain(`read as ${OPTUNA} because`);
    expect(await dataColumns(page)).toContain('lr');
    expect(await page.locator(SELECT).inputValue()).toBe('optuna');
    expect(await page.locator(LINE).getAttribute('data-chosen')).toBeNull();
  });

  it('the choice is reachable from the keyboard', async () => {
    const page = await h.open();
    await upload(page, { name: 'study.csv', content: generateOptunaCsv(11) });
    await waitForFormat(page, 'optuna');
    await page.locator(SELECT).focus();
    // Keyboard focus lands on the control and a key press picks a neighbouring format.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'table-format-select',
    );
    await page.keyboard.press('ArrowUp');
    await waitForFormat(page, 'generic');
    expect(await page.locator(LINE).innerText()).toContain('you chose it');
  });

  it('is not offered for training logs', async () => {
    const page = await h.open();
    await page.click('[data-testid="example-lora"]');
    await waitForSettled(page, ['overview-trials']);
    expect(await page.locator('[data-testid="cell-sources"]').count()).toBe(1);
    expect(await page.locator(SELECT).count()).toBe(0);
    expect(await page.locator(LINE).count()).toBe(0);
  });
});
