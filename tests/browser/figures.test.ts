/**
 * The figure cells: plotly drawn lazily from the figure specs, clicks and brushes selecting the
 * trials behind them, every figure kind in both themes, the WebGL budget, and hostile names.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generatePlantedSweep } from '../../src/lib/fixtures';
import { addFigure, figure, waitForFigure } from './figure-page';
import { XSS_IMG, XSS_SCRIPT } from './fixtures';
import { readWhileScrolling } from './virtual-scroll';
import { findings, sharedDataDir, upload, useHarness, waitForFindings } from './harness';

const KINDS = [
  'issue-heatmap',
  'param-heatmap',
  'correlation',
  'parallel',
  'slice',
  'importance',
  'pareto',
  'distribution',
] as const;
const QUANT = path.join(sharedDataDir, 'real/sweep_csv/wandb_export_quant_bits.csv');

async function openPlanted(page: Page) {
  await page.click('[data-testid="example-planted"]');
  await waitForFindings(page);
  await page.locator('[data-testid="cell-figure"]').first().waitFor({ timeout: 20_000 });
}

/**
 * Every highlighted run id. The bar names the first few; its list has them all but keeps only
 * the rows in view in the DOM, so it is read while scrolled from top to end.
 */
async function selectedIds(page: Page): Promise<string[]> {
  const bar = page.locator('[data-testid="selection-bar"]');
  const toggle = bar.locator('[data-testid="selection-list-toggle"]');
  if ((await toggle.count()) === 0) {
    const text = await bar.locator('.ids').textContent({ timeout: 5_000 });
    return (text ?? '').split(', ').filter((s) => s.length > 0);
  }
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const list = bar.locator('[data-testid="selection-list"]');
  const seen = new Set<string>();
  await readWhileScrolling(page, list, async () => {
    for (const id of await list.locator('.id').allTextContents()) seen.add(id);
  });
  return [...seen];
}

/** The parcoords batch_size axis: its index, how many lines are drawn, how many in [60, 70]. */
function batchAxis(card: Locator) {
  return card.locator('.js-plotly-plot').evaluate((gd) => {
    const g = gd as unknown as {
      data: { dimensions: { label: string; values: number[] }[] }[];
    };
    const dims = g.data[0].dimensions;
    const k = dims.findIndex((d) => d.label.includes('batch_size'));
    const values = dims[k]?.values ?? [];
    return { k, lines: values.length, inside: values.filter((v) => v >= 60 && v <= 70).length };
  });
}

/** Brushes [60, 70] on axis k: a restyle of constraintrange, which is what plotly's brush emits. */
async function brushBatchSize(card: Locator, k: number) {
  await card.locator('.js-plotly-plot').evaluate((gd, k) => {
    const g = gd as unknown as {
      data: { dimensions: { constraintrange?: number[] }[] }[];
      emit(name: string, data: unknown): void;
    };
    g.data[0].dimensions[k].constraintrange = [60, 70];
    g.emit('plotly_restyle', [{}, [0]]);
  }, k);
}

describe('Figure cells', () => {
  const h = useHarness();

  it('draws the issue heatmap; a click on the hot NaN cell selects exactly its trials', async () => {
    const page = await h.open();
    await openPlanted(page);
    const card = await waitForFigure(page, 'issue-heatmap');
    expect(await card.locator('.main-svg').count()).toBeGreaterThan(0);

    // The NaN/Inf column and the highest learning-rate bucket, from the drawn figure.
    const target = await card.locator('.js-plotly-plot').evaluate((gd) => {
      interface Ax {
        ticktext: string[];
        l2p(v: number): number;
        _offset: number;
      }
      const g = gd as unknown as {
        data: { z: (number | null)[][]; text: string[][] }[];
        _fullLayout: { xaxis: Ax; yaxis: Ax };
      };
      const { xaxis, yaxis } = g._fullLayout;
      const x = xaxis.ticktext.findIndex((t) => t.includes('NaN'));
      const lrRows = yaxis.ticktext.flatMap((t, i) => (t.startsWith('lr ') ? [i] : []));
      const y = lrRows[lrRows.length - 1];
      const box = gd.getBoundingClientRect();
      return {
        x,
        y,
        counts: g.data[0].text[y][x].replace(/<[^>]+>/g, ''),
        rate: g.data[0].z[y][x],
        px: box.left + xaxis._offset + xaxis.l2p(x),
        py: box.top + yaxis._offset + yaxis.l2p(y),
      };
    });
    expect(target.x).toBeGreaterThanOrEqual(0);
    const withIssue = Number(target.counts.split('/')[0]);
    expect(withIssue).toBeGreaterThan(0);
    expect(target.rate).toBeGreaterThan(0.4); // the planted hot cell

    // A real mouse click on the cell centre.
    await page.mouse.click(target.px, target.py);
    const status = page.locator('[data-testid="figure-selection"]');
    await expect.poll(() => status.getAttribute('data-count')).toBe(String(withIssue));
    const ids = await selectedIds(page);
    expect(ids).toHaveLength(withIssue);
    // Every NaN/Inf finding together (one per metric) lists the trials the column counts.
    const nanRuns = (await findings(page))
      .filter((f) => f.detector === 'nan-metrics')
      .flatMap((f) => f.runs);
    for (const id of ids) expect(nanRuns).toContain(id);
    // The Findings cell highlights them through the shared selection; one click clears it.
    await page.locator('.selection').getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.locator('.selection').count()).toBe(0);
    expect(await status.count()).toBe(0);
  });

  it('trials selected in another cell are highlighted in the figures', async () => {
    const page = await h.open();
    await openPlanted(page);
    await addFigure(page, 'slice');
    await addFigure(page, 'distribution');
    const slice = await waitForFigure(page, 'slice');
    // An overfitting trial (it has a finite loss, so every slice plots it), from its finding.
    const run = page
      .locator('[data-testid="finding"][data-detector="overfitting"] button.run')
      .first();
    await run.scrollIntoViewIfNeeded();
    const id = (await run.textContent())?.trim() ?? '';
    await run.click();
    await expect(run.getAttribute('aria-pressed')).resolves.toBe('true');
    const selectedIn = (card: typeof slice) =>
      card.locator('.js-plotly-plot').evaluate((gd) => {
        const g = gd as unknown as { data: { selectedpoints?: number[] | null }[] };
        return g.data.map((t) => t.selectedpoints ?? null);
      });
    // One point per subplot: the run's own, in whichever health group it belongs to.
    await expect
      .poll(async () => (await selectedIn(slice)).flatMap((p) => p ?? []).length)
      .toBeGreaterThan(0);
    const perTrace = await selectedIn(slice);
    const subplots = await slice
      .locator('.js-plotly-plot')
      .evaluate((gd) => (gd as unknown as { data: { xaxis: string }[] }).data.map((t) => t.xaxis));
    const hitAxes = new Set(subplots.filter((_, i) => (perTrace[i]?.length ?? 0) > 0));
    expect(perTrace.every((p) => p === null || p.length <= 1)).toBe(true);
    expect(hitAxes.size).toBe(new Set(subplots).size);
    expect(id.length).toBeGreaterThan(0);
    // The histogram marks the bar holding it.
    const dist = await waitForFigure(page, 'distribution');
    await expect
      .poll(async () => (await selectedIn(dist)).flatMap((p) => p ?? []).length)
      .toBeGreaterThan(0);
    // Clearing the selection clears the highlight.
    await page.locator('.selection').getByRole('button', { name: 'Clear' }).click();
    await expect.poll(async () => (await selectedIn(slice)).every((p) => p === null)).toBe(true);
  });

  it('every figure kind draws in light and in dark', async () => {
    const page = await h.open();
    await openPlanted(page);
    for (const kind of KINDS.slice(2)) await addFigure(page, kind);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const kind of KINDS) {
        const card = await waitForFigure(page, kind);
        await expect
          .poll(() =>
            card
              .locator('.js-plotly-plot')
              .evaluate(
                (gd) =>
                  (gd as unknown as { layout: { paper_bgcolor: string } }).layout.paper_bgcolor,
              ),
          )
          .toBe(scheme === 'dark' ? '#16191f' : '#ffffff');
        expect(await card.locator('.main-svg, canvas').count()).toBeGreaterThan(0);
      }
    }
  });

  it('removes a figure, and keeps at most four WebGL figures alive', async () => {
    const page = await h.open();
    await openPlanted(page);
    // One cell per figure: removing the figure deletes its cell.
    const heatmapCell = page.locator('[data-testid="cell-figure"]', {
      has: page.locator(figure('param-heatmap')),
    });
    await heatmapCell.hover();
    await heatmapCell.locator('[data-testid="cell-delete"]').click();
    expect(await page.locator(figure('param-heatmap')).count()).toBe(0);
    for (let i = 0; i < 5; i++)
      await addFigure(page, 'parallel', { color: i % 2 ? 'issue' : 'metric' });
    for (let i = 0; i < 5; i++) await waitForFigure(page, 'parallel', i);
    const states = await page
      .locator(`${figure('parallel')} [data-testid="figure-plot"]`)
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
    expect(states.filter((s) => s === 'drawn').length).toBeLessThanOrEqual(4);
    // Which one is paused depends on which was seen least recently (scrolling order and the
    // viewport's height), not on the order of adding.
    const paused = states.indexOf('paused');
    expect(paused).toBeGreaterThanOrEqual(0);
    await waitForFigure(page, 'parallel', paused); // redrawn when it comes back into view
    // A new figure cell scrolls into view and draws at once; five WebGL plots in software GL
    // (headless Chromium) take several seconds each.
  }, 150_000);

  it('brushing a parallel-coordinates axis selects the trials inside the brush', async () => {
    const page = await h.open();
    await openPlanted(page);
    await addFigure(page, 'parallel');
    const card = await waitForFigure(page, 'parallel');
    const expected = await batchAxis(card);
    expect(expected.k).toBeGreaterThanOrEqual(0);
    await brushBatchSize(card, expected.k);
    await expect
      .poll(() => page.locator('[data-testid="figure-selection"]').getAttribute('data-count'))
      .toBe(String(expected.inside));
  });

  it('on a sweep too big to draw every line, a brush selects among all trials', async () => {
    const page = await h.open();
    const { csv } = generatePlantedSweep(5, 3000);
    await upload(page, { name: 'big.csv', content: csv });
    await waitForFindings(page);
    await addFigure(page, 'parallel');
    const card = await waitForFigure(page, 'parallel');
    const drawn = await batchAxis(card);
    expect(drawn.lines).toBe(1000);
    await brushBatchSize(card, drawn.k);
    const batch64 = csv.split('\n').filter((line) => line.split(',').includes('64')).length;
    const selection = page.locator('[data-testid="figure-selection"]');
    await expect.poll(() => selection.getAttribute('data-count')).not.toBeNull();
    const count = Number(await selection.getAttribute('data-count'));
    expect(count).toBeGreaterThan(drawn.inside);
    expect(count).toBeLessThanOrEqual(batch64);
  });

  it.runIf(existsSync(QUANT))(
    'weight bits × activation bits → accuracy has its minimum at w4/a2',
    async () => {
      const page = await h.open();
      await upload(page, QUANT);
      await page.locator('[data-testid="cell-figure"]').first().waitFor({ timeout: 30_000 });
      await addFigure(page, 'param-heatmap', {
        x: 'weight_bits',
        y: 'act_bits',
        metric: 'quant_test_acc',
      });
      const card = await waitForFigure(page, 'param-heatmap', 1);
      const min = await card.locator('.js-plotly-plot').evaluate((gd) => {
        interface Ax {
          tickvals: number[];
          ticktext: string[];
        }
        const g = gd as unknown as {
          data: { x: number[]; y: number[]; z: (number | null)[][] }[];
          layout: { xaxis: Ax; yaxis: Ax };
        };
        const { x, y, z } = g.data[0];
        let best = { v: Infinity, i: -1, j: -1 };
        z.forEach((row, i) =>
          row.forEach((v, j) => {
            if (v !== null && v < best.v) best = { v, i, j };
          }),
        );
        const label = (ax: Ax, v: number) => ax.ticktext[ax.tickvals.indexOf(v)];
        return { x: label(g.layout.xaxis, x[best.j]), y: label(g.layout.yaxis, y[best.i]) };
      });
      expect(min).toEqual({ x: '4', y: '2' });
    },
  );

  it('hostile column names and trial ids stay text in every figure', async () => {
    const page = await h.open();
    const rows = [`trial_id,status,lr,${XSS_IMG},opt,val_loss,val_acc,epochs`];
    for (let i = 0; i < 40; i++) {
      const id = i % 2 ? `${XSS_IMG}-${i}` : `${XSS_SCRIPT}-${i}`;
      const lr = (1e-4 * 2 ** (i % 8)).toPrecision(3);
      const loss = i % 8 === 7 ? 'NaN' : (0.3 + 0.01 * i).toFixed(3);
      const opt = i % 3 ? `"<b onmouseover=alert(4)>adam</b>"` : 'sgd';
      rows.push(`"${id}",completed,${lr},${i % 4},${opt},${loss},${0.9 - 0.01 * i},${10 + i}`);
    }
    await upload(page, { name: 'hostile.csv', content: rows.join('\n') + '\n' });
    await page.locator('[data-testid="cell-figure"]').first().waitFor({ timeout: 30_000 });
    for (const kind of KINDS.slice(2)) await addFigure(page, kind);
    for (const kind of KINDS) {
      const card = await waitForFigure(page, kind, 0, ['drawn', 'empty']);
      await card.hover();
    }
    expect(await page.$$eval('[onerror], [onmouseover], img[src="x"]', (els) => els.length)).toBe(
      0,
    );
  });
});
