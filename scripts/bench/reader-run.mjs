// One measured read on the bench-only reader page (scripts/bench/reader-page): a fresh context
// with page-probe.js (long tasks), the files set on its input, the worker's report, and
// optionally worker heap / renderer memory and CPU sampled over CDP (memory.mjs).
import { blocking, round } from './measure.mjs';
import { sampleMemory } from './memory.mjs';

const MB = 1e6;

export async function measureReader(browser, browserCdp, url, files, mode, probeSource) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript({ content: probeSource });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__readerReady === true, null, { timeout: 30_000 });
  await page.evaluate((m) => (window.__readerMode = m), mode);
  await page.waitForTimeout(200);
  const stopMemory = await sampleMemory(page, browserCdp);
  const wallStart = Date.now();
  await page
    .locator('[data-testid="reader-input"]')
    .setInputFiles(files)
    .catch(async (error) => {
      await stopMemory(); // a sampling loop left running would keep the bench from exiting
      throw error;
    });
  let timedOut = false;
  try {
    await page.waitForFunction(() => window.__readerResult !== null, null, {
      timeout: 600_000,
      polling: 100,
    });
  } catch {
    timedOut = true;
  }
  const memory = await stopMemory();
  await page.waitForTimeout(300);
  const wallMs = Date.now() - wallStart;
  const { result, probe, startedAt } = await page.evaluate(() => ({
    result: window.__readerResult,
    probe: window.__hpiProbe,
    startedAt: window.__readerStartedAt,
  }));
  await context.close();
  const t0 = probe.changeAt ?? startedAt;
  const blocked = blocking(probe, t0, t0 + wallMs);
  const bytes = result?.bytes ?? null;
  const mainMs = result?.receivedAt && t0 ? result.receivedAt - t0 : null;
  return {
    path: `reader page (${mode})`,
    timedOut,
    ok: result?.ok ?? false,
    error: result?.error ?? null,
    pageErrors,
    bytes,
    points: result?.points ?? null,
    series: result?.series ?? null,
    runs: result?.runs ?? null,
    issues: result?.issues ?? null,
    corruptRecords: result?.corrupt ?? null,
    // Time inside the worker (first chunk read to result) and from the change event.
    workerMs: round(result?.ms ?? null),
    workerMBps: result?.ms ? round(bytes / MB / (result.ms / 1000), 1) : null,
    changeToResultMs: round(mainMs),
    mbpsOfRendererCpu:
      memory.rendererCpuSeconds > 0 ? round(bytes / MB / memory.rendererCpuSeconds, 1) : null,
    longtaskSupported: probe.longtaskSupported,
    longestTaskMs: blocked.longestTaskMs,
    longestRafGapMs: blocked.longestRafGapMs,
    peakMainHeapMB: probe.heapPeak === null ? null : round(probe.heapPeak / 2 ** 20),
    memory,
  };
}
