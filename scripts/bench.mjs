#!/usr/bin/env node
// `npm run bench`: ingest and analysis in headless Chromium against the production build.
// Scenarios (pick with --only sweep,detect,curves,gb,tfevents,folder,curves-render,figures;
// default all):
//   sweep         — 100,000-trial sweep CSV through the real file input, to the first painted finding;
//   detect        — the same sweep: time to full findings in the app vs a pandas read_csv + detector
//                   pass written for the bench (scripts/bench/pandas_detect.py), as a ratio;
//   curves        — 100 MB long-format curve CSV: byte path and text path on the reader page, the app's
//                   file input, and pandas.read_csv on the same file (ours/pandas ratio);
//   gb            — 1 GB long-format curve CSV (generated to /tmp, deleted after): no crash, memory;
//   tfevents      — 200 MB TensorBoard event file: reader page and the app's file input;
//   folder        — a sweep folder of 200 runs (event files and CSVs) through the folder input:
//                   throughput, first finding, ranking, memory, longest task; pandas on its CSVs;
//   curves-render — the same folder, then the Curves cell drawn and its smoothing slider moved;
//   figures       — a 10,000-trial sweep with 10 figures on the page (scripts/bench/add-figures.mjs).
// Every scenario also reports memory (scripts/bench/memory.mjs sampleMemory: worker heap over CDP,
// renderer RSS from /proc, main-thread heap from page-probe.js), and pandas its peak RSS.
// The reader page (scripts/bench/reader-page, built here into bench/out/reader-page) runs one
// reader in a Worker over a File, so a reader's speed is measured without the app around it.
// Prints a table, merges into bench/results.json (scenarios and targets of this run replace those
// of the same name; the others are kept, each with the machine state it was measured under), and
// exits 0 when it could measure (it does not test).
//
// Options: --runs N (3), --trials N (100000), --curve-mb N (100), --big-mb N (1000),
// --tfevents-mb N (200), --folder-runs N (200), --folder-steps N (2000), --figure-trials N
// (10000), --keep (keep generated files in bench/out), --dist DIR (serve another production build
// than dist/, e.g. one built from a clean checkout while dist/ is being rebuilt by others).
// Env: CHROMIUM_PATH, PYTHON.
import { accessSync, constants } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { curves100Scenario, curves1gbScenario, tfeventsScenario } from './bench/log-scenarios.mjs';
import { round } from './bench/measure.mjs';
import { detectScenario } from './bench/detect-scenario.mjs';
import { figuresScenario } from './bench/figures-scenario.mjs';
import { cleanupFolder, curvesRenderScenario, folderScenario } from './bench/folder-scenario.mjs';
import { sweepScenario } from './bench/sweep-scenario.mjs';
import { startServer } from './static-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(repoRoot, 'bench');
const outDir = path.join(benchDir, 'out');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    trials: { type: 'string', default: '100000' },
    'curve-mb': { type: 'string', default: '100' },
    'big-mb': { type: 'string', default: '1000' },
    'tfevents-mb': { type: 'string', default: '200' },
    'folder-runs': { type: 'string', default: '200' },
    'folder-steps': { type: 'string', default: '2000' },
    'figure-trials': { type: 'string', default: '10000' },
    only: {
      type: 'string',
      default: 'sweep,detect,curves,gb,tfevents,folder,curves-render,figures',
    },
    keep: { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
  },
});
const RUNS = Math.max(1, Number(args.runs) || 3);
const ONLY = new Set(args.only.split(','));

function chromiumPath() {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    console.error(
      `No Chromium at ${candidate}: install it with \`sudo apt-get install chromium\` or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
}

const pad = (s, n) => {
  s = String(s ?? '–');
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
};

async function main() {
  const distDir = path.resolve(repoRoot, args.dist);
  if (!(await stat(path.join(distDir, 'index.html')).catch(() => null))) {
    console.error('No dist/index.html: run `npm run bench` (it builds first) or `npx vite build`.');
    process.exit(1);
  }
  const executablePath = chromiumPath();
  await mkdir(outDir, { recursive: true });
  await build({ configFile: path.join(repoRoot, 'scripts/bench/reader-page/vite.config.mjs') });

  const probeSource = await readFile(path.join(repoRoot, 'scripts/bench/page-probe.js'), 'utf8');
  const app = await startServer({ root: distDir, port: 0 });
  const readerPage = await startServer({ root: path.join(outDir, 'reader-page'), port: 0 });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--enable-precise-memory-info',
    ],
  });
  const browserCdp = await browser.newBrowserCDPSession();
  const ctx = {
    browser,
    browserCdp,
    appUrl: `${app.origin}/`,
    readerUrl: `${readerPage.origin}/`,
    outDir,
    probeSource,
    runs: RUNS,
    keep: args.keep,
    folderRuns: Math.max(2, Number(args['folder-runs']) || 200),
    folderSteps: Math.max(20, Number(args['folder-steps']) || 2000),
    // Generated inputs and measurements shared between scenarios of one run.
    cache: {},
  };
  const results = [];
  const chromiumVersion = browser.version();
  const trials = Math.max(10, Number(args.trials) || 100_000);
  // Each scenario records the load it ran under: results.json keeps scenarios of earlier runs.
  const measure = async (fn) => {
    const load = os.loadavg().map((x) => round(x, 1));
    const r = await fn();
    r.scenario.measuredAt = new Date().toISOString();
    r.scenario.loadAverage = { before: load, after: os.loadavg().map((x) => round(x, 1)) };
    results.push(r);
  };
  try {
    if (ONLY.has('sweep')) await measure(() => sweepScenario({ ...ctx, trials }));
    if (ONLY.has('detect')) await measure(() => detectScenario({ ...ctx, trials }));
    if (ONLY.has('curves'))
      await measure(() => curves100Scenario({ ...ctx, mb: Number(args['curve-mb']) || 100 }));
    if (ONLY.has('gb'))
      await measure(() => curves1gbScenario({ ...ctx, mb: Number(args['big-mb']) || 1000 }));
    if (ONLY.has('tfevents'))
      await measure(() => tfeventsScenario({ ...ctx, mb: Number(args['tfevents-mb']) || 200 }));
    if (ONLY.has('folder')) await measure(() => folderScenario(ctx));
    if (ONLY.has('curves-render')) await measure(() => curvesRenderScenario(ctx));
    if (ONLY.has('figures'))
      await measure(() =>
        figuresScenario({ ...ctx, trials: Math.max(10, Number(args['figure-trials']) || 10_000) }),
      );
  } finally {
    await cleanupFolder(ctx);
    await browser.close();
    await app.close();
    await readerPage.close();
  }

  const targets = results.flatMap((r) => r.targets);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGB: round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((x) => round(x, 1)),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion,
  };
  const output = await mergeResults(
    path.join(benchDir, 'results.json'),
    machine,
    results.map((r) => r.scenario),
    targets,
  );
  await writeFile(path.join(benchDir, 'results.json'), JSON.stringify(output, null, 2) + '\n');

  console.log(
    `\n  load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
  );
  for (const [k, v] of results.flatMap((r) => r.rows)) console.log(`  ${pad(k, 34)} ${v}`);
  console.log('');
  for (const t of targets) {
    const value = t.value === null || t.value === undefined ? '–' : `${t.value} ${t.unit}`;
    console.log(
      `  ${t.pass ? 'PASS' : 'FAIL'}  ${pad(t.name, 56)} ${pad(value, 14)} target ${t.target}`,
    );
  }
  console.log(`\nWrote ${path.relative(repoRoot, path.join(benchDir, 'results.json'))}`);
}

/**
 * Earlier results with this run's scenarios and targets replacing those of the same name. An
 * earlier scenario without its own load average gets the machine block of the run that wrote it.
 */
async function mergeResults(file, machine, scenarios, targets) {
  const previous = JSON.parse(await readFile(file, 'utf8').catch(() => '{}'));
  const names = new Set(scenarios.map((s) => s.name));
  const targetNames = new Set(targets.map((t) => t.name));
  const kept = (previous.scenarios ?? [])
    .filter((s) => !names.has(s.name))
    .map((s) =>
      s.loadAverage
        ? s
        : { ...s, measuredAt: previous.generatedAt, loadAverage: previous.machine?.loadAverage },
    );
  return {
    generatedAt: new Date().toISOString(),
    machine,
    scenarios: [...kept, ...scenarios],
    targets: [...(previous.targets ?? []).filter((t) => !targetNames.has(t.name)), ...targets],
  };
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
