// The one UI step of the figures scenario that is tied to how figures are added: a fresh load
// shows 2 figure cells (issue heatmap, parameter heatmap); this adds 8 more through the notebook's
// "Add cell" menu (`add-cell-end`, `figure-kind`, `figure-option`, `figure-add`: see
// tests/browser/README.md). The scenario needs nothing else than `[data-testid="figure"]` cards
// and their `figure-plot` state.

/** The 8 added figures: every other kind once, then the parameter heatmap with other aggregates. */
export const EXTRA_FIGURES = [
  { kind: 'correlation' },
  { kind: 'parallel' },
  { kind: 'slice' },
  { kind: 'importance' },
  { kind: 'pareto' },
  { kind: 'distribution' },
  { kind: 'param-heatmap', options: { aggregate: 'median' } },
  { kind: 'param-heatmap', options: { aggregate: 'best' } },
];

// Generous: on a loaded machine a figure built in the worker (importance) can take many seconds.
const timeout = 120_000;

/** Adds one figure cell at the end of the notebook through its "Add cell" menu. */
export async function addFigure(page, { kind, options = {} }) {
  const cards = page.locator('[data-testid="figure"]');
  const before = await cards.count();
  const kindSelect = page.locator('[data-testid="figure-kind"]');
  if ((await kindSelect.count()) === 0) {
    const open = page.locator('[data-testid="add-cell-end"]');
    await open.evaluate((el) => el.scrollIntoView({ block: 'center' }), null, { timeout });
    await open.click({ timeout });
  }
  await kindSelect.selectOption(kind, { timeout });
  for (const [option, value] of Object.entries(options))
    await page
      .locator(`[data-testid="figure-option"][data-option="${option}"]`)
      .selectOption(value, { timeout });
  const add = page.locator('[data-testid="figure-add"]');
  // Centred first: at the viewport's edge the sticky bar can sit over the button.
  await add.evaluate((el) => el.scrollIntoView({ block: 'center' }), null, { timeout });
  await add.click({ timeout });
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="figure"]').length > n,
    before,
    { timeout },
  );
}

/** Adds every figure of `requests` in order: how many cards the page then shows, ms per add. */
export async function addFigures(page, requests = EXTRA_FIGURES) {
  const addMs = [];
  for (const request of requests) {
    const t = Date.now();
    await addFigure(page, request);
    addMs.push(Date.now() - t);
  }
  return { count: await page.locator('[data-testid="figure"]').count(), addMs };
}
