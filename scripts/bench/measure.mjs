// One measured upload of the benchmark: a fresh browser context with scripts/bench/page-probe.js
// installed, the file set on the real input, and the probe's records turned into numbers; worker
// heap and renderer RSS sampled from outside the page meanwhile (memory.mjs).
import { sampleMemory } from './memory.mjs';

const FILE_INPUT = 'input[type=file][data-testid="file-input"]';

export const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
export const max = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return v.length ? Math.max(...v) : null;
};
export const round = (x, d = 1) => (x === null || x === undefined ? null : Number(x.toFixed(d)));

/**
 * A fresh browser context and page with page-probe.js installed and every page error and console
 * error collected, loaded at `url`. The caller closes `context`.
 */
export async function openProbedPage(browser, url, probeSource, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(`console: ${m.text()}`));
  try {
    await page.addInitScript({ content: probeSource });
    await page.goto(url, { waitUntil: 'load' });
  } catch (error) {
    await context.close();
    throw error;
  }
  return { context, page, pageErrors };
}

/**
 * The main thread's blocking inside [from, to] (page clock, from page-probe.js's records): the
 * longest long task overlapping the window, the longest rAF gap, and the 5 longest tasks with
 * their start relative to `from`. No window (from null): nothing.
 */
export function blocking(probe, from, to) {
  const inside = (e) => from != null && e.start + e.duration >= from && e.start <= to;
  const tasks = probe.longtasks.filter(inside);
  return {
    longestTaskMs: round(max(tasks.map((e) => e.duration))) ?? 0,
    longTaskCount: tasks.length,
    longTasks: tasks
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 5)
      .map((e) => ({ atMs: round(e.start - from), durationMs: round(e.duration) })),
    longestRafGapMs: round(max(probe.rafGaps.filter(inside).map((e) => e.duration))) ?? 0,
  };
}

/**
 * One measured upload in a fresh browser context. `fullAnalysis`: the sweep is large enough to be
 * answered in two passes (FIRST_PASS_ROWS in src/lib/worker/handler.ts), so wait for the second.
 */
export async function measureOnce(
  browser,
  url,
  csvPath,
  probeSource,
  { fullAnalysis = false, browserCdp = null } = {},
) {
  const { context, page, pageErrors } = await openProbedPage(browser, url, probeSource);
  await page.locator(FILE_INPUT).waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(300); // let startup work finish so it is not counted

  const stopMemory = browserCdp ? await sampleMemory(page, browserCdp) : async () => ({});
  const wallStart = Date.now();
  await page.setInputFiles(FILE_INPUT, csvPath).catch(async (error) => {
    await stopMemory();
    throw error;
  });
  let timedOut = false;
  try {
    await page.waitForFunction(() => window.__hpiProbe.firstFindingPaintedAt !== null, null, {
      timeout: 120_000,
      polling: 50,
    });
    // Let the rest of the results render, then settle.
    await page
      .locator('[data-testid="progress"]')
      .first()
      .waitFor({ state: 'detached', timeout: 60_000 })
      .catch(() => undefined);
    if (fullAnalysis)
      await page.waitForFunction(() => window.__hpiProbe.analyzePaintedAt !== null, null, {
        timeout: 300_000,
        polling: 100,
      });
    await page.waitForTimeout(1000);
  } catch {
    timedOut = true;
  }
  const wallMs = Date.now() - wallStart;
  const memory = await stopMemory();
  const probe = await page.evaluate(() => {
    const p = window.__hpiProbe;
    return {
      ...p,
      findingCount: document.querySelectorAll('[data-testid="finding"]').length,
      domElements: document.getElementsByTagName('*').length,
    };
  });
  const loadError = await page
    .locator('[data-testid="load-error"]')
    .first()
    .innerText({ timeout: 500 })
    .catch(() => null);
  await context.close();

  const t0 = probe.changeAt;
  const since = (t) => (t0 === null || t === null || t === undefined ? null : t - t0);
  const blocked = blocking(probe, t0, t0 + wallMs);
  const firstResponse = probe.responses.find((r) => r.at >= (t0 ?? 0));
  // Ingest = file handed to the app until the worker starts analysing (or answers).
  const ingestEnd = probe.phases.analysing ?? firstResponse?.at ?? null;
  const ingestMs = since(ingestEnd);
  const bytes = probe.fileBytes;
  return {
    timedOut,
    pageErrors,
    loadError,
    bytes,
    ingestMs: round(ingestMs),
    ingestMBps: ingestMs && bytes ? round(bytes / 1e6 / (ingestMs / 1000), 2) : null,
    phasesMs: Object.fromEntries(
      Object.entries(probe.phases).map(([k, v]) => [k, round(since(v))]),
    ),
    workerResponseMs: round(since(firstResponse?.at)),
    progressEvents: probe.progressCount,
    // Upload → first finding painted (DOM insertion plus the frame that shows it).
    timeToFirstFindingMs: round(since(probe.firstFindingPaintedAt)),
    timeToFirstFindingInDomMs: round(since(probe.firstFindingAt)),
    timeToOverviewMs: round(since(probe.overviewAt)),
    // Every finding: the second pass painted, or the first when there is no second pass.
    timeToFullFindingsMs: round(since(probe.analyzePaintedAt ?? probe.firstFindingPaintedAt)),
    fullAnalysisResponseMs: round(since(probe.analyzeAt)),
    findingsRendered: probe.findingCount,
    domElements: probe.domElements,
    longtaskSupported: probe.longtaskSupported,
    // Where the blocking happened (longTasks[].atMs), relative to the change event: compare with
    // phasesMs.
    ...blocked,
    longestTaskMs: probe.longtaskSupported ? blocked.longestTaskMs : null,
    peakMainHeapMB: probe.heapPeak === null ? null : round(probe.heapPeak / 2 ** 20),
    ...memory,
  };
}
