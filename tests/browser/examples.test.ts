/** "Try an example": both embedded examples analyse without a file. */
import { describe, expect, it } from 'vitest';
import { testIdText, useHarness, waitForFindings } from './harness';

const DETECTORS = ['nan-metrics', 'failed-status', 'overfitting', 'short-run'];

describe('Try an example', () => {
  const h = useHarness();

  it('the planted sweep shows findings from each of the four detectors', async () => {
    const page = await h.open();
    await page.click('[data-testid="example-planted"]');
    await waitForFindings(page);
    for (const detector of DETECTORS) {
      await page
        .locator(`[data-testid="finding"][data-detector="${detector}"]`)
        .first()
        .waitFor({ state: 'attached', timeout: 10_000 });
    }
    const trials = Number((await testIdText(page, 'overview-trials')).match(/\d+/)?.[0]);
    expect(trials).toBeGreaterThanOrEqual(40);
    const issues = Number((await testIdText(page, 'overview-issues')).match(/\d+/)?.[0]);
    const healthy = Number((await testIdText(page, 'overview-healthy')).match(/\d+/)?.[0]);
    expect(issues).toBeGreaterThan(0);
    expect(healthy).toBeGreaterThan(0);
    expect(healthy + issues).toBe(trials);
  });

  it('the seed example shows the sample findings and a new analysis starts over', async () => {
    const page = await h.open();
    await page.click('[data-testid="example-seed"]');
    const found = await waitForFindings(page);
    expect(found.some((f) => f.detector === 'failed-status' && f.runs.includes('2'))).toBe(true);
    expect(await testIdText(page, 'overview-trials')).toMatch(/\b6\b/);

    await page.click('[data-testid="new-analysis"]');
    await page.locator('[data-testid="finding"]').first().waitFor({ state: 'detached' });
    await page.locator('[data-testid="example-planted"]').waitFor({ state: 'visible' });
  });
});
