#!/usr/bin/env node
// `npm run bench`: measure ingest and analysis of a generated 100,000-trial sweep in headless
// Chromium, through the production build and the real file input. Prints a table, writes
// bench/results.json, and always exits 0 when it could measure (it measures, it does not test).
//
// Options: --runs N (default 3), --trials N (default 100000), --keep (keep the generated CSV).
// Env: CHROMIUM_PATH (default /usr/bin/chromium).
import { accessSync, constants } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { writeSweep } from './bench/generate-sweep.mjs';
import { max, measureOnce, median, round } from './bench/measure.mjs';
import { startServer } from './static-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(repoRoot, 'bench');
const outDir = path.join(benchDir, 'out');

const TARGETS = {
  timeToFindingsMs: 2000,
  longestMainThreadTaskMs: 50,
};

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    trials: { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(args.runs) || 3);
const TRIALS = Math.max(10, Number(args.trials) || 100_000);

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

function pad(s, n) {
  s = String(s ?? '–');
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main() {
  const distIndex = path.join(repoRoot, 'dist', 'index.html');
  if (!(await stat(distIndex).catch(() => null))) {
    console.error('No dist/index.html: run `npm run bench` (it builds first) or `npx vite build`.');
    process.exit(1);
  }
  const executablePath = chromiumPath();

  await mkdir(outDir, { recursive: true });
  const csvPath = path.join(outDir, `sweep_${TRIALS}x30.csv`);
  const t = Date.now();
  const generated = await writeSweep(csvPath, { trials: TRIALS });
  console.log(
    `Generated ${path.relative(repoRoot, csvPath)}: ${generated.trials} trials × ${generated.columns} columns, ` +
      `${(generated.bytes / 1e6).toFixed(1)} MB in ${Date.now() - t} ms (planted ${JSON.stringify(generated.planted)})`,
  );

  const probeSource = await readFile(path.join(repoRoot, 'scripts/bench/page-probe.js'), 'utf8');
  const server = await startServer({ root: path.join(repoRoot, 'dist'), port: 0 });
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
  const url = `${server.origin}/`;
  const runs = [];
  const chromiumVersion = browser.version();
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = await measureOnce(browser, url, csvPath, probeSource);
      runs.push(r);
      console.log(
        `run ${i + 1}/${RUNS}: first finding ${r.timeToFirstFindingMs ?? '–'} ms, ingest ${r.ingestMBps ?? '–'} MB/s, ` +
          `longest task ${r.longestTaskMs ?? '–'} ms, longest rAF gap ${r.longestRafGapMs} ms` +
          (r.timedOut ? ' (TIMED OUT waiting for a finding)' : '') +
          (r.loadError ? ` (load error: ${r.loadError})` : '') +
          (r.pageErrors.length ? ` (page errors: ${r.pageErrors.join(' | ')})` : ''),
      );
    }
  } finally {
    await browser.close();
    await server.close();
    if (!args.keep) await rm(csvPath, { force: true });
  }

  const longtaskSupported = runs.every((r) => r.longtaskSupported);
  const scenario = {
    name: `sweep-${TRIALS / 1000}k-trials-30-columns`,
    description:
      'Generated sweep CSV uploaded through the file input of the production build; ' +
      'times are from the input change event on the main thread.',
    input: {
      trials: generated.trials,
      columns: generated.columns,
      bytes: generated.bytes,
      planted: generated.planted,
    },
    runs: RUNS,
    median: {
      ingestMBps: round(median(runs.map((r) => r.ingestMBps)), 2),
      ingestMs: round(median(runs.map((r) => r.ingestMs))),
      timeToFirstFindingMs: round(median(runs.map((r) => r.timeToFirstFindingMs))),
      timeToFirstFindingInDomMs: round(median(runs.map((r) => r.timeToFirstFindingInDomMs))),
      timeToOverviewMs: round(median(runs.map((r) => r.timeToOverviewMs))),
      workerResponseMs: round(median(runs.map((r) => r.workerResponseMs))),
    },
    worst: {
      longestTaskMs: longtaskSupported ? max(runs.map((r) => r.longestTaskMs)) : null,
      longestRafGapMs: max(runs.map((r) => r.longestRafGapMs)),
      peakMainHeapMB: max(runs.map((r) => r.peakMainHeapMB)),
    },
    longtaskSupported,
    measurements: runs,
  };
  const longest = longtaskSupported ? scenario.worst.longestTaskMs : scenario.worst.longestRafGapMs;
  const anyTimedOut = runs.some((r) => r.timedOut || r.timeToFirstFindingMs === null);
  const targetResults = [
    {
      name: 'time to findings',
      target: `≤ ${TARGETS.timeToFindingsMs} ms`,
      value: anyTimedOut ? null : scenario.median.timeToFirstFindingMs,
      unit: 'ms',
      pass: !anyTimedOut && scenario.median.timeToFirstFindingMs <= TARGETS.timeToFindingsMs,
    },
    {
      name: `longest main-thread task (${longtaskSupported ? 'longtask API' : 'rAF gap'})`,
      target: `≤ ${TARGETS.longestMainThreadTaskMs} ms`,
      value: longest,
      unit: 'ms',
      pass: longest !== null && !anyTimedOut && longest <= TARGETS.longestMainThreadTaskMs,
    },
  ];

  const results = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGB: round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
      chromium: chromiumVersion,
    },
    scenarios: [scenario],
    targets: targetResults,
  };
  await mkdir(benchDir, { recursive: true });
  await writeFile(path.join(benchDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const med = scenario.median;
  const worst = scenario.worst;
  const rows = [
    ['scenario', scenario.name],
    [
      'input',
      `${generated.trials} trials × ${generated.columns} cols, ${(generated.bytes / 1e6).toFixed(1)} MB`,
    ],
    ['runs', String(RUNS)],
    ['ingest (median)', `${med.ingestMBps ?? '–'} MB/s (${med.ingestMs ?? '–'} ms to analysing)`],
    ['worker result (median)', `${med.workerResponseMs ?? '–'} ms`],
    ['first finding in DOM (median)', `${med.timeToFirstFindingInDomMs ?? '–'} ms`],
    ['first finding painted (median)', `${med.timeToFirstFindingMs ?? '–'} ms`],
    [
      'longest long task (worst)',
      longtaskSupported ? `${worst.longestTaskMs} ms` : 'n/a (longtask unsupported)',
    ],
    ['longest rAF gap (worst)', `${worst.longestRafGapMs ?? '–'} ms`],
    [
      'peak main-thread JS heap',
      worst.peakMainHeapMB === null ? 'n/a' : `${worst.peakMainHeapMB} MB`,
    ],
    [
      'findings / DOM elements',
      `${runs[0]?.findingsRendered ?? '–'} / ${runs[0]?.domElements ?? '–'}`,
    ],
  ];
  console.log('');
  for (const [k, v] of rows) console.log(`  ${pad(k, 32)} ${v}`);
  console.log('');
  for (const tr of targetResults) {
    console.log(
      `  ${tr.pass ? 'PASS' : 'FAIL'}  ${pad(tr.name, 40)} ${pad(tr.value === null ? '–' : `${tr.value} ms`, 12)} target ${tr.target}`,
    );
  }
  console.log(`\nWrote ${path.relative(repoRoot, path.join(benchDir, 'results.json'))}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
