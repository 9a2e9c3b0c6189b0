// One measured load of a sweep folder through the app's real folder input (webkitdirectory):
// change event → first painted finding → first Leaderboard row ("time to ranking") → ready (the
// progress bar gone), with the worker heap and renderer RSS sampled from outside the page
// (memory.mjs), and long main-thread tasks from page-probe.js. Optionally it then measures the
// Curves cell: scrolled into view after ready, time to the first plot drawn, then the smoothing
// slider moved a few times (each move waits for its redraw), with its own memory window.
import { blocking, openProbedPage, round } from './measure.mjs';
import { sampleMemory } from './memory.mjs';

const FOLDER_INPUT = 'input[type=file][data-testid="folder-input"]';
const SMOOTHING_STEPS = ['0.2', '0.5', '0.8', '0.9', '0.95', '0.6'];

function changeTask(probe) {
  const t0 = probe.changeAt;
  const task = probe.longtasks.find((e) => e.start <= t0 && e.start + e.duration >= t0);
  return task ? { durationMs: round(task.duration), beforeChangeMs: round(t0 - task.start) } : null;
}

const drawnCount = (page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-testid="curve-plot"]');
    return el && el.querySelector('.main-svg') ? Number(el.getAttribute('data-drawn')) : 0;
  });

/** Waits until the Curves plot has drawn more than `previous` times and is not updating. */
async function waitForDraw(page, previous, timeout) {
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="curve-plot"]');
      const caption = document.querySelector('[data-testid="curves-caption"]')?.textContent ?? '';
      return (
        !!el &&
        !!el.querySelector('.main-svg') &&
        Number(el.getAttribute('data-drawn')) > prev &&
        !caption.includes('updating')
      );
    },
    previous,
    { timeout, polling: 50 },
  );
  return page.evaluate(() => performance.now());
}

/**
 * The Curves cell's window. Memory is sampled over it alone, without the renderer's VmHWM (its
 * lifetime peak would be the folder load's): peak = VmRSS samples, extra = peak − RSS before the
 * scroll; main-thread heap = the probe's performance.memory peak since the window began.
 */
async function measureCurves(page, browserCdp) {
  await page.waitForTimeout(1000); // settle after ready: only the cell's own work is counted
  // The load's main-thread peak is in the load's numbers: restart the probe's for this window.
  await page.evaluate(() => (window.__hpiProbe.heapPeak = null));
  const stopMemory = await sampleMemory(page, browserCdp, { hwm: false });
  try {
    const curves = await curvesWindow(page);
    const memory = await stopMemory();
    const heapPeak = await page.evaluate(() => window.__hpiProbe.heapPeak);
    const peakMainHeapMB = heapPeak === null ? null : round(heapPeak / 2 ** 20);
    return { ...curves, memory: { peakMainHeapMB, ...memory } };
  } finally {
    await stopMemory();
  }
}

async function curvesWindow(page) {
  const t0 = await page.evaluate(() => {
    // Record every redraw on the page clock (data-drawn counts plotly's afterplot events).
    window.__hpiDraws = [];
    new MutationObserver((records) => {
      for (const r of records)
        if (r.attributeName === 'data-drawn')
          window.__hpiDraws.push({ at: performance.now(), n: Number(r.target.dataset.drawn) });
    }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-drawn'] });
    return performance.now();
  });
  await page.locator('[data-testid="cell-curves"]').scrollIntoViewIfNeeded();
  const drawnAt = await waitForDraw(page, 0, 120_000);
  const draws = await page.evaluate(() => window.__hpiDraws);
  const firstDraw = draws.find((d) => d.n >= 1)?.at ?? drawnAt;
  const series = Number(
    await page.locator('[data-testid="curve-plot"]').getAttribute('data-series'),
  );
  await page.waitForTimeout(500);
  const s0 = await page.evaluate(() => performance.now());
  const slider = page.locator('[data-testid="smoothing"]');
  const redrawMs = [];
  for (const value of SMOOTHING_STEPS) {
    const before = await drawnCount(page);
    const at = await page.evaluate(() => performance.now());
    await slider.fill(value);
    const done = await waitForDraw(page, before, 60_000).catch(() => null);
    redrawMs.push(done === null ? null : round(done - at));
  }
  const s1 = await page.evaluate(() => performance.now());
  const probe = await page.evaluate(() => window.__hpiProbe);
  // When the lazily loaded plotly chunk arrived: a long task right after it is its evaluation.
  const plotlyChunks = await page.evaluate(
    (t) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /plotly/i.test(e.name) && e.responseEnd >= t)
        .map((e) => ({
          file: e.name.split('/').pop(),
          requestAtMs: Math.round(e.startTime - t),
          loadedAtMs: Math.round(e.responseEnd - t),
          kB: Math.round(e.decodedBodySize / 1024),
        })),
    t0,
  );
  return {
    series,
    plotlyChunks,
    timeToFirstPlotMs: round(firstDraw - t0),
    timeToSettledPlotMs: round(drawnAt - t0),
    firstDraw: blocking(probe, t0, drawnAt),
    smoothing: { steps: SMOOTHING_STEPS, redrawMs, ...blocking(probe, s0, s1) },
  };
}

export async function measureFolder(browser, browserCdp, url, folder, probeSource, withCurves) {
  const { context, page, pageErrors } = await openProbedPage(browser, url, probeSource, {
    viewport: { width: 1280, height: 900 },
  });
  let stopMemory = null;
  try {
    await page.locator(FOLDER_INPUT).waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(300);
    stopMemory = await sampleMemory(page, browserCdp);
    let timedOut = false;
    try {
      await page.setInputFiles(FOLDER_INPUT, folder);
      await page.waitForFunction(() => window.__hpiProbe.firstFindingPaintedAt !== null, null, {
        timeout: 600_000,
        polling: 100,
      });
      await page.locator('[data-testid="cell-leaderboard"]').waitFor({ timeout: 120_000 });
      await page
        .locator('[data-testid="progress"]')
        .first()
        .waitFor({ state: 'detached', timeout: 120_000 })
        .catch(() => undefined);
    } catch {
      timedOut = true;
    }
    const readyAt = await page.evaluate(() => performance.now());
    if (!timedOut)
      await page
        .waitForFunction(() => window.__hpiProbe.leaderboardAt !== null, null, { timeout: 20_000 })
        .catch(() => undefined);
    const memory = await stopMemory();
    const probe = await page.evaluate(() => window.__hpiProbe);
    const t0 = probe.changeAt;
    const since = (t) => (t0 == null || t == null ? null : round(t - t0));
    const ingestEnd = probe.phases.analysing ?? probe.responses[0]?.at ?? null;
    const ingestMs = since(ingestEnd);
    const load = {
      timedOut,
      pageErrors,
      files: probe.fileCount,
      bytes: probe.fileBytes,
      ingestMs,
      ingestMBps: ingestMs ? round(probe.fileBytes / 1e6 / (ingestMs / 1000), 1) : null,
      phasesMs: Object.fromEntries(Object.entries(probe.phases).map(([k, v]) => [k, since(v)])),
      workerResponseMs: since(probe.responses[0]?.at),
      timeToFirstFindingMs: since(probe.firstFindingPaintedAt),
      timeToRankingMs: since(probe.leaderboardAt),
      readyMs: since(readyAt),
      findingsRendered: await page.locator('[data-testid="finding"]').count(),
      ...blocking(probe, t0 ?? 0, readyAt),
      // The task that dispatches the change event starts inside setInputFiles, while Chromium
      // builds the FileList of the folder: its part before the event is not the app's code.
      changeTask: changeTask(probe),
      peakMainHeapMB: probe.heapPeak === null ? null : round(probe.heapPeak / 2 ** 20),
      ...memory,
    };
    const curves =
      withCurves && !timedOut ? await measureCurves(page, browserCdp).catch(errorOf) : null;
    return { load, curves, pageErrors };
  } catch (error) {
    return { load: { failed: errorOf(error).error, pageErrors }, curves: null, pageErrors };
  } finally {
    await stopMemory?.();
    await context.close();
  }
}

function errorOf(error) {
  return { error: String(error?.message ?? error).split('\n')[0] };
}
