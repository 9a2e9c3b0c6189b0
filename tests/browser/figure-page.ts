/** Helpers for the figure-cell browser tests: add a figure through the menu, wait for it to draw. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The `<figure>` of a figure cell of this kind. */
export const figure = (kind: string) => `[data-testid="figure"][data-kind="${kind}"]`;

/** Waits until the nth figure of a kind has drawn (or shows why it cannot). */
export async function waitForFigure(page: Page, kind: string, nth = 0, states = ['drawn']) {
  const card = page.locator(figure(kind)).nth(nth);
  // Cells use content-visibility:auto and plotly loads near the viewport: scroll first.
  await card.scrollIntoViewIfNeeded();
  const plot = card.locator('[data-testid="figure-plot"]');
  await expect
    .poll(() => plot.getAttribute('data-state'), { timeout: 30_000 })
    .toSatisfy((s) => states.includes(s ?? ''));
  return card;
}

/** Adds a figure cell at the end of the notebook through the add-a-cell menu. */
export async function addFigure(page: Page, kind: string, options: Record<string, string> = {}) {
  if ((await page.locator('[data-testid="figure-kind"]').count()) === 0) {
    const open = page.locator('[data-testid="add-cell-end"]');
    await open.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await open.click();
  }
  await page.selectOption('[data-testid="figure-kind"]', kind);
  for (const [option, value] of Object.entries(options))
    await page.selectOption(`[data-testid="figure-option"][data-option="${option}"]`, value);
  // Centre the button first: at the edge of the viewport the sticky top bar or a cell still
  // laying out can sit over it, and the click then waits for a free spot until it times out.
  const add = page.locator('[data-testid="figure-add"]');
  await add.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await add.click();
}
