/**
 * Choosing the hyperparameters of parallel coordinates and slice plots: by default the figure
 * draws the most important ones and says so; the Options panel ticks others, the figure redraws
 * with exactly those, the choice survives a reload, and "Most important (default)" goes back.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addFigure, waitForFigure } from './figure-page';
import { upload, useHarness } from './harness';
import { waitForNotebook, waitStored } from './workspace-page';

const PARAMS = Array.from({ length: 12 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);

/** 200 trials over 12 hyperparameters; val_loss is driven by p04 and p11 alone. */
function wideSweepCsv(): string {
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const lines = [['trial_id', ...PARAMS, 'val_loss'].join(',')];
  for (let i = 0; i < 200; i++) {
    // In [1, 2]: linear axes, so the axis titles are the bare names.
    const values = PARAMS.map(() => 1 + Math.round(rnd() * 1000) / 1000);
    const loss = 0.2 + 2 * values[3] + 1.5 * values[10] ** 2 + rnd() * 0.01;
    lines.push([i + 1, ...values, loss.toFixed(5)].join(','));
  }
  return lines.join('\n') + '\n';
}

/** What a drawn figure shows: its hyperparameters in order and its subtitle note. */
async function drawn(card: Locator): Promise<{ params: string[]; note: string }> {
  return card.locator('.js-plotly-plot').evaluate((gd) => {
    interface Trace {
      type: string;
      xaxis?: string;
      dimensions?: { label: string }[];
    }
    const g = gd as unknown as {
      data: Trace[];
      layout: Record<string, { text?: string; subtitle?: { text: string } } | undefined> & {
        title?: { subtitle?: { text: string } };
      };
    };
    const note = g.layout.title?.subtitle?.text ?? '';
    if (g.data[0].type === 'parcoords')
      return { params: (g.data[0].dimensions ?? []).map((d) => d.label), note };
    const axes = [...new Set(g.data.map((t) => t.xaxis ?? 'x'))];
    const title = (a: string) =>
      (g.layout[`xaxis${a.slice(1)}`] as { title?: { text?: string } } | undefined)?.title?.text;
    return { params: axes.map((a) => title(a) ?? a), note };
  });
}

/** Polls until the figure draws exactly `params` (the parallel one adds the metric's axis). */
async function expectDrawn(card: Locator, params: string[], note: RegExp | '') {
  await expect.poll(async () => (await drawn(card)).params, { timeout: 30_000 }).toEqual(params);
  const shown = (await drawn(card)).note;
  if (note === '') expect(shown).not.toMatch(/hyperparameters/);
  else expect(shown).toMatch(note);
}

/** Opens a figure cell's Options and its hyperparameters list; returns the list's container. */
async function openParams(card: Locator): Promise<Locator> {
  const cell = card.locator('xpath=ancestor::*[@data-testid="cell-figure"]');
  await cell.locator('[data-testid="figure-options"]').click();
  const box = cell.locator('[data-testid="figure-edit-option"][data-option="params"]');
  await box.locator('summary').click();
  await box.locator('input[data-param]').first().waitFor();
  return box;
}

async function ticked(box: Locator): Promise<string[]> {
  return box
    .locator('input[data-param]')
    .evaluateAll((els) =>
      els.filter((e) => (e as HTMLInputElement).checked).map((e) => e.getAttribute('data-param')!),
    );
}

const tick = (box: Locator, p: string) => box.locator(`input[data-param="${p}"]`).click();

/** The stored figure request of the only figure cell of this kind. */
async function storedParams(page: Page, kind: string, expected: string[] | undefined) {
  await waitStored(page, (docs) =>
    docs.some((d) =>
      d.cells.some((c) => {
        const request = (c as { request?: { kind: string; params?: string[] } }).request;
        return (
          request?.kind === kind && JSON.stringify(request.params) === JSON.stringify(expected)
        );
      }),
    ),
  );
}

async function openWideSweep(page: Page) {
  await upload(page, { name: 'wide-sweep.csv', content: wideSweepCsv() });
  await waitForNotebook(page);
}

/** Reloads; the notebook comes back from storage with its data. */
async function reload(page: Page) {
  await page.reload();
  await waitForNotebook(page);
}

describe('Choosing the hyperparameters of many-axes figures', () => {
  const h = useHarness();

  it('parallel coordinates: 8 most important by default, then the chosen ones, kept on reload', async () => {
    const page = await h.open();
    await openWideSweep(page);
    await addFigure(page, 'parallel');
    let card = await waitForFigure(page, 'parallel');
    // The most important once the full analysis ranked them: p04 and p11 drive val_loss.
    await expect
      .poll(async () => (await drawn(card)).note, { timeout: 30_000 })
      .toContain('8 of 12 hyperparameters (the most important); choose others in Options');
    const byDefault = (await drawn(card)).params;
    expect(byDefault).toHaveLength(9);
    expect(byDefault.at(-1)).toBe('val_loss');
    expect(byDefault).toEqual(expect.arrayContaining(['p04', 'p11']));

    let box = await openParams(card);
    expect(await box.locator('summary').innerText()).toBe('Hyperparameters: 8 most important');
    expect(await box.locator('input[data-param]').count()).toBe(12);
    // The ticked boxes are the axes drawn; the default button has nothing to reset.
    expect(await ticked(box)).toEqual(byDefault.slice(0, -1));
    const reset = box.locator('[data-testid="figure-edit-params-default"]');
    expect(await reset.isDisabled()).toBe(true);

    const extra = PARAMS.filter((p) => !byDefault.includes(p)).slice(0, 2);
    await tick(box, extra[0]);
    await tick(box, extra[1]);
    const chosen = PARAMS.filter((p) => byDefault.includes(p) || extra.includes(p));
    expect(chosen).toHaveLength(10);
    await expectDrawn(card, [...chosen, 'val_loss'], '');
    expect(await box.locator('summary').innerText()).toBe('Hyperparameters: 10 chosen');
    await storedParams(page, 'parallel', chosen);

    await reload(page);
    card = await waitForFigure(page, 'parallel');
    await expectDrawn(card, [...chosen, 'val_loss'], '');
    box = await openParams(card);
    expect(await box.locator('summary').innerText()).toBe('Hyperparameters: 10 chosen');
    expect(await ticked(box)).toEqual(chosen);

    await box.locator('[data-testid="figure-edit-params-default"]').click();
    await expectDrawn(card, byDefault, /8 of 12 hyperparameters \(the most important\)/);
    expect(await box.locator('summary').innerText()).toBe('Hyperparameters: 8 most important');
    await storedParams(page, 'parallel', undefined);
  });

  it('slice plots: 9 by default, at least one kept, the choice kept on reload', async () => {
    const page = await h.open();
    await openWideSweep(page);
    await addFigure(page, 'slice');
    let card = await waitForFigure(page, 'slice');
    await expect
      .poll(async () => (await drawn(card)).note, { timeout: 30_000 })
      .toContain('9 of 12 hyperparameters (the most important)');
    const byDefault = (await drawn(card)).params;
    expect(byDefault).toHaveLength(9);

    let box = await openParams(card);
    expect(await box.locator('summary').innerText()).toBe('Hyperparameters: 9 most important');
    expect(await ticked(box)).toEqual(byDefault);
    // Untick all but the first: the last ticked box cannot be unticked.
    for (const p of byDefault.slice(1)) await tick(box, p);
    await expectDrawn(card, byDefault.slice(0, 1), '');
    const last = box.locator(`input[data-param="${byDefault[0]}"]`);
    expect(await last.isDisabled()).toBe(true);
    expect(await last.isChecked()).toBe(true);
    // Tick one more with the keyboard: Space on a focused box.
    const other = PARAMS.find((p) => !byDefault.includes(p))!;
    await box.locator(`input[data-param="${other}"]`).focus();
    await page.keyboard.press('Space');
    const chosen = PARAMS.filter((p) => p === byDefault[0] || p === other);
    await expectDrawn(card, chosen, '');
    expect(await last.isDisabled()).toBe(false);
    // Each tick is one undo step; the open list follows the undone figure.
    await box.locator('summary').focus();
    await page.keyboard.press('Control+z');
    await expectDrawn(card, byDefault.slice(0, 1), '');
    expect(await ticked(box)).toEqual(byDefault.slice(0, 1));
    await tick(box, other);
    await expectDrawn(card, chosen, '');
    await storedParams(page, 'slice', chosen);

    await reload(page);
    card = await waitForFigure(page, 'slice');
    await expectDrawn(card, chosen, '');
    box = await openParams(card);
    expect(await box.locator('summary').innerText()).toBe('Hyperparameters: 2 chosen');

    await box.locator('[data-testid="figure-edit-params-default"]').click();
    await expectDrawn(card, byDefault, /9 of 12 hyperparameters \(the most important\)/);
    await storedParams(page, 'slice', undefined);
  });
});
