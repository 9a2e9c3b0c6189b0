/**
 * A sweep folder of TensorBoard event files through the real folder input: hyperparameters from
 * folder names, the Curves cell (lazy plotly, offline), the Leaderboard and the curve findings.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCurveSweep } from '../../src/lib/fixtures/curve-sweep';
import { SEED_CSV } from './fixtures';
import {
  curveTraces,
  findings,
  sharedDataDir,
  upload,
  uploadFolder,
  useHarness,
  waitForCurvePlot,
  waitForFindings,
} from './harness';

const sweep = generateCurveSweep(7);
const runIds = [...new Set(sweep.files.map((f) => f.path.split('/')[1]))];
let sweepDir = '';

beforeAll(async () => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'hpi-curves-'));
  for (const f of sweep.files) {
    const file = path.join(tmp, f.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, f.bytes);
  }
  sweepDir = path.join(tmp, sweep.files[0].path.split('/')[0]);
});

describe('a sweep folder of event files', () => {
  const h = useHarness();
  let page: Page;

  async function openSweep(): Promise<Page> {
    const p = await h.open();
    await uploadFolder(p, sweepDir);
    await waitForFindings(p, 30_000);
    await p.locator('[data-testid="cell-leaderboard"]').waitFor({ timeout: 20_000 });
    return p;
  }

  afterAll(() => undefined);

  it('reads every file, ranks every run and shows its hyperparameters', async () => {
    page = await openSweep();
    const summary = await page.locator('[data-testid="source-files-summary"]').textContent();
    expect(summary).toMatch(/\d+ event files/);

    const rows = page.locator('[data-testid="leaderboard-row"]');
    await page.locator('[data-testid="cell-leaderboard"]').scrollIntoViewIfNeeded();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(runIds.length);
    const ranked = await rows.evaluateAll((els) =>
      els.map((el) => ({
        run: el.getAttribute('data-run') ?? '',
        ranks: (el.getAttribute('data-ranks') ?? '').split(',').map(Number),
        text: el.textContent ?? '',
      })),
    );
    expect(ranked.map((r) => r.run).sort()).toEqual([...runIds].sort());
    for (const r of ranked) {
      expect(r.ranks).toHaveLength(3);
      for (const rank of r.ranks) expect(rank).toBeGreaterThanOrEqual(1);
      expect(r.text).toMatch(/#\d+/);
    }
    // Hyperparameters parsed from "run_3_lr-2e-4_rank-32".
    const text = (await page.locator('[data-testid="cell-leaderboard"]').textContent()) ?? '';
    expect(text).toMatch(/lr=(2e-4|0\.0002)/);
    expect(text).toMatch(/rank=32/);
    // textContent, not innerText: a cell the page skips rendering (content-visibility:auto, when
    // scrolled away) has an empty innerText.
    await expect(page.locator('[data-testid="ranking-method"]').textContent()).resolves.toMatch(
      /\w+/,
    );
  });

  it('shows a finding for every planted spike, divergence, NaN and early stop', async () => {
    page = await openSweep();
    for (const [run, detectors] of Object.entries(sweep.planted)) {
      for (const detector of detectors) {
        await page
          .locator(`[data-testid="finding"][data-detector="${detector}"]`)
          .first()
          .waitFor({ state: 'attached', timeout: 10_000 });
        const found = (await findings(page)).filter(
          (f) => f.detector === detector && f.runs.includes(run),
        );
        expect(found, `${detector} on ${run}`).not.toHaveLength(0);
      }
    }
    const where = page.locator('[data-testid="finding-where"]');
    expect(await where.count()).toBeGreaterThan(0);
    await expect(where.first().innerText()).resolves.toMatch(/step/);
  });

  it('draws one smoothed curve per shown run, re-renders on smoothing, stays same-origin', async () => {
    page = await openSweep();
    await waitForCurvePlot(page);
    const plot = page.locator('[data-testid="curve-plot"]');
    const series = Number(await plot.getAttribute('data-series'));
    expect(series).toBeGreaterThan(0);
    expect(series).toBeLessThanOrEqual(runIds.length);
    const before = await curveTraces(page);
    const smoothed = before.filter((t) => t.uid.startsWith('smoothed-'));
    expect(smoothed).toHaveLength(series);
    expect(before.filter((t) => t.uid.startsWith('raw-'))).toHaveLength(series);
    expect(before.some((t) => t.uid.startsWith('markers-'))).toBe(true);

    const drawn = Number(await plot.getAttribute('data-drawn'));
    await page.locator('[data-testid="smoothing"]').fill('0.95');
    await waitForCurvePlot(page, drawn + 1);
    const after = (await curveTraces(page)).filter((t) => t.uid.startsWith('smoothed-'));
    expect(after).toHaveLength(series);
    expect(after.map((t) => t.firstY)).not.toEqual(smoothed.map((t) => t.firstY));

    // Clicking a leaderboard run highlights it: the plot redraws with it selected.
    const first = page.locator('[data-testid="leaderboard-row"] button.run').first();
    await first.scrollIntoViewIfNeeded();
    await first.click();
    await expect(first.getAttribute('aria-pressed')).resolves.toBe('true');

    const foreign = h.requests.filter(
      (u) => !u.startsWith(h.origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
    );
    expect(foreign).toEqual([]);

    // Run ids hold `:` and `.`; plotly builds CSS selectors from trace uids when it purges a
    // plot, so "New analysis" threw while uids carried run ids (the harness fails on it).
    await page.locator('[data-testid="new-analysis"]').click();
    await page.locator('[data-testid="example-planted"]').waitFor();
  });
});

describe('cells that exist only for curves', () => {
  const h = useHarness();

  it('reads several files picked at once through the file input', async () => {
    const page = await h.open();
    const events = sweep.files.filter((f) => f.path.includes('tfevents')).slice(0, 3);
    await page.setInputFiles(
      'input[type=file][data-testid="file-input"]',
      events.map((f) => path.join(path.dirname(sweepDir), f.path)),
    );
    await page.locator('[data-testid="source-files"]').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.locator('[data-testid="source-file"]').count(), { timeout: 10_000 })
      .toBe(3);
  });

  it('does not show Curves or Leaderboard for a plain sweep CSV', async () => {
    const page = await h.open();
    await upload(page, { name: 'seed.csv', content: SEED_CSV });
    await waitForFindings(page);
    await page.locator('[data-testid="cell-report"]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-testid="cell-curves"]').count()).toBe(0);
    expect(await page.locator('[data-testid="cell-leaderboard"]').count()).toBe(0);
    // plotly is loaded only for the Curves cell.
    expect(h.requests.filter((u) => /plotly/i.test(u))).toEqual([]);
  });

  const whisper = path.join(sharedDataDir, 'real/trainer_state/whisper_large_v2_ja_overfit.json');
  it.runIf(existsSync(whisper))(
    'finds the overfitting onset in a real trainer_state.json',
    async () => {
      const page = await h.open();
      await page.setInputFiles('input[type=file][data-testid="file-input"]', whisper);
      await waitForFindings(page, 30_000);
      await page
        .locator('[data-testid="finding"][data-detector="overfitting-onset"]')
        .first()
        .waitFor({ state: 'attached', timeout: 15_000 });
      await page.locator('[data-testid="cell-curves"]').waitFor({ timeout: 10_000 });
    },
  );
});
