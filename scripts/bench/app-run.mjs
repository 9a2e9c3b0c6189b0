// One measured load through the real app (production build, real file input) for log files:
// unlike the sweep scenario it waits for the worker's load response, not for a finding (healthy
// generated curves may have none). Ingest = change event → the worker's `analysing` phase.
// Worker heap and renderer RSS are sampled from outside the page meanwhile (memory.mjs).
import { blocking, openProbedPage, round } from './measure.mjs';
import { sampleMemory } from './memory.mjs';

const FILE_INPUT = 'input[type=file][data-testid="file-input"]';

export async function measureApp(browser, browserCdp, url, files, probeSource) {
  try {
    return await measureAppOnce(browser, browserCdp, url, files, probeSource);
  } catch (error) {
    // The app is being changed by others too: a broken build must not lose the other numbers.
    const message = String(error?.message ?? error).split('\n')[0];
    return {
      path: 'app file input (readSources)',
      failed: message,
      loadError: message,
      longestTaskMs: null,
    };
  }
}

async function measureAppOnce(browser, browserCdp, url, files, probeSource) {
  const { context, page, pageErrors } = await openProbedPage(browser, url, probeSource);
  let stopMemory = null;
  try {
    await page.locator(FILE_INPUT).waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(300);
    stopMemory = await sampleMemory(page, browserCdp);
    const wallStart = Date.now();
    await page.setInputFiles(FILE_INPUT, files);
    let timedOut = false;
    try {
      await page.waitForFunction(
        () =>
          window.__hpiProbe.responses.length > 0 ||
          document.querySelector('[data-testid="load-error"]') !== null,
        null,
        { timeout: 600_000, polling: 100 },
      );
      await page.waitForTimeout(1500); // let the results render
    } catch {
      timedOut = true;
    }
    const wallMs = Date.now() - wallStart;
    const memory = await stopMemory();
    const probe = await page.evaluate(() => window.__hpiProbe);
    const loadError = await page
      .locator('[data-testid="load-error"]')
      .first()
      .innerText({ timeout: 500 })
      .catch(() => null);
    const t0 = probe.changeAt;
    const since = (t) => (t0 === null || t == null ? null : t - t0);
    const ingestMs = since(probe.phases.analysing ?? probe.responses[0]?.at);
    return {
      path: 'app file input (readSources)',
      timedOut,
      loadError,
      pageErrors,
      bytes: probe.fileBytes,
      ingestMs: round(ingestMs),
      ingestMBps: ingestMs ? round(probe.fileBytes / 1e6 / (ingestMs / 1000), 1) : null,
      workerResponseMs: round(since(probe.responses[0]?.at)),
      phasesMs: Object.fromEntries(
        Object.entries(probe.phases).map(([k, v]) => [k, round(since(v))]),
      ),
      longtaskSupported: probe.longtaskSupported,
      ...blocking(probe, t0, t0 + wallMs),
      peakMainHeapMB: probe.heapPeak === null ? null : round(probe.heapPeak / 2 ** 20),
      ...memory,
    };
  } finally {
    // Ends the sampling loop too when a step above threw.
    await stopMemory?.();
    await context.close();
  }
}
