// Scenario 1: a generated 100,000-trial sweep CSV through the real file input, from the change
// event to the first painted finding (scripts/bench/measure.mjs does one upload).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { writeSweep } from './generate-sweep.mjs';
import { max, measureOnce, median, round } from './measure.mjs';
import { memoryCell, worstMemory } from './memory.mjs';

/** src/lib/worker/handler.ts: above this many trials the load answers with a first pass. */
export const FIRST_PASS_ROWS = 20_000;

export async function sweepScenario(ctx) {
  const { browser, browserCdp, appUrl, outDir, probeSource, runs, trials, keep } = ctx;
  const csvPath = path.join(outDir, `sweep_${trials}x30.csv`);
  const t = Date.now();
  const generated = await writeSweep(csvPath, { trials });
  console.log(
    `Generated ${path.basename(csvPath)}: ${generated.trials} trials × ${generated.columns} columns, ` +
      `${(generated.bytes / 1e6).toFixed(1)} MB in ${Date.now() - t} ms (planted ${JSON.stringify(generated.planted)})`,
  );
  const measurements = [];
  try {
    for (let i = 0; i < runs; i++) {
      const r = await measureOnce(browser, appUrl, csvPath, probeSource, {
        fullAnalysis: trials > FIRST_PASS_ROWS,
        browserCdp,
      });
      measurements.push(r);
      console.log(
        `  sweep run ${i + 1}/${runs}: first finding ${r.timeToFirstFindingMs ?? '–'} ms, ingest ${r.ingestMBps ?? '–'} MB/s, ` +
          `longest task ${r.longestTaskMs ?? '–'} ms, renderer RSS ${r.rendererPeakRssMB ?? '–'} MB` +
          (r.timedOut ? ' (TIMED OUT waiting for a finding)' : '') +
          (r.loadError ? ` (load error: ${r.loadError})` : '') +
          (r.pageErrors.length ? ` (page errors: ${r.pageErrors.join(' | ')})` : ''),
      );
    }
  } finally {
    if (!keep) await rm(csvPath, { force: true });
  }
  const longtaskSupported = measurements.every((r) => r.longtaskSupported);
  const med = {
    ingestMBps: round(median(measurements.map((r) => r.ingestMBps)), 2),
    ingestMs: round(median(measurements.map((r) => r.ingestMs))),
    timeToFirstFindingMs: round(median(measurements.map((r) => r.timeToFirstFindingMs))),
    timeToFirstFindingInDomMs: round(median(measurements.map((r) => r.timeToFirstFindingInDomMs))),
    timeToOverviewMs: round(median(measurements.map((r) => r.timeToOverviewMs))),
    timeToFullFindingsMs: round(median(measurements.map((r) => r.timeToFullFindingsMs))),
    workerResponseMs: round(median(measurements.map((r) => r.workerResponseMs))),
  };
  const worst = {
    longestTaskMs: longtaskSupported ? max(measurements.map((r) => r.longestTaskMs)) : null,
    longestRafGapMs: max(measurements.map((r) => r.longestRafGapMs)),
    ...worstMemory(measurements),
  };
  const anyTimedOut = measurements.some((r) => r.timedOut || r.timeToFirstFindingMs === null);
  const longest = longtaskSupported ? worst.longestTaskMs : worst.longestRafGapMs;
  const scenario = {
    name: `sweep-${trials / 1000}k-trials-30-columns`,
    path: 'app file input',
    description:
      'Generated sweep CSV uploaded through the file input of the production build; ' +
      'times are from the input change event on the main thread.',
    input: {
      trials: generated.trials,
      columns: generated.columns,
      bytes: generated.bytes,
      planted: generated.planted,
    },
    runs,
    median: med,
    worst,
    longtaskSupported,
    measurements,
  };
  // The detect scenario compares these with pandas instead of loading the sweep again.
  if (ctx.cache) ctx.cache.sweep = { trials, bytes: generated.bytes, measurements };
  const targets = [
    {
      name: 'sweep: time to findings',
      target: '≤ 2000 ms',
      value: anyTimedOut ? null : med.timeToFirstFindingMs,
      unit: 'ms',
      pass: !anyTimedOut && med.timeToFirstFindingMs <= 2000,
    },
    {
      name: 'sweep: longest main-thread task',
      target: '≤ 50 ms',
      value: longest,
      unit: 'ms',
      pass: longest !== null && !anyTimedOut && longest <= 50,
    },
  ];
  const rows = [
    [
      'sweep input',
      `${generated.trials} trials × ${generated.columns} cols, ${(generated.bytes / 1e6).toFixed(1)} MB (app)`,
    ],
    ['sweep ingest (median)', `${med.ingestMBps ?? '–'} MB/s (${med.ingestMs ?? '–'} ms)`],
    ['sweep first finding painted', `${med.timeToFirstFindingMs ?? '–'} ms (median)`],
    ['sweep full analysis painted', `${med.timeToFullFindingsMs ?? '–'} ms (median)`],
    [
      'sweep longest task / rAF gap',
      `${worst.longestTaskMs ?? '–'} / ${worst.longestRafGapMs ?? '–'} ms (worst)`,
    ],
    ['sweep peak memory (worst)', memoryCell(worst)],
  ];
  return { scenario, targets, rows };
}
