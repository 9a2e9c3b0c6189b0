#!/usr/bin/env node
/**
 * `node scripts/figure-screenshots.mjs [--dist DIR]`: regenerates docs/figures from the production
 * build (run `npx vite build` first). Every figure kind from the planted example sweep, in light
 * and dark (`<kind>-light.png`, `<kind>-dark.png`), then parallel coordinates and slice plots of a
 * generated 10,000-trial sweep (`parallel-10k-light.png`, `slice-10k-light.png`: sampled lines,
 * merged points, the most important hyperparameters). Headless Chromium, 1280 × 900, each figure
 * cell captured whole once drawn.
 */
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { addFigure } from './bench/add-figures.mjs';
import { writeSweep } from './bench/generate-sweep.mjs';
import { startServer } from './static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'figures');
const { values: args } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } });
const KINDS = [
  'issue-heatmap',
  'param-heatmap',
  'correlation',
  'parallel',
  'slice',
  'importance',
  'pareto',
  'distribution',
];
const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Scrolls the figure cell of `kind` into view, waits until plotly has drawn it, saves it. */
async function shoot(page, kind, file) {
  const card = page.locator(`[data-testid="cell-figure"]:has([data-kind="${kind}"])`).last();
  await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForFunction(
    (k) =>
      [...document.querySelectorAll(`[data-testid="figure"][data-kind="${k}"]`)]
        .at(-1)
        ?.querySelector('[data-testid="figure-plot"]')
        ?.getAttribute('data-state') === 'drawn',
    kind,
    { timeout: 120_000 },
  );
  await page.waitForTimeout(1500); // WebGL figures finish their frames after plotly resolves
  await card.screenshot({ path: path.join(outDir, file) });
  console.log(`  ${file}`);
}

async function openWith(browser, url, load) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  // The sticky top bar would cover the top of a cell taller than the viewport.
  await page.addStyleTag({ content: '.topbar { position: static !important; }' });
  await load(page);
  await page.locator('[data-testid="figure"]').first().waitFor({ timeout: 120_000 });
  return page;
}

const server = await startServer({ root: path.resolve(root, args.dist), port: 0 });
const url = `http://localhost:${server.port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ARGS,
});
const tmp = path.join(os.tmpdir(), `hpi-shots-${process.pid}`);
try {
  await mkdir(outDir, { recursive: true });
  const page = await openWith(browser, url, (p) => p.click('[data-testid="example-planted"]'));
  for (const kind of KINDS.slice(2)) await addFigure(page, { kind });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const kind of KINDS) await shoot(page, kind, `${kind}-${scheme}.png`);
  }
  await page.close();

  await mkdir(tmp, { recursive: true });
  const big = path.join(tmp, 'sweep_10k.csv');
  await writeSweep(big, { trials: 10_000 });
  const bigPage = await openWith(browser, url, (p) =>
    p.setInputFiles('input[type=file][data-testid="file-input"]', big),
  );
  for (const kind of ['parallel', 'slice']) {
    await addFigure(bigPage, { kind });
    await shoot(bigPage, kind, `${kind}-10k-light.png`);
  }
} finally {
  await browser.close();
  await server.close?.();
  await rm(tmp, { recursive: true, force: true });
}
