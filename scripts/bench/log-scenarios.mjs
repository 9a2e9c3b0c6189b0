// Scenarios 2–4 (issue 4): a 100 MB long-format curve CSV (ours vs pandas.read_csv), a 1 GB one
// (no crash, memory), and 200 MB of TensorBoard event files. Each is read on the reader page
// (byte path / event reader in a Worker, no app around it) and, where noted, through the real
// app's file input (readSources); every number says which path it took. Memory (memory.mjs) is
// sampled on both paths: worker heap, renderer RSS, and the main-thread heap from page-probe.js.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { writeLongCurves } from './generate-curves.mjs';
import { writeEventFile } from './generate-tfevents.mjs';
import { max, median, round } from './measure.mjs';
import { measureApp } from './app-run.mjs';
import { memoryCell, worstMemory } from './memory.mjs';
import { pandasReadCsv } from './pandas.mjs';
import { measureReader } from './reader-run.mjs';

const log = (r) =>
  console.log(
    `  ${r.path}: ${r.workerMBps ?? r.ingestMBps ?? '–'} MB/s` +
      (r.mbpsOfRendererCpu ? ` (${r.mbpsOfRendererCpu} MB/s of renderer CPU)` : '') +
      `, longest task ${r.longestTaskMs} ms` +
      (r.points != null ? `, ${r.points} points` : '') +
      (r.error || r.loadError ? ` ERROR ${r.error ?? r.loadError}` : '') +
      (r.timedOut ? ' TIMED OUT' : ''),
  );

async function repeat(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = await fn();
    log(r);
    out.push(r);
  }
  return out;
}

const worstTask = (ms) => max(ms.map((m) => m.longestTaskMs));
// The reader page keeps its memory in `.memory`, the app's measurement carries it flat.
const readerMemory = (ms) =>
  worstMemory(ms.map((m) => ({ ...m.memory, peakMainHeapMB: m.peakMainHeapMB })));
const peakRssOverPandas = (ours, pandas) =>
  ours?.rendererPeakRssMB && pandas.peakRssMB
    ? round(ours.rendererPeakRssMB / pandas.peakRssMB, 2)
    : null;

export async function curves100Scenario(ctx) {
  const { browser, browserCdp, appUrl, readerUrl, probeSource, runs, mb } = ctx;
  const file = path.join(ctx.outDir, `curves_long_${mb}mb.csv`);
  const shape = await writeLongCurves(file, { bytes: mb * 1e6 });
  console.log(
    `Generated ${path.basename(file)}: ${(shape.bytes / 1e6).toFixed(1)} MB, ${shape.rows} rows`,
  );
  try {
    const bytes = await repeat(runs, () =>
      measureReader(browser, browserCdp, readerUrl, file, 'curves-bytes', probeSource),
    );
    const text = await repeat(1, () =>
      measureReader(browser, browserCdp, readerUrl, file, 'curves-text', probeSource),
    );
    const app = await repeat(1, () => measureApp(browser, browserCdp, appUrl, file, probeSource));
    const pandas = await pandasReadCsv(file, shape.bytes, 3);
    console.log(
      `  pandas.read_csv: ${pandas.mbps ?? pandas.error} MB/s, peak RSS ${pandas.peakRssMB ?? '–'} MB`,
    );
    const ours = median(bytes.map((r) => r.workerMBps));
    const oursCpu = median(bytes.map((r) => r.mbpsOfRendererCpu));
    const complete = bytes.every((r) => r.ok && r.points === shape.rows);
    const ratio = pandas.mbps ? round(ours / pandas.mbps, 2) : null;
    const memory = { readerPage: readerMemory(bytes), app: worstMemory(app) };
    const memoryRatio = {
      readerPage: peakRssOverPandas(memory.readerPage, pandas),
      app: peakRssOverPandas(memory.app, pandas),
    };
    const scenario = {
      name: `curves-long-${mb}mb`,
      description:
        'Long-format run,step,metric,value CSV; MB/s = file bytes / time inside the worker. ' +
        "Memory: worst of the byte-path reads and the app load (memory.mjs) against pandas' " +
        'peak RSS (VmHWM) over its reads; ratio = renderer peak RSS / pandas peak RSS.',
      input: shape,
      byteReader: {
        path: 'reader page, CurveCsvReader.feedBytes',
        medianMBps: ours,
        medianMBpsOfRendererCpu: oursCpu,
        measurements: bytes,
      },
      textReader: {
        path: 'reader page, TextDecoder + CurveCsvReader.feed (papaparse)',
        measurements: text,
      },
      app: { path: 'app file input → readSources', measurements: app },
      pandas,
      oursOverPandas: ratio,
      memory,
      oursOverPandasPeakRss: memoryRatio,
    };
    const targets = [
      {
        name: `curves ${mb} MB: ingest (byte path, reader page)`,
        target: '≥ 100 MB/s',
        value: ours,
        unit: 'MB/s',
        pass: complete && ours >= 100,
      },
      {
        name: `curves ${mb} MB: ours / pandas.read_csv`,
        target: '≥ 0.8×',
        value: ratio,
        unit: '×',
        pass: ratio !== null && ratio >= 0.8,
      },
      {
        name: `curves ${mb} MB: longest main-thread task (reader page)`,
        target: '≤ 50 ms',
        value: worstTask(bytes),
        unit: 'ms',
        pass: worstTask(bytes) <= 50,
      },
      {
        name: `curves ${mb} MB: longest main-thread task (app)`,
        target: '≤ 50 ms',
        value: worstTask(app),
        unit: 'ms',
        pass: worstTask(app) <= 50,
      },
    ];
    const rows = [
      [
        'curves input',
        `${(shape.bytes / 1e6).toFixed(1)} MB, ${shape.runs} runs × ${shape.metrics} metrics × ${shape.steps} steps`,
      ],
      [
        'curves byte path (reader page)',
        `${ours} MB/s median of ${runs} (${oursCpu ?? '–'} MB/s of renderer CPU)${complete ? '' : ' INCOMPLETE'}`,
      ],
      [
        'curves text path (reader page)',
        `${text[0].workerMBps ?? '–'} MB/s (${text[0].mbpsOfRendererCpu ?? '–'} MB/s of renderer CPU)`,
      ],
      [
        'curves via app (readSources)',
        `${app[0].ingestMBps ?? '–'} MB/s to analysing, response ${app[0].workerResponseMs ?? '–'} ms${app[0].loadError ? ` (error: ${app[0].loadError})` : ''}`,
      ],
      [
        'pandas.read_csv',
        pandas.mbps
          ? `${pandas.mbps} MB/s (pandas ${pandas.version}); ours/pandas ${ratio}×`
          : `n/a (${pandas.error})`,
      ],
      ['curves longest task bytes/app', `${worstTask(bytes)} / ${worstTask(app)} ms`],
      ['curves memory, byte path', memoryCell(memory.readerPage)],
      ['curves memory, app', memoryCell(memory.app)],
      [
        'curves pandas peak RSS',
        pandas.peakRssMB
          ? `${pandas.peakRssMB} MB (+${pandas.extraRssMB} over the imports); ours/pandas ` +
            `${memoryRatio.readerPage ?? '–'}× (byte path) / ${memoryRatio.app ?? '–'}× (app)`
          : `n/a (${pandas.error ?? 'no peak RSS'})`,
      ],
    ];
    return { scenario, targets, rows };
  } finally {
    if (!ctx.keep) await rm(file, { force: true });
  }
}

export async function curves1gbScenario(ctx) {
  const { browser, browserCdp, readerUrl, probeSource, mb } = ctx;
  // /tmp, streamed: the file never exists in memory, and is deleted afterwards.
  const file = path.join('/tmp', `hpi_bench_curves_${mb}mb.csv`);
  const t = Date.now();
  const shape = await writeLongCurves(file, { bytes: mb * 1e6 });
  console.log(`Generated ${file}: ${(shape.bytes / 1e6).toFixed(0)} MB in ${Date.now() - t} ms`);
  try {
    const [r] = await repeat(1, () =>
      measureReader(browser, browserCdp, readerUrl, file, 'curves-bytes', probeSource),
    );
    // One pandas read of the same gigabyte (several GB of Python objects; one is enough).
    const pandas = await pandasReadCsv(file, shape.bytes, 1);
    const oursOverPandas =
      pandas.mbps && r.workerMBps ? round(r.workerMBps / pandas.mbps, 2) : null;
    const fileMB = shape.bytes / 2 ** 20;
    const m = r.memory;
    const rssOverPandas =
      pandas.peakRssMB && m.rendererPeakRssMB
        ? round(m.rendererPeakRssMB / pandas.peakRssMB, 2)
        : null;
    const complete = r.ok && r.points === shape.rows;
    const heapRatio = m.workerHeapExtraMB == null ? null : round(m.workerHeapExtraMB / fileMB, 2);
    const rssRatio = m.rendererExtraRssMB == null ? null : round(m.rendererExtraRssMB / fileMB, 2);
    const scenario = {
      name: `curves-long-${mb}mb`,
      path: 'reader page, CurveCsvReader.feedBytes',
      description:
        'Memory: worker heap = CDP Runtime.getHeapUsage (usedSize + backingStorageSize) on the worker target, sampled every 100 ms; renderer = /proc/<pid>/status VmRSS samples and VmHWM of the renderer whose CPU time grew (pid from CDP SystemInfo.getProcessInfo). Extra = peak − before the upload.',
      input: shape,
      measurement: r,
      extraOverFile: { workerHeap: heapRatio, rendererRss: rssRatio },
      pandas,
      oursOverPandas,
      oursOverPandasPeakRss: rssOverPandas,
    };
    const targets = [
      {
        name: `curves ${mb} MB: read without a crash`,
        target: 'all points',
        value: r.points,
        unit: 'points',
        pass: complete,
      },
      {
        name: `curves ${mb} MB: extra worker heap / file size`,
        target: '≤ 1.5×',
        value: heapRatio,
        unit: '×',
        pass: heapRatio !== null && heapRatio <= 1.5,
      },
      {
        name: `curves ${mb} MB: extra renderer RSS / file size`,
        target: '≤ 1.5×',
        value: rssRatio,
        unit: '×',
        pass: rssRatio !== null && rssRatio <= 1.5,
      },
      {
        name: `curves ${mb} MB: longest main-thread task`,
        target: '≤ 50 ms',
        value: r.longestTaskMs,
        unit: 'ms',
        pass: r.longestTaskMs <= 50,
      },
    ];
    const rows = [
      [
        '1 GB input',
        `${(shape.bytes / 1e6).toFixed(0)} MB, ${shape.rows} rows (reader page, byte path)`,
      ],
      [
        '1 GB read',
        `${complete ? 'ok' : 'FAILED'}: ${r.workerMBps ?? '–'} MB/s (${r.mbpsOfRendererCpu ?? '–'} MB/s of renderer CPU)${r.error ? ` ${r.error.slice(0, 120)}` : ''}`,
      ],
      [
        '1 GB worker heap extra',
        `${m.workerHeapExtraMB ?? '–'} MB = ${heapRatio ?? '–'}× file (peak ${m.workerHeapPeakMB} MB, V8 part ${m.workerV8UsedPeakMB} MB)`,
      ],
      [
        '1 GB renderer RSS extra',
        `${m.rendererExtraRssMB ?? '–'} MB = ${rssRatio ?? '–'}× file (peak ${m.rendererPeakRssMB} MB)`,
      ],
      ['1 GB longest task', `${r.longestTaskMs} ms`],
      [
        '1 GB pandas.read_csv',
        pandas.error
          ? `failed: ${pandas.error}`
          : `${pandas.mbps} MB/s, peak RSS ${pandas.peakRssMB} MB; ours/pandas ${oursOverPandas ?? '–'}× (time), ${rssOverPandas ?? '–'}× (peak RSS)`,
      ],
    ];
    return { scenario, targets, rows };
  } finally {
    await rm(file, { force: true });
  }
}

export async function tfeventsScenario(ctx) {
  const { browser, browserCdp, appUrl, readerUrl, probeSource, runs, mb } = ctx;
  const file = path.join(ctx.outDir, 'tb', 'events.out.tfevents.1700000000.bench');
  const shape = await writeEventFile(file, { bytes: mb * 1e6 });
  console.log(
    `Generated ${path.basename(file)}: ${(shape.bytes / 1e6).toFixed(1)} MB, ${shape.scalars} scalars`,
  );
  try {
    const reader = await repeat(runs, () =>
      measureReader(browser, browserCdp, readerUrl, file, 'tfevents', probeSource),
    );
    const app = await repeat(1, () => measureApp(browser, browserCdp, appUrl, file, probeSource));
    const memory = { readerPage: readerMemory(reader), app: worstMemory(app) };
    const ours = median(reader.map((r) => r.workerMBps));
    const oursCpu = median(reader.map((r) => r.mbpsOfRendererCpu));
    const complete = reader.every(
      (r) => r.ok && r.points === shape.scalars && r.corruptRecords === 0,
    );
    const scenario = {
      name: `tfevents-${mb}mb`,
      description:
        'One event file of simple_value scalars, CRC-32C of every length and record checked.',
      input: shape,
      reader: {
        path: 'reader page, createEventFileReader',
        medianMBps: ours,
        medianMBpsOfRendererCpu: oursCpu,
        measurements: reader,
      },
      app: { path: 'app file input → readSources', measurements: app },
      memory,
    };
    const targets = [
      {
        name: `tfevents ${mb} MB: read with CRC checks (reader page)`,
        target: '≥ 150 MB/s',
        value: ours,
        unit: 'MB/s',
        pass: complete && ours >= 150,
      },
      {
        name: `tfevents ${mb} MB: longest main-thread task (reader page)`,
        target: '≤ 50 ms',
        value: worstTask(reader),
        unit: 'ms',
        pass: worstTask(reader) <= 50,
      },
      {
        name: `tfevents ${mb} MB: longest main-thread task (app)`,
        target: '≤ 50 ms',
        value: worstTask(app),
        unit: 'ms',
        pass: worstTask(app) <= 50,
      },
    ];
    const rows = [
      ['tfevents input', `${(shape.bytes / 1e6).toFixed(1)} MB, ${shape.scalars} scalars`],
      [
        'tfevents reader (reader page)',
        `${ours} MB/s median of ${runs} (${oursCpu ?? '–'} MB/s of renderer CPU)${complete ? '' : ' INCOMPLETE'}`,
      ],
      [
        'tfevents via app (readSources)',
        `${app[0].ingestMBps ?? '–'} MB/s to analysing, response ${app[0].workerResponseMs ?? '–'} ms${app[0].loadError ? ` (error: ${app[0].loadError})` : ''}`,
      ],
      ['tfevents longest task reader/app', `${worstTask(reader)} / ${worstTask(app)} ms`],
      ['tfevents memory, reader page', memoryCell(memory.readerPage)],
      ['tfevents memory, app', memoryCell(memory.app)],
    ];
    return { scenario, targets, rows };
  } finally {
    if (!ctx.keep) await rm(path.dirname(file), { recursive: true, force: true });
  }
}
