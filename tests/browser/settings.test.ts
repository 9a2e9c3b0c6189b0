/** The Detector settings cell: thresholds re-run the analysis and persist across visits. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEED_CSV } from './fixtures';
import { findings, pick, upload, useHarness, waitForFindings } from './harness';
import { waitStored } from './workspace-page';

const CELL = '[data-testid="cell-settings"]';
const setting = (key: string) => `input[data-testid="setting"][data-key="${key}"]`;
const STORAGE_KEY = 'hpi.detector-settings.v1';

async function waitUntil(page: Page, check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await page.waitForTimeout(100);
  }
}

async function loadSeed(page: Page) {
  await upload(page, { name: 'hpi_sample_results.csv', content: SEED_CSV });
  await page
    .locator('[data-testid="finding"][data-detector="overfitting"]')
    .first()
    .waitFor({ state: 'attached', timeout: 20_000 });
  await page.locator(CELL).waitFor({ state: 'attached', timeout: 20_000 });
}

async function openSettings(page: Page) {
  const toggle = page.locator(`${CELL} button[aria-expanded]`).first();
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await page.locator(setting('overfitting.lossRatio')).waitFor({ state: 'visible' });
}

describe('detector settings', () => {
  const h = useHarness();

  it('lists every threshold, collapsed by default, each with its one-line rationale', async () => {
    const page = await h.open();
    await loadSeed(page);
    expect(await page.locator(setting('overfitting.lossRatio')).isVisible()).toBe(false);
    await openSettings(page);
    const inputs = await page.$$eval('input[data-testid="setting"]', (els) =>
      els.map((el) => ({
        key: el.getAttribute('data-key'),
        type: (el as HTMLInputElement).type,
        value: (el as HTMLInputElement).value,
        why: document.getElementById((el.getAttribute('aria-describedby') ?? '').split(' ')[0])
          ?.textContent,
      })),
    );
    expect(inputs.length).toBeGreaterThanOrEqual(6);
    expect(inputs.find((i) => i.key === 'overfitting.lossRatio')).toMatchObject({
      type: 'number',
      value: '1.5',
    });
    expect(inputs.map((i) => i.key)).toEqual(
      expect.arrayContaining(['overfitting.accuracyGap', 'shortRun.minTrials']),
    );
    for (const input of inputs) expect(input.why?.trim().length, input.key!).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="settings-reset"]').isDisabled()).toBe(true);
  });

  it('raising the overfitting thresholds clears trial 3; the values persist after a reload', async () => {
    const page = await h.open();
    await loadSeed(page);
    expect(pick(await findings(page), 'overfitting', '3')?.text).toContain('5.3');
    await openSettings(page);

    await page.fill(setting('overfitting.lossRatio'), '10');
    // The loss-ratio evidence goes; trial 3 still overfits by accuracy (0.99 vs 0.60).
    await waitUntil(
      page,
      async () => !pick(await findings(page), 'overfitting', '3')?.text.includes('5.3'),
      'the loss-ratio finding for trial 3 disappears',
    );
    await page.fill(setting('overfitting.accuracyGap'), '1');
    await waitUntil(
      page,
      async () => !pick(await findings(page), 'overfitting', '3'),
      'the overfitting finding for trial 3 disappears',
    );
    const after = await findings(page);
    expect(pick(after, 'failed-status', '2')).toBeDefined();
    expect(pick(after, 'short-run', '5')).toBeDefined();
    expect(await page.locator(CELL).innerText()).toMatch(/2 thresholds changed/);
    // The notebook keeps its thresholds too, and reopens on reload: let autosave store them.
    await waitStored(page, (docs) => docs[0]?.settings?.overfitting?.accuracyGap === 1);

    await page.reload({ waitUntil: 'load' });
    const stored = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
    expect(JSON.parse(stored ?? 'null')).toEqual({
      overfitting: { lossRatio: 10, accuracyGap: 1 },
    });
    // The notebook reopens with its thresholds; then the same file dropped again (a new
    // notebook) starts from the thresholds last used.
    await page.locator('[data-testid="workspace-notice"]', { hasText: 'Restored' }).waitFor();
    await waitForFindings(page);
    expect(pick(await findings(page), 'overfitting', '3')).toBeUndefined();
    await upload(page, { name: 'hpi_sample_results.csv', content: SEED_CSV });
    const reloaded = await waitForFindings(page);
    expect(pick(reloaded, 'failed-status', '2')).toBeDefined();
    expect(pick(reloaded, 'overfitting', '3')).toBeUndefined();
    await page.locator(CELL).waitFor({ state: 'attached', timeout: 20_000 });
    await openSettings(page);
    expect(await page.inputValue(setting('overfitting.lossRatio'))).toBe('10');
    expect(await page.inputValue(setting('overfitting.accuracyGap'))).toBe('1');

    await page.click('[data-testid="settings-reset"]');
    await waitUntil(
      page,
      async () => pick(await findings(page), 'overfitting', '3')?.text.includes('5.3') ?? false,
      'the overfitting finding for trial 3 is back',
    );
    expect(await page.inputValue(setting('overfitting.lossRatio'))).toBe('1.5');
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull();
  });

  it('an invalid value is marked and changes nothing; garbage in storage is ignored', async () => {
    const page = await h.open();
    await page.evaluate(
      (key) => localStorage.setItem(key, '{"overfitting":{"lossRatio":"oops"'),
      STORAGE_KEY,
    );
    await page.reload({ waitUntil: 'load' });
    await loadSeed(page);
    await openSettings(page);
    expect(await page.inputValue(setting('overfitting.lossRatio'))).toBe('1.5');
    await page.fill(setting('overfitting.lossRatio'), '-3');
    expect(await page.getAttribute(setting('overfitting.lossRatio'), 'aria-invalid')).toBe('true');
    expect(await page.locator(CELL).innerText()).toContain('needs a number ≥ 0');
    await page.waitForTimeout(600);
    expect(pick(await findings(page), 'overfitting', '3')?.text).toContain('5.3');
    expect(await page.locator('[data-testid="settings-reset"]').isDisabled()).toBe(true);
  });
});
