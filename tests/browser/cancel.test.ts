/** A long ingest shows progress and can be cancelled, leaving a usable page. */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_CSV, writeLargeSweep } from './fixtures';
import { upload, useHarness, waitForFindings } from './harness';

describe('cancel', () => {
  const h = useHarness();
  let file: string | undefined;

  afterAll(async () => {
    if (file) await rm(path.dirname(file), { recursive: true, force: true });
  });

  it('cancelling a 60 MB ingest returns to a usable page with no findings from it', async () => {
    file = await writeLargeSweep(60 * 1024 * 1024);
    const page = await h.open();
    await upload(page, file);
    const progress = page.locator('[data-testid="progress"]').first();
    await progress.waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('[data-testid="cancel"]').first().click();
    await progress.waitFor({ state: 'detached', timeout: 10_000 });

    // Had the ingest finished, its failed trials would be findings; give it time to show any.
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-testid="finding"]').count()).toBe(0);
    const trials = page.locator('[data-testid="overview-trials"]');
    if ((await trials.count()) > 0) expect(await trials.innerText()).not.toMatch(/\d{5,}/);

    // The page still works.
    await upload(page, { name: 'hpi_sample_results.csv', content: SEED_CSV });
    const found = await waitForFindings(page);
    expect(found.some((f) => f.runs.includes('2'))).toBe(true);
    expect(found.every((f) => f.runs.every((r) => Number(r) <= 6))).toBe(true);
  });
});
