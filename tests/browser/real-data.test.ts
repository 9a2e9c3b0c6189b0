/** Every real sweep CSV in ../shared/data loads: analysed, or a clear visible message. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, upload, useHarness, waitForSettled } from './harness';
import { readWhileScrolling } from './virtual-scroll';

const sweepDir = path.join(sharedDataDir, 'real', 'sweep_csv');
const files = existsSync(sweepDir)
  ? readdirSync(sweepDir)
      .filter((f) => !f.startsWith('.'))
      .sort()
  : [];

describe.skipIf(files.length === 0)(`real sweep CSVs in ${sweepDir}`, () => {
  const h = useHarness();

  it.each(files)('%s is analysed or explained, without a page error', async (name) => {
    const page = await h.open();
    await upload(page, path.join(sweepDir, name));
    const shown = await waitForSettled(page);
    if (shown === 'overview-trials' || shown === 'finding') {
      const trials = page.locator('[data-testid="overview-trials"]').first();
      await trials.waitFor({ state: 'visible', timeout: 10_000 });
      expect(Number((await trials.innerText()).match(/\d+/)?.[0])).toBeGreaterThan(0);
      // Analysed without any metric: the page must say so rather than look healthy.
      // The Data cell announces every column (aria-rowcount) but a long table keeps only the
      // rows in view in the DOM: scroll through it to read every role.
      const columns = Number(
        ((await page.locator('[data-testid="cell-data"]').textContent()) ?? '').match(
          /(\d+) columns?/,
        )?.[1],
      );
      const table = page.locator('[data-testid="cell-data"] table');
      await expect
        .poll(() => table.getAttribute('aria-rowcount'), { timeout: 10_000 })
        .toBe(String(columns + 1));
      const roles = await readAllRoles(page);
      expect(roles.size).toBe(columns);
      if (![...roles.values()].includes('metric')) {
        expect(await page.locator('body').innerText()).toMatch(/no metric/i);
      }
    } else {
      const message = await page.locator(`[data-testid="${shown}"]`).first().innerText();
      expect(message.trim().length, `visible ${shown} text`).toBeGreaterThan(10);
    }
  });

  const FORMATS: Record<string, string> = {
    'optuna_eye_disease.csv': 'optuna',
    'optuna_fakenews_3trials.csv': 'optuna',
    'mlflow_ui_export_sentiment.csv': 'mlflow-ui',
    'mlflow_search_runs_rf.csv': 'mlflow-search-runs',
    'sklearn_cv_results_svm_full.csv': 'sklearn-cv',
    'sklearn_gridsearch_svm_collapsed.csv': 'sklearn-cv',
    'wandb_export_quant_bits.csv': 'wandb',
    'ray_tune_results_no_metrics.csv': 'ray-tune',
    'hpi_sample_results.csv': 'generic',
  };
  it.each(Object.entries(FORMATS).filter(([name]) => files.includes(name)))(
    '%s shows which tool wrote it (%s)',
    async (name, format) => {
      const page = await h.open();
      await upload(page, path.join(sweepDir, name));
      const line = page.locator('[data-testid="table-format"]');
      await line.waitFor({ state: 'attached', timeout: 20_000 });
      expect(await line.getAttribute('data-format')).toBe(format);
      expect(await line.textContent()).toMatch(/read as .+ because /);
    },
  );

  it('the original sample yields the expected findings', async () => {
    const page = await h.open();
    await upload(page, path.join(sweepDir, 'hpi_sample_results.csv'));
    await page
      .locator('[data-testid="finding"][data-detector="overfitting"][data-runs*="3"]')
      .first()
      .waitFor({ state: 'attached', timeout: 20_000 });
    const ids = await page.$$eval('[data-testid="finding"]', (els) =>
      els.map((e) => `${e.getAttribute('data-detector')}:${e.getAttribute('data-runs')}`),
    );
    expect(ids.join(' ')).toMatch(/failed-status:[^ ]*\b2\b/);
    expect(ids.join(' ')).toMatch(/nan-metrics:[^ ]*\b4\b/);
  });
});

/** Every role select of the Data cell by row, scrolling its virtualised table from top to end. */
async function readAllRoles(page: Page): Promise<Map<number, string>> {
  const roles = new Map<number, string>();
  const cell = page.locator('[data-testid="cell-data"]');
  const scroller = cell.locator('[data-testid="table-scroll"]');
  await readWhileScrolling(page, scroller, async () => {
    const rows = await cell.locator('tr[data-index]').evaluateAll((els) =>
      els.map((tr) => ({
        index: Number(tr.getAttribute('data-index')),
        role: tr.querySelector<HTMLSelectElement>('select[data-testid="role-select"]')?.value,
      })),
    );
    for (const row of rows) if (row.role !== undefined) roles.set(row.index, row.role);
  });
  return roles;
}
