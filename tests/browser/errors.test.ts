/** Bad input gets a clear, located message and never breaks the page. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEED_CSV, UNCLOSED_QUOTE_CSV, binaryBytes } from './fixtures';
import { upload, useHarness, waitForFindings, waitForSettled } from './harness';

describe('bad files', () => {
  const h = useHarness();

  /** After an error, a good file still loads and is analysed. */
  async function stillWorks(page: Page): Promise<void> {
    await upload(page, { name: 'good.csv', content: SEED_CSV });
    const found = await waitForFindings(page);
    expect(found.some((f) => f.detector === 'failed-status' && f.runs.includes('2'))).toBe(true);
  }

  it('an unclosed quote is reported with the file name and line 4', async () => {
    const page = await h.open();
    await upload(page, { name: 'unclosed_quote.csv', content: UNCLOSED_QUOTE_CSV });
    const issue = page.locator('[data-testid="parse-issue"]', { hasText: /line 4\b/ }).first();
    await issue.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await issue.innerText();
    expect(text).toContain('unclosed_quote.csv');
    expect(text).toMatch(/quote/i);
    await stillWorks(page);
  });

  it('a binary file shows a load error, then a good file loads', async () => {
    const page = await h.open();
    await upload(page, { name: 'weights.png', content: binaryBytes(), mimeType: 'image/png' });
    const error = page.locator('[data-testid="load-error"]').first();
    await error.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await error.innerText()).toContain('weights.png');
    expect(await page.locator('[data-testid="finding"]').count()).toBe(0);
    await stillWorks(page);
  });

  it('an empty file shows a load error, then a good file loads', async () => {
    const page = await h.open();
    await upload(page, { name: 'empty.csv', content: '' });
    const error = page.locator('[data-testid="load-error"]').first();
    await error.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await error.innerText()).toMatch(/empty/i);
    await stillWorks(page);
  });

  it('a header-only file says there are no trials instead of failing silently', async () => {
    const page = await h.open();
    await upload(page, { name: 'header_only.csv', content: SEED_CSV.split('\n')[0] + '\n' });
    const shown = await waitForSettled(page, ['load-error', 'parse-issue']);
    const text = await page.locator(`[data-testid="${shown}"]`).first().innerText();
    expect(text).toContain('header_only.csv');
    await stillWorks(page);
  });
});
