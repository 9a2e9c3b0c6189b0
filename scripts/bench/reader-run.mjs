// One measured read on the bench-only reader page (scripts/bench/reader-page): a fresh context
// with page-probe.js (long tasks), the files set on its input, the worker's report, and
// optionally worker heap / renderer memory and CPU sampled over CDP (memory.mjs).
import { max, round } from './measure.mjs';
import { startSampling } from './memory.mjs';

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
  const stop = await startSampling(page, browserCdp);
  const wallStart = Date.now();
  await page.locator('[data-testid="reader-input"]').setInputFiles(files);
  let timedOut = false;
  try {
    await page.waitForFunction(() => window.__readerResult !== null, null, {
      timeout: 600_000,
      polling: 100,
    });
  } catch {
    timedOut = true;
  }
  const memory = await stop();
  await page.waitForTimeout(300);
  const wallMs = Date.now() - wallStart;
  const { result, probe, startedAt } = await page.evaluate(() => ({
    result: window.__readerResult,
    probe: window.__hpiProbe,
    startedAt: window.__readerStartedAt,
  }));
  await context.close();
  const t0 = probe.changeAt ?? startedAt;
  const inWindow = (e) => e.start + e.duration >= t0 && e.start <= t0 + wallMs;
  const longtasks = probe.longtasks.filter(inWindow);
  const bytes = result?.bytes ?? null;
  const mainMs = result?.receivedAt && t0 ? result.receivedAt - t0 : null;
  const renderer = memory.renderer;
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
      renderer && renderer.cpuSeconds > 0 ? round(bytes / MB / renderer.cpuSeconds, 1) : null,
    longtaskSupported: probe.longtaskSupported,
    longestTaskMs: round(max(longtasks.map((e) => e.duration))) ?? 0,
    longestRafGapMs: round(max(probe.rafGaps.filter(inWindow).map((e) => e.duration))) ?? 0,
    memory: {
      workerHeapBaseMB: mb(memory.workerHeapBase),
      workerHeapPeakMB: mb(memory.workerHeapPeak),
      workerHeapExtraMB: mb(diff(memory.workerHeapPeak, memory.workerHeapBase)),
      workerV8UsedPeakMB: mb(memory.workerV8UsedPeak),
      rendererBaseRssMB: mb(renderer?.baseRss),
      rendererPeakRssMB: mb(renderer?.peakRss),
      rendererExtraMB: mb(diff(renderer?.peakRss, renderer?.baseRss)),
      rendererCpuSeconds: round(renderer?.cpuSeconds ?? null, 2),
    },
  };
}

const diff = (a, b) => (a == null || b == null ? null : a - b);
const mb = (x) => (x == null ? null : round(x / 2 ** 20, 1));
