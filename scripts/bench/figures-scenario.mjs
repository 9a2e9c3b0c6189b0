// Scenario 7 (issue 9): a notebook of 10 figures over a 10,000-trial sweep. The generated sweep
// goes through the file input; once its findings are shown, 8 figures are added to the 2 of a
// fresh load (add-figures.mjs, the only step tied to the add-a-figure UI), then every card is
// scrolled into view in turn (figures draw lazily near the viewport) until each has drawn.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { addFigure, EXTRA_FIGURES } from './add-figures.mjs';
import { writeSweep } from './generate-sweep.mjs';
import { blocking, max, openProbedPage, round } from './measure.mjs';
import { memoryCell, sampleMemory } from './memory.mjs';

const FILE_INPUT = 'input[type=file][data-testid="file-input"]';
const FINAL = ['drawn', 'empty', 'error'];

/** In-page: the first time each card's plot reached a final state, checked every frame. */
function watchFigures(finalStates) {
  const firstFinal = {};
  window.__hpiFigures = firstFinal;
  const tick = () => {
    document.querySelectorAll('[data-testid="figure"]').forEach((card, i) => {
      const key = `${i}:${card.getAttribute('data-kind')}`;
      const state = card.querySelector('[data-testid="figure-plot"]')?.getAttribute('data-state');
      if (!firstFinal[key] && finalStates.includes(state))
        firstFinal[key] = { at: performance.now(), state };
    });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function measureFigures(browser, browserCdp, url, file, probeSource) {
  const { context, page, pageErrors } = await openProbedPage(browser, url, probeSource, {
    viewport: { width: 1280, height: 900 },
  });
  let stopMemory = null;
  try {
    await page.locator(FILE_INPUT).waitFor({ state: 'attached', timeout: 30_000 });
    // Memory over the whole scenario: upload, adding the figures, drawing them.
    stopMemory = await sampleMemory(page, browserCdp);
    await page.setInputFiles(FILE_INPUT, file);
    await page.waitForFunction(() => window.__hpiProbe.firstFindingPaintedAt !== null, null, {
      timeout: 120_000,
    });
    await page.locator('[data-testid="figure"]').first().waitFor({ timeout: 60_000 });
    await page
      .locator('[data-testid="progress"]')
      .first()
      .waitFor({ state: 'detached', timeout: 60_000 })
      .catch(() => undefined);
    await page.evaluate(watchFigures, FINAL);
    await page.waitForTimeout(1000);
    const now = () => page.evaluate(() => performance.now());
    const t0 = await now();
    // One window per add and per card (page clock), to tell which figure blocks the thread.
    const addWindows = [];
    for (const request of EXTRA_FIGURES) {
      const a = await now();
      await addFigure(page, request);
      addWindows.push({ figure: request.kind, from: a, to: await now() });
    }
    const added = await now();
    const cards = page.locator('[data-testid="figure"]');
    const count = await cards.count();
    const states = [];
    for (let i = 0; i < count; i++) {
      const card = cards.nth(i);
      const from = await now();
      const scrolled = await card
        .evaluate((el) => el.scrollIntoView({ block: 'center' }), null, { timeout: 90_000 })
        .then(() => true)
        .catch((e) => String(e.message).split('\n')[0]);
      if (scrolled !== true) {
        states.push({ kind: null, state: `card ${i} not found: ${scrolled}` });
        continue;
      }
      const state = await page
        .waitForFunction(
          ({ i, final }) => {
            const el = document.querySelectorAll('[data-testid="figure"]')[i];
            const s = el?.querySelector('[data-testid="figure-plot"]')?.getAttribute('data-state');
            return final.includes(s) ? s : null;
          },
          { i, final: FINAL },
          { timeout: 90_000, polling: 50 },
        )
        .then((h) => h.jsonValue())
        .catch(() => 'timeout');
      states.push({ kind: await card.getAttribute('data-kind'), state, from, to: await now() });
    }
    const end = await page.evaluate(() => performance.now());
    const memory = await stopMemory();
    const { probe, first } = await page.evaluate(() => ({
      probe: window.__hpiProbe,
      first: window.__hpiFigures,
    }));
    const firsts = Object.values(first).map((f) => f.at);
    const task = (a, b) => blocking(probe, a, b).longestTaskMs;
    const all = blocking(probe, t0, end);
    const allDrawn = states.every((s) => FINAL.includes(s.state)) ? max(firsts) : null;
    return {
      pageErrors,
      figures: count,
      addMs: round(added - t0),
      // Per add / per card: how long it took and the longest task inside (a figure near the
      // viewport draws while it is added; the others when their card is scrolled to).
      adds: addWindows.map((w) => ({
        figure: w.figure,
        ms: round(w.to - w.from),
        longestTaskMs: task(w.from, w.to),
      })),
      cards: states.map((c) => ({
        figure: c.kind,
        state: c.state,
        ms: round(c.to - c.from),
        longestTaskMs: task(c.from, c.to),
      })),
      // When each card first drew (ms after the first add; ≤ 0: drawn before it).
      firstDrawnMs: Object.fromEntries(
        Object.entries(first).map(([k, f]) => [k, `${round(f.at - t0)} (${f.state})`]),
      ),
      timeToAllDrawnMs: allDrawn === null ? null : round(allDrawn - t0),
      timeToAllDrawnSinceUploadMs: allDrawn === null ? null : round(allDrawn - probe.changeAt),
      timeToFirstFindingMs: round(probe.firstFindingPaintedAt - probe.changeAt),
      longestTaskMs: all.longestTaskMs,
      longestTaskLoadMs: task(probe.changeAt, t0),
      longTasks: all.longTasks,
      longestRafGapMs: all.longestRafGapMs,
      peakMainHeapMB: probe.heapPeak === null ? null : round(probe.heapPeak / 2 ** 20),
      ...memory,
    };
  } catch (error) {
    return { pageErrors, failed: String(error?.message ?? error).split('\n')[0] };
  } finally {
    await stopMemory?.();
    await context.close();
  }
}

export async function figuresScenario(ctx) {
  const file = path.join(ctx.outDir, `sweep_${ctx.trials}x30_figures.csv`);
  const generated = await writeSweep(file, { trials: ctx.trials });
  try {
    const r = await measureFigures(ctx.browser, ctx.browserCdp, ctx.appUrl, file, ctx.probeSource);
    console.log(
      `  figures: ${r.figures ?? '–'} figures, all drawn ${r.timeToAllDrawnMs ?? '–'} ms after the first add, ` +
        `longest task ${r.longestTaskMs ?? '–'} ms` +
        (r.failed ? ` FAILED ${r.failed}` : '') +
        (r.pageErrors.length ? ` (page errors: ${r.pageErrors.join(' | ').slice(0, 200)})` : ''),
    );
    const ok = !r.failed && r.figures === 10 && r.timeToAllDrawnMs !== null;
    const scenario = {
      name: `figures-10-over-${ctx.trials / 1000}k-trials`,
      path: 'app file input, then 8 figures added (scripts/bench/add-figures.mjs)',
      description:
        'After the sweep is shown and 1 s of quiet: add 8 figures to the 2 of a fresh load, then ' +
        'scroll each card into view (figures draw lazily) until every one has drawn. Times from ' +
        'the first add click; the longest main-thread task covers adding, scrolling and drawing. ' +
        'Memory (memory.mjs) is sampled from before the upload to the last figure drawn.',
      input: { trials: generated.trials, columns: generated.columns, bytes: generated.bytes },
      measurement: r,
    };
    const targets = [
      {
        name: 'figures: longest main-thread task (10 figures, 10k trials)',
        target: '≤ 50 ms',
        value: r.longestTaskMs ?? null,
        unit: 'ms',
        pass: ok && r.longestTaskMs <= 50,
      },
    ];
    const rows = [
      [
        'figures: 10 over 10k trials',
        ok
          ? `all drawn ${r.timeToAllDrawnMs} ms after the first add (adding took ${r.addMs} ms)`
          : `FAILED (${r.failed ?? JSON.stringify(r.cards)})`,
      ],
      [
        'figures: longest task',
        `${r.longestTaskMs ?? '–'} ms (load ${r.longestTaskLoadMs ?? '–'} ms)`,
      ],
      ['figures: peak memory', memoryCell(r.failed ? null : r)],
    ];
    return { scenario, targets, rows };
  } finally {
    if (!ctx.keep) await rm(file, { force: true });
  }
}
