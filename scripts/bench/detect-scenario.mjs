// The sweep detector pass against pandas: time to full findings in the app (the 100,000-trial
// sweep through the file input; a sweep this large is answered with the per-trial detectors
// first, then the full analysis: the time is to the full analysis painted) against pandas.read_csv plus scripts/bench/pandas_detect.py's
// vectorised detector pass on the same file. Reuses the sweep scenario's uploads when it ran.
// Memory: the app's renderer peak RSS (memory.mjs) against pandas' peak RSS (VmHWM).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSweep } from './generate-sweep.mjs';
import { measureOnce, median, round } from './measure.mjs';
import { memoryCell, worstMemory } from './memory.mjs';
import { FIRST_PASS_ROWS } from './sweep-scenario.mjs';
import { pandasMemory, PYTHON, pythonJson } from './pandas.mjs';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pandas_detect.py');

function pandasDetect(file, runs) {
  return pythonJson(
    [SCRIPT, file, String(runs)],
    (r) => {
      const med = (k) => round(median(r.timings.map((t) => t[k])) * 1000);
      return {
        readMs: med('read'),
        detectMs: med('detect'),
        totalMs: med('total'),
        timings: r.timings,
        result: r.result,
        version: r.version,
        python: PYTHON,
        ...pandasMemory(r),
      };
    },
    { timeout: 900_000 },
  );
}

export async function detectScenario(ctx) {
  const { trials } = ctx;
  const file = path.join(ctx.outDir, `sweep_${trials}x30_detect.csv`);
  const generated = await writeSweep(file, { trials });
  try {
    let app = ctx.cache.sweep?.trials === trials ? ctx.cache.sweep.measurements : null;
    const reused = app !== null;
    if (!app) {
      app = [];
      for (let i = 0; i < ctx.runs; i++)
        app.push(
          await measureOnce(ctx.browser, ctx.appUrl, file, ctx.probeSource, {
            fullAnalysis: trials > FIRST_PASS_ROWS,
            browserCdp: ctx.browserCdp,
          }),
        );
    }
    const appMs = round(median(app.map((m) => m.timeToFullFindingsMs)));
    const firstMs = round(median(app.map((m) => m.timeToFirstFindingMs)));
    const findings = median(app.map((m) => m.findingsRendered));
    const pandas = await pandasDetect(file, 3);
    const ratio = pandas.totalMs && appMs ? round(appMs / pandas.totalMs, 2) : null;
    const memory = worstMemory(app);
    // Whole renderer (page, main thread, worker) against the whole Python process.
    const memoryRatio =
      memory.rendererPeakRssMB && pandas.peakRssMB
        ? round(memory.rendererPeakRssMB / pandas.peakRssMB, 2)
        : null;
    console.log(
      `  detect: app ${appMs ?? '–'} ms to findings; pandas read ${pandas.readMs ?? '–'} + detect ` +
        `${pandas.detectMs ?? '–'} = ${pandas.totalMs ?? pandas.error} ms; ours/pandas time ${ratio ?? '–'}×, ` +
        `peak RSS ${memory.rendererPeakRssMB ?? '–'} / ${pandas.peakRssMB ?? '–'} MB = ${memoryRatio ?? '–'}×`,
    );
    const scenario = {
      name: `detect-${trials / 1000}k-trials-vs-pandas`,
      path: 'app file input vs pandas.read_csv + pandas_detect.py',
      description:
        'Time to full findings: app = input change event → the full analysis painted (above ' +
        `${FIRST_PASS_ROWS} trials the first response holds the per-trial detectors only and ` +
        'the page asks for the rest right after), median of the uploads; pandas = read_csv + the detector ' +
        'pass of scripts/bench/pandas_detect.py (its docstring lists what is and is not ' +
        'equivalent), median of 3, timed inside Python. Ratio = app time / pandas time (< 1: faster). ' +
        'Memory: worst over the uploads of the renderer peak RSS (VmRSS samples and VmHWM) and the ' +
        "worker heap, against pandas' peak RSS (VmHWM) over its 3 runs; memory ratio = renderer peak RSS / " +
        'pandas peak RSS (both whole processes, interpreter and page included).',
      input: { trials: generated.trials, columns: generated.columns, bytes: generated.bytes },
      app: {
        reusedSweepScenario: reused,
        timeToFullFindingsMs: appMs,
        timeToFirstFindingMs: firstMs,
        findingsRendered: findings,
        memory,
        measurements: reused ? undefined : app,
      },
      pandas,
      oursOverPandasTime: ratio,
      oursOverPandasPeakRss: memoryRatio,
    };
    const targets = [
      {
        name: 'detect: time to findings, ours / pandas read+detect',
        target: '≤ 1.25×',
        value: ratio,
        unit: '×',
        pass: ratio !== null && ratio <= 1.25,
      },
    ];
    const rows = [
      [
        'detect: app to full findings',
        `${appMs ?? '–'} ms (first finding ${firstMs ?? '–'} ms, ${findings ?? '–'} findings shown)`,
      ],
      [
        'detect: pandas read + detect',
        pandas.totalMs
          ? `${pandas.readMs} + ${pandas.detectMs} = ${pandas.totalMs} ms (pandas ${pandas.version})`
          : `n/a (${pandas.error})`,
      ],
      ['detect: ours / pandas (time)', `${ratio ?? '–'}×`],
      ['detect: app peak memory', memoryCell(memory)],
      [
        'detect: pandas peak RSS',
        pandas.peakRssMB
          ? `${pandas.peakRssMB} MB (+${pandas.extraRssMB} over the imports)`
          : `n/a (${pandas.error ?? 'no peak RSS'})`,
      ],
      ['detect: ours / pandas (peak RSS)', `${memoryRatio ?? '–'}×`],
    ];
    return { scenario, targets, rows };
  } finally {
    if (!ctx.keep) await rm(file, { force: true });
  }
}
