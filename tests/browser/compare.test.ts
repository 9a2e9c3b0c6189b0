/**
 * The Compare cell end to end: files through the real file input, a Compare cell from "Add cell",
 * runs ticked in its leaderboard or taken from the selection, and the tests it reports read back
 * from the page (kind, p-value, winner, verdict). Real lm-eval files when ../shared/data exists.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  baseVsTunedWithinNoise,
  trackerComparison,
  type ReportFixture,
} from '../../src/lib/fixtures/reports';
import { repoRoot, sharedDataDir, upload, useHarness, waitForFindings } from './harness';

const PLANTED = path.join(repoRoot, 'public/examples/planted-sweep.csv');
const EVAL_JSON = path.join(sharedDataDir, 'real/eval_json');

/** Writes fixtures to a fresh temporary folder and returns their paths. */
async function writeFixtures(...fixtures: ReportFixture[]): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpi-compare-'));
  return Promise.all(
    fixtures.map(async (f) => {
      const file = path.join(dir, f.name);
      await writeFile(file, f.text);
      return file;
    }),
  );
}

async function load(page: Page, files: string[]): Promise<void> {
  await page.setInputFiles('input[type=file][data-testid="file-input"]', files);
  await page.locator('[data-testid="add-cell-end"]').waitFor({ timeout: 30_000 });
}

/** Adds a Compare cell at the end of the notebook and returns it once its leaderboard shows. */
async function addCompareCell(page: Page): Promise<Locator> {
  const before = await page.locator('[data-testid="cell-compare"]').count();
  await page.click('[data-testid="add-cell-end"]');
  await page.click('[data-testid="add-cell-kind"][data-kind="compare"]');
  const cell = page.locator('[data-testid="cell-compare"]').nth(before);
  await cell.locator('[data-testid="compare-leaderboard"]').waitFor({ timeout: 20_000 });
  return cell;
}

async function pick(cell: Locator, runId: string): Promise<void> {
  await cell.locator(`[data-testid="compare-pick"][data-run="${runId}"]`).click();
}

interface ShownTest {
  kind: string;
  run: string;
  p: number;
  text: string;
}

/** The tests shown in one metric row, once the table compares exactly `runs`. */
async function testsOf(cell: Locator, runs: string[], metric: string): Promise<ShownTest[]> {
  const heads = cell.locator('[data-testid="compare-table"] thead th.run');
  await expect
    .poll(() => heads.evaluateAll((els) => els.map((e) => e.getAttribute('data-run'))), {
      timeout: 20_000,
    })
    .toEqual(runs);
  const row = cell.locator(`[data-testid="compare-metric-row"][data-metric="${metric}"]`);
  return row.locator('[data-testid="compare-test"]').evaluateAll((els) =>
    els.map((el) => ({
      kind: el.getAttribute('data-kind') ?? '',
      run: el.getAttribute('data-run') ?? '',
      p: Number(el.getAttribute('data-p')),
      text: (el.textContent ?? '').replace(/\s+/g, ' '),
    })),
  );
}

async function configKeys(cell: Locator): Promise<string[]> {
  return cell
    .locator('[data-testid="compare-config-row"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''));
}

async function metricSpec(cell: Locator): Promise<string> {
  return cell.locator('[data-testid="compare-metric"]').inputValue();
}

describe('Compare cell', () => {
  const h = useHarness();

  it('tracker runs on 400 shared problems: noise vs a real gain, by paired bootstrap', async () => {
    const page = await h.open();
    await load(page, await writeFixtures(trackerComparison()));
    const cell = await addCompareCell(page);
    expect(await cell.locator('[data-testid="compare-empty"]').count()).toBe(1);

    await pick(cell, 'exp_a');
    await pick(cell, 'exp_c');
    let tests = await testsOf(cell, ['exp_a', 'exp_c'], 'gsm8k/accuracy');
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({ kind: 'paired-bootstrap', run: 'exp_a' });
    expect(tests[0].p).toBeGreaterThan(0.2);
    expect(tests[0].text).toMatch(/within noise/);
    expect(tests[0].text).toMatch(/paired bootstrap over 400 shared examples/);
    // Only what differs: the learning rate; base model, rank and steps are equal and hidden.
    const keys = await configKeys(cell);
    expect(keys).toEqual(['learning_rate']);
    const hidden = cell.locator('[data-testid="compare-hidden"]');
    expect(Number(await hidden.getAttribute('data-hidden'))).toBeGreaterThanOrEqual(3);

    // exp_b instead of exp_c: 40 more right and 5 more wrong of 400 is a real gain.
    await pick(cell, 'exp_c');
    await pick(cell, 'exp_b');
    tests = await testsOf(cell, ['exp_a', 'exp_b'], 'gsm8k/accuracy');
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({ kind: 'paired-bootstrap', run: 'exp_a' });
    expect(tests[0].p).toBeLessThan(0.01);
    expect(tests[0].text).toMatch(/real difference/);
    const row = cell.locator('[data-testid="compare-metric-row"][data-metric="gsm8k/accuracy"]');
    expect(await row.getAttribute('data-winners')).toBe('exp_b');
    expect(await text(row.locator('.badge'))).toMatch(/best/i);
  });

  it('base vs fine-tuned 1.2 points apart on 250 examples: within noise, two-proportion test', async () => {
    const page = await h.open();
    await load(page, await writeFixtures(baseVsTunedWithinNoise()));
    const found = await waitForFindings(page);
    const noise = found.filter((f) => f.detector === 'within-noise');
    expect(noise).toHaveLength(1);
    expect(noise[0].text).toMatch(/noise/i);

    const cell = await addCompareCell(page);
    const runs = await cell
      .locator('[data-testid="compare-leaderboard-row"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-run') ?? ''));
    expect(runs).toHaveLength(2);
    for (const run of runs) await pick(cell, run);
    const metric = await metricSpec(cell);
    // Ticked in leaderboard order, best first: the base model is the one tested.
    const tests = await testsOf(cell, runs, metric);
    expect(tests).toHaveLength(1);
    expect(tests[0].run).toBe(runs[1]);
    expect(tests[0].kind).toBe('two-proportion');
    expect(tests[0].p).toBeGreaterThan(0.5);
    expect(tests[0].text).toMatch(/within noise/);
    expect(tests[0].text).toMatch(/two-proportion/);
    expect(tests[0].text).toMatch(/250/);
  });

  it('compares the selection from the findings; more than four selected are left out', async () => {
    const page = await h.open();
    await upload(page, PLANTED);
    await page.locator('[data-testid="add-cell-end"]').waitFor({ timeout: 30_000 });
    const found = await waitForFindings(page);
    const ids = [...new Set(found.flatMap((f) => f.runs))];
    expect(ids.length).toBeGreaterThanOrEqual(5);

    // Select three runs by their buttons in the Findings cell.
    const findingsCell = page.locator('[data-testid="cell-findings"]');
    const chosen = ids.slice(0, 3);
    for (const id of chosen)
      await findingsCell
        .locator('button.run', { hasText: new RegExp(`^${escape(id)}$`) })
        .first()
        .click();

    const cell = await addCompareCell(page);
    expect(await text(cell)).toMatch(/Comparing the selected runs/);
    const heads = cell.locator('[data-testid="compare-table"] thead th.run');
    await expect
      .poll(() => heads.evaluateAll((els) => els.map((e) => e.getAttribute('data-run'))), {
        timeout: 20_000,
      })
      .toEqual(chosen);
    expect(await cell.locator('[data-testid="compare-overflow"]').count()).toBe(0);

    // Two more: five selected, the first four compared, the note names the one left out.
    for (const id of ids.slice(3, 5))
      await findingsCell
        .locator('button.run', { hasText: new RegExp(`^${escape(id)}$`) })
        .first()
        .click();
    const overflow = cell.locator('[data-testid="compare-overflow"]');
    await overflow.waitFor();
    expect(await text(overflow)).toMatch(/5 runs are selected; comparing the first 4/);
    expect(await text(overflow)).toContain(ids[4]);
    await expect
      .poll(() => heads.evaluateAll((els) => els.map((e) => e.getAttribute('data-run'))))
      .toEqual(ids.slice(0, 4));
  });

  it('keeps the ticked runs and the metric when the cell is moved or duplicated (they are in the spec)', async () => {
    const page = await h.open();
    await load(page, await writeFixtures(trackerComparison()));
    const cell = await addCompareCell(page);
    await pick(cell, 'exp_b');
    await pick(cell, 'exp_c');
    // The leaderboard starts on the primary metric; rank by the training loss instead.
    expect(await metricSpec(cell)).toBe('gsm8k/accuracy');
    await cell.locator('[data-testid="compare-metric"]').selectOption('train/loss');
    await testsOf(cell, ['exp_b', 'exp_c'], 'gsm8k/accuracy');
    const firstRow = cell.locator('[data-testid="compare-metric-row"]').first();
    await expect.poll(() => firstRow.getAttribute('data-metric')).toBe('train/loss');

    const id = await cell.getAttribute('data-cell-id');
    const position = () =>
      page.$$eval(
        '[data-cell-id]',
        (els, want) => els.findIndex((e) => e.getAttribute('data-cell-id') === want),
        id,
      );
    const before = await position();
    await cell.locator('[data-testid="cell-move-up"]').click();
    await cell.locator('[data-testid="cell-move-up"]').click();
    await expect.poll(position).toBe(before - 2);

    const moved = page.locator(`[data-cell-id="${id}"]`);
    await moved.locator('[data-testid="compare-leaderboard"]').waitFor();
    const keeps = async (c: Locator) => {
      expect(await metricSpec(c)).toBe('train/loss');
      const checked = await c
        .locator('[data-testid="compare-pick"]:checked')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-run')));
      expect(checked.sort()).toEqual(['exp_b', 'exp_c']);
      await testsOf(c, ['exp_b', 'exp_c'], 'gsm8k/accuracy');
      expect(await text(c)).toMatch(/Comparing the runs ticked below/);
    };
    await keeps(moved);
    // A duplicate is built from the spec alone: the choices must be stored there.
    await moved.locator('[data-testid="cell-duplicate"]').click();
    const copies = page.locator('[data-testid="cell-compare"]');
    await expect.poll(() => copies.count()).toBe(2);
    const copy = copies.nth(1);
    await copy.locator('[data-testid="compare-leaderboard"]').waitFor();
    expect(await copy.getAttribute('data-cell-id')).not.toBe(id);
    await keeps(copy);
  });
});

describe.runIf(existsSync(EVAL_JSON))('Compare cell on real lm-eval results', () => {
  const h = useHarness();

  /**
   * No stored real file holds two models, so the epoch-5 asdiv result (512 documents, with its
   * stderr) is paired with a sibling at the epoch-62 score ../shared/data's README describes
   * (+0.031: 473 of 512 right, stderr √(p(1−p)/511) as lm-eval computes it), and the bloom gsm8k
   * file adds a task the other two lack.
   */
  async function realFiles(): Promise<{ files: string[]; runs: string[] }> {
    const name = 'lmeval_v04_llama3_peft_epoch5_asdiv_limit512.json';
    const text = await readFile(path.join(EVAL_JSON, name), 'utf8');
    const later = JSON.parse(
      text.replaceAll('/epoch_5', '/epoch_62').replaceAll('__epoch_5', '__epoch_62'),
    ) as {
      results: Record<string, Record<string, unknown>>;
    };
    const p = 473 / 512;
    const se = Math.sqrt((p * (1 - p)) / 511);
    const task = later.results.asdiv_cot_llama;
    for (const key of Object.keys(task)) {
      if (key.startsWith('exact_match_stderr,')) task[key] = se;
      else if (key.startsWith('exact_match,')) task[key] = p;
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hpi-compare-real-'));
    const files = [
      path.join(EVAL_JSON, name),
      path.join(dir, name.replace('epoch5', 'epoch62')),
      path.join(EVAL_JSON, 'lmeval_v03_bloom1b1_gsm8k_8shot.json'),
    ];
    await writeFile(files[1], JSON.stringify(later, null, 2));
    return { files, runs: files.map((f) => path.basename(f, '.json')) };
  }

  it('epoch 5 vs epoch 62 on 512 asdiv documents: stderr z-test, p ≈ 0.08, within noise', async () => {
    const { files, runs } = await realFiles();
    const page = await h.open();
    await load(page, files);
    const cell = await addCompareCell(page);
    const metrics = await cell
      .locator('[data-testid="compare-metric"] option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const asdiv = metrics.filter((m) => m.startsWith('asdiv_cot_llama/'));
    expect(asdiv.length).toBeGreaterThanOrEqual(1);
    expect(metrics).toContain('gsm8k/acc');
    await cell.locator('[data-testid="compare-metric"]').selectOption(asdiv[0]);
    await expect
      .poll(() => cell.locator('[data-testid="compare-leaderboard-row"]').count())
      .toBe(2);
    await pick(cell, runs[0]);
    await pick(cell, runs[1]);

    // z = 0.03125 / √(0.013698² + 0.011735²) = 1.73: p = 0.083, two-sided.
    const expected =
      2 *
      (1 -
        normalCdf(
          0.03125 / Math.hypot(0.013698059040266075, Math.sqrt(((473 / 512) * (39 / 512)) / 511)),
        ));
    for (const metric of asdiv) {
      const tests = await testsOf(cell, runs.slice(0, 2), metric);
      expect(tests).toHaveLength(1);
      expect(tests[0]).toMatchObject({ kind: 'stderr-z', run: runs[0] });
      expect(tests[0].p).toBeCloseTo(expected, 3);
      expect(tests[0].p).toBeGreaterThan(0.05);
      expect(tests[0].p).toBeLessThan(0.15);
      expect(tests[0].text).toMatch(/within noise/);
      expect(tests[0].text).toMatch(/z-test from the standard errors/);
      const row = cell.locator(`[data-testid="compare-metric-row"][data-metric="${metric}"]`);
      expect(await row.getAttribute('data-winners')).toBe(runs[1]);
    }

    // The bloom gsm8k run shares no task with them: its row says so rather than testing.
    await cell.locator('[data-testid="compare-metric"]').selectOption('gsm8k/acc');
    await pick(cell, runs[2]);
    await testsOf(cell, runs, asdiv[0]);
    const gsm8k = cell.locator('[data-testid="compare-metric-row"][data-metric="gsm8k/acc"]');
    expect(await text(gsm8k)).toMatch(/only one run has a value/);
    expect(await gsm8k.locator('[data-testid="compare-test"]').count()).toBe(0);
  });
});

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    t *
      (0.254829592 +
        t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Text content with whitespace collapsed (innerText is empty for cells the page skips rendering). */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
