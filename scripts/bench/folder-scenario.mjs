// Scenarios 5 and 6 (issue 9): a sweep folder of 200 runs (half event files, half per-step CSVs)
// through the real folder input, and the Curves cell drawing over it. pandas.read_csv reads the
// folder's CSVs for a reference throughput.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { measureFolder } from './folder-run.mjs';
import { writeRunFolder } from './generate-folder.mjs';
import { max, median, round } from './measure.mjs';
import { memoryCell, worstMemory } from './memory.mjs';
import { pandasReadCsvFiles } from './pandas.mjs';

/** The folder is generated once per bench run and shared by both scenarios. */
export async function runFolder(ctx) {
  if (!ctx.cache.folder) {
    const t = Date.now();
    const folder = await writeRunFolder(path.join(ctx.outDir, 'folder'), {
      runs: ctx.folderRuns,
      steps: ctx.folderSteps,
    });
    console.log(
      `Generated ${path.basename(folder.root)}: ${folder.eventFiles} event files + ${folder.csvFiles} CSVs, ` +
        `${(folder.bytes / 1e6).toFixed(1)} MB, ${folder.points} points in ${Date.now() - t} ms`,
    );
    ctx.cache.folder = folder;
  }
  return ctx.cache.folder;
}

export async function cleanupFolder(ctx) {
  if (ctx.cache.folder && !ctx.keep)
    await rm(path.dirname(ctx.cache.folder.root), { recursive: true, force: true });
}

const input = (f) => ({
  runs: f.runs,
  stepsPerRun: f.steps,
  eventFiles: f.eventFiles,
  csvFiles: f.csvFiles,
  bytes: f.bytes,
  points: f.points,
});

export async function folderScenario(ctx) {
  const folder = await runFolder(ctx);
  const measurements = [];
  for (let i = 0; i < ctx.runs; i++) {
    const r = await measureFolder(
      ctx.browser,
      ctx.browserCdp,
      ctx.appUrl,
      folder.root,
      ctx.probeSource,
      false,
    );
    const l = r.load;
    console.log(
      `  folder run ${i + 1}/${ctx.runs}: ${l.ingestMBps ?? '–'} MB/s, first finding ${l.timeToFirstFindingMs ?? '–'} ms, ` +
        `ranking ${l.timeToRankingMs ?? '–'} ms, longest task ${l.longestTaskMs ?? '–'} ms` +
        (l.failed ? ` FAILED ${l.failed}` : '') +
        (l.timedOut ? ' TIMED OUT' : '') +
        (r.pageErrors.length ? ` (page errors: ${r.pageErrors.join(' | ').slice(0, 200)})` : ''),
    );
    measurements.push(l);
  }
  const pandas = await pandasReadCsvFiles(folder.csvPaths, 3);
  const csvBytes = pandas.bytes;
  console.log(
    `  pandas.read_csv over the ${folder.csvFiles} CSVs: ${pandas.mbps ?? pandas.error} MB/s`,
  );
  const med = (k) => round(median(measurements.map((m) => m[k])));
  const summary = {
    ingestMBps: med('ingestMBps'),
    timeToFirstFindingMs: med('timeToFirstFindingMs'),
    timeToRankingMs: med('timeToRankingMs'),
    readyMs: med('readyMs'),
    longestTaskMs: max(measurements.map((m) => m.longestTaskMs)),
    // Memory: the worst of the runs, not the median.
    ...worstMemory(measurements),
  };
  const ok = measurements.every((m) => !m.failed && !m.timedOut);
  const scenario = {
    name: `folder-${folder.runs}-runs`,
    path: 'app folder input (webkitdirectory)',
    description:
      'Sweep folder, hyperparameters in the run folder names; even runs log to a TensorBoard ' +
      'event file, odd runs to a wide per-step metrics.csv. Times from the input change event; ' +
      'ranking = first Leaderboard row in the DOM; memory as in the 1 GB scenario (memory.mjs), ' +
      "worst of the runs; pandasCsvs.peakRssMB = pandas' VmHWM over its reads of the CSVs only.",
    input: input(folder),
    runs: ctx.runs,
    median: summary,
    measurements,
    pandasCsvs: { ...pandas, note: `pandas.read_csv of the ${folder.csvFiles} CSVs, one by one` },
  };
  const targets = [
    {
      name: `folder ${folder.runs} runs: longest main-thread task`,
      target: '≤ 50 ms',
      value: summary.longestTaskMs,
      unit: 'ms',
      pass: ok && summary.longestTaskMs !== null && summary.longestTaskMs <= 50,
    },
  ];
  const rows = [
    [
      'folder input',
      `${folder.runs} runs, ${folder.eventFiles} event files + ${folder.csvFiles} CSVs, ${(folder.bytes / 1e6).toFixed(1)} MB, ${folder.points} points`,
    ],
    ['folder ingest (median)', `${summary.ingestMBps ?? '–'} MB/s to analysing`],
    [
      'folder first finding / ranking',
      `${summary.timeToFirstFindingMs ?? '–'} / ${summary.timeToRankingMs ?? '–'} ms (median)`,
    ],
    ['folder longest task', `${summary.longestTaskMs ?? '–'} ms (worst)`],
    ['folder peak memory (worst)', memoryCell(summary)],
    [
      'pandas.read_csv (folder CSVs)',
      pandas.mbps
        ? `${pandas.mbps} MB/s over ${(csvBytes / 1e6).toFixed(1)} MB, peak RSS ${pandas.peakRssMB ?? '–'} MB`
        : `n/a (${pandas.error})`,
    ],
  ];
  return { scenario, targets, rows };
}

export async function curvesRenderScenario(ctx) {
  const folder = await runFolder(ctx);
  const r = await measureFolder(
    ctx.browser,
    ctx.browserCdp,
    ctx.appUrl,
    folder.root,
    ctx.probeSource,
    true,
  );
  const c = r.curves ?? { error: r.load.failed ?? 'the folder did not load' };
  console.log(
    `  curves render: first plot ${c.timeToFirstPlotMs ?? '–'} ms after scrolling, ` +
      `longest task ${c.firstDraw?.longestTaskMs ?? '–'} ms (draw) / ${c.smoothing?.longestTaskMs ?? '–'} ms (slider)` +
      (c.error ? ` ERROR ${c.error}` : '') +
      (r.pageErrors.length ? ` (page errors: ${r.pageErrors.join(' | ').slice(0, 200)})` : ''),
  );
  const drawTask = c.firstDraw?.longestTaskMs ?? null;
  const sliderTask = c.smoothing?.longestTaskMs ?? null;
  const scenario = {
    name: `curves-render-${folder.runs}-runs`,
    path: 'app folder input, then the Curves cell scrolled into view',
    description:
      'After the folder is ready (findings, ranking, no progress bar) and 1 s of quiet, the ' +
      'Curves cell is scrolled into view: plotly loads lazily and draws. Time = scroll → first ' +
      'data-drawn; then the smoothing slider is set to 6 values, each waiting for its redraw. ' +
      'Memory: load.* over the folder load (as in the folder scenario); curves.memory over the ' +
      "Curves window alone (renderer VmRSS samples, no VmHWM; extra = growth over the window's " +
      'start; main-thread heap peak since the window began).',
    input: input(folder),
    load: r.load,
    curves: c,
  };
  const targets = [
    {
      name: 'curves render: longest main-thread task while drawing',
      target: '≤ 50 ms',
      value: drawTask,
      unit: 'ms',
      pass: drawTask !== null && drawTask <= 50,
    },
    {
      name: 'curves render: longest main-thread task, smoothing slider',
      target: '≤ 50 ms',
      value: sliderTask,
      unit: 'ms',
      pass: sliderTask !== null && sliderTask <= 50,
    },
  ];
  const rows = [
    [
      'curves render: first plot',
      `${c.timeToFirstPlotMs ?? '–'} ms after scrolling to it (${c.series ?? '–'} series)`,
    ],
    ['curves render: longest task draw', `${drawTask ?? '–'} ms`],
    [
      'curves render: smoothing slider',
      `redraws ${(c.smoothing?.redrawMs ?? []).join(', ')} ms, longest task ${sliderTask ?? '–'} ms`,
    ],
    ['curves render: memory, folder load', memoryCell(r.load.failed ? null : r.load)],
    ['curves render: memory, Curves cell', memoryCell(c.memory)],
  ];
  return { scenario, targets, rows };
}
