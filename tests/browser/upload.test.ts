/** The seed sample through the real file input: findings, overview and both downloads. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEED_CSV } from './fixtures';
import { download, pick, testIdText, upload, useHarness, waitForFindings } from './harness';

describe('uploading the seed sample', () => {
  const h = useHarness();

  async function openWithSeed(): Promise<Page> {
    const page = await h.open();
    await upload(page, { name: 'hpi_sample_results.csv', content: SEED_CSV });
    await waitForFindings(page);
    // Findings may render detector by detector; wait for the last expected one.
    await page
      .locator('[data-testid="finding"][data-detector="short-run"]')
      .first()
      .waitFor({ state: 'attached', timeout: 10_000 });
    return page;
  }

  it('finds the failed, NaN/Inf, overfitting and short runs with their evidence', async () => {
    const page = await openWithSeed();
    const found = await waitForFindings(page);

    const nan2 = pick(found, 'nan-metrics', '2');
    expect(nan2, 'nan-metrics finding for trial 2').toBeDefined();
    expect(nan2!.text).toMatch(/nan/i);
    expect(pick(found, 'failed-status', '2'), 'failed-status finding for trial 2').toBeDefined();

    const nan4 = pick(found, 'nan-metrics', '4');
    expect(nan4, 'nan-metrics finding for trial 4').toBeDefined();
    expect(nan4!.text).toMatch(/inf/i);
    expect(nan4!.text).toContain('val_loss');

    const over3 = pick(found, 'overfitting', '3');
    expect(over3, 'overfitting finding for trial 3').toBeDefined();
    expect(over3!.text).toContain('5.3');

    expect(pick(found, 'short-run', '5'), 'short-run finding for trial 5').toBeDefined();

    // Healthy trials 1 and 6 are not blamed.
    // Trials 1 and 6 are healthy: only sweep-level findings (about the whole design) may name them.
    const SWEEP_LEVEL = [
      'small-sweep',
      'flat-sweep',
      'eval-missing',
      'seed-variance',
      'confounded-params',
      'edge-of-range',
      'values-tried-once',
    ];
    const trialLevel = found.filter((f) => !SWEEP_LEVEL.includes(f.detector));
    expect(trialLevel.filter((f) => f.runs.includes('1') || f.runs.includes('6'))).toEqual([]);
    for (const f of found) {
      expect(['critical', 'warning', 'info']).toContain(f.severity);
    }

    expect(await testIdText(page, 'overview-trials')).toMatch(/\b6\b/);
    for (const cell of ['sources', 'data', 'overview', 'findings', 'associations', 'report']) {
      await expect(page.locator(`[data-testid="cell-${cell}"]`).count()).resolves.toBe(1);
    }
    await expect(page.locator('[data-testid="dialect"]').first().innerText()).resolves.toMatch(
      /comma|,/i,
    );
  });

  it('downloads the markdown report with its four sections', async () => {
    const page = await openWithSeed();
    const md = await download(page, 'download-md');
    expect(md.name).toMatch(/\.md$/);
    for (const heading of [
      '## Overview',
      '## Issue breakdown',
      '## Hyperparameter pathologies',
      '## Recommendations',
    ]) {
      expect(md.text).toContain(heading);
    }
    const order = ['## Overview', '## Issue breakdown', '## Recommendations'].map((s) =>
      md.text.indexOf(s),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(md.text).toMatch(/5\.3/);
  });

  it('downloads the JSON summary with its version and findings', async () => {
    const page = await openWithSeed();
    const json = await download(page, 'download-json');
    expect(json.name).toMatch(/\.json$/);
    const summary = JSON.parse(json.text) as {
      version: unknown;
      findings: { detector: string; runIds: unknown[] }[];
    };
    expect(summary.version).toBeDefined();
    expect(Array.isArray(summary.findings)).toBe(true);
    const runs = new Set(summary.findings.flatMap((f) => f.runIds.map(String)));
    for (const id of ['2', '3', '4']) expect(runs.has(id), `run ${id} in findings`).toBe(true);
    expect(
      summary.findings.some(
        (f) => f.detector === 'overfitting' && f.runIds.map(String).includes('3'),
      ),
    ).toBe(true);
  });
});
