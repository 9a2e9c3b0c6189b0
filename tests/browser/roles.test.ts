/** Overriding a column role in the Data cell re-runs the analysis. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEED_CSV } from './fixtures';
import { findings, pick, upload, useHarness, waitForFindings } from './harness';

const roleSelect = (column: string) => `select[data-testid="role-select"][data-column="${column}"]`;

async function waitUntil(page: Page, check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await page.waitForTimeout(100);
  }
}

describe('column roles', () => {
  const h = useHarness();

  it('shows the inferred roles, with metrics never taken for hyperparameters', async () => {
    const page = await h.open();
    await upload(page, { name: 'hpi_sample_results.csv', content: SEED_CSV });
    await waitForFindings(page);
    const roles = await page.$$eval('select[data-testid="role-select"]', (els) =>
      Object.fromEntries(
        els.map((el) => [el.getAttribute('data-column'), (el as HTMLSelectElement).value]),
      ),
    );
    expect(roles).toMatchObject({
      trial_id: 'id',
      status: 'status',
      lr: 'param',
      batch_size: 'param',
      weight_decay: 'param',
      train_loss: 'metric',
      val_loss: 'metric',
      train_acc: 'metric',
      val_acc: 'metric',
      epochs: 'budget',
    });
    expect(['budget', 'time']).toContain(roles.runtime_sec);
    const options = await page.$$eval(`${roleSelect('val_loss')} option`, (els) =>
      els.map((o) => (o as HTMLOptionElement).value),
    );
    expect(options).toEqual(
      expect.arrayContaining(['id', 'status', 'param', 'metric', 'budget', 'time', 'ignore']),
    );
  });

  it('ignoring val_loss and val_acc re-runs the analysis and clears the overfitting finding', async () => {
    const page = await h.open();
    await upload(page, { name: 'hpi_sample_results.csv', content: SEED_CSV });
    await page
      .locator('[data-testid="finding"][data-detector="overfitting"]')
      .first()
      .waitFor({ state: 'attached', timeout: 20_000 });
    const before = await findings(page);
    expect(pick(before, 'overfitting', '3')?.text).toContain('5.3');
    expect(pick(before, 'nan-metrics', '4')).toBeDefined();

    await page.selectOption(roleSelect('val_loss'), 'ignore');
    // The loss ratio (and val_loss = inf of trial 4) no longer count.
    await waitUntil(
      page,
      async () => {
        const now = await findings(page);
        return (
          !pick(now, 'overfitting', '3')?.text.includes('5.3') && !pick(now, 'nan-metrics', '4')
        );
      },
      'the val_loss evidence disappears',
    );
    expect(await page.locator(roleSelect('val_loss')).inputValue()).toBe('ignore');

    // Trial 3 still overfits by accuracy (0.99 vs 0.60) until val_acc is ignored too.
    await page.selectOption(roleSelect('val_acc'), 'ignore');
    await waitUntil(
      page,
      async () => !pick(await findings(page), 'overfitting', '3'),
      'the overfitting finding for trial 3 disappears',
    );
    const after = await findings(page);
    expect(pick(after, 'failed-status', '2')).toBeDefined();
    expect(pick(after, 'short-run', '5')).toBeDefined();
  });
});
