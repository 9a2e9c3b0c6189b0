/**
 * Page helpers of the hostile-content suite: a policy-violation recorder, an inspector for what
 * payload markup would leave in the DOM, and walkers that render, open, hover and select.
 */
import { readFile } from 'node:fs/promises';
import { marked } from 'marked';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PWN, pwnNote } from '../../src/lib/fixtures/hostile';
import { openOffline } from './downloads';
import type { Harness } from './harness';

declare global {
  interface Window {
    __pwned?: number;
    __violations?: string[];
  }
}

/** Installed before any page script: records policy violations from the first byte on. */
export function recorder(): void {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations?.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
  });
}

/**
 * What payload markup would leave behind: an `on*` attribute, a javascript: URL, an image of
 * `x`, a frame, an inline script that mentions the flag. Also the flag and the violations.
 */
export async function inspect(
  page: Page,
): Promise<{ pwned: unknown; bad: string[]; violations: string[] }> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on')) bad.push(`<${tag} ${name}>`);
        if (name === 'srcdoc') bad.push(`<${tag} srcdoc>`);
        if (
          /(^|:)(href|src|action|formaction|data)$/.test(name) &&
          /^\s*javascript:/i.test(a.value)
        )
          bad.push(`<${tag} ${name}="${a.value}">`);
      }
      if (tag === 'img' && el.getAttribute('src') === 'x') bad.push('<img src=x>');
      if (tag === 'iframe' || tag === 'object' || tag === 'embed') bad.push(`<${tag}>`);
      const type = el.getAttribute('type') ?? '';
      if (tag === 'script' && !/json/.test(type) && el.textContent?.includes('__pwned'))
        bad.push('<script> with a payload');
    }
    return { pwned: window.__pwned, bad, violations: window.__violations ?? ['no recorder'] };
  });
}

export async function expectInert(page: Page, where: string): Promise<void> {
  // Let an injected handler (image error, svg load) fire before looking.
  await page.waitForTimeout(150);
  expect(await inspect(page), where).toEqual({ pwned: undefined, bad: [], violations: [] });
}

/**
 * Scrolls every cell into view (content-visibility: auto, lazy plotly) and waits for figures.
 * Returns each figure's final state; none may be 'error'.
 */
export async function renderEveryCell(page: Page): Promise<(string | null)[]> {
  const cells = page.locator('[data-cell-id]');
  const count = await cells.count();
  for (let i = 0; i < count; i++) await cells.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="figure-plot"]')].every((el) =>
        ['drawn', 'empty', 'error'].includes(el.getAttribute('data-state') ?? ''),
      ),
    undefined,
    { timeout: 30_000, polling: 100 },
  );
  const states = await page.$$eval('[data-testid="figure-plot"]', (els) =>
    els.map((el) => el.getAttribute('data-state')),
  );
  expect(states.filter((s) => s === 'error')).toEqual([]);
  return states;
}

/** Moves the mouse over a grid of points of every drawn plot so plotly shows its hover labels. */
export async function hoverPlots(page: Page, selector: string): Promise<number> {
  let labels = 0;
  const plots = page.locator(selector);
  for (let i = 0; i < (await plots.count()); i++) {
    const plot = plots.nth(i);
    await plot.scrollIntoViewIfNeeded();
    const area = plot.locator('.nsewdrag').first();
    if ((await area.count()) === 0) continue;
    const box = await area.boundingBox();
    if (!box) continue;
    for (let x = 0.1; x < 1; x += 0.2)
      for (let y = 0.1; y < 1; y += 0.2) {
        await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
        labels += await plot.locator('.hoverlayer .hovertext').count();
      }
  }
  await page.mouse.move(0, 0);
  return labels;
}

/** Opens every disclosure and "more" button, every ranking explanation, and selects runs. */
export async function openEverything(page: Page): Promise<{ details: number; selected: number }> {
  const details = await page.$$eval(
    'details',
    (els) => els.map((d) => ((d as HTMLDetailsElement).open = true)).length,
  );
  const more = page.locator('button.more:visible');
  for (let i = 0; i < Math.min(await more.count(), 10); i++)
    await more
      .nth(i)
      .click({ timeout: 2_000 })
      .catch(() => undefined);
  const explain = page.locator('button.explain:visible');
  for (let i = 0; i < Math.min(await explain.count(), 6); i++) await explain.nth(i).click();
  // Select a few runs (from findings and the leaderboard): they are highlighted in every cell.
  const runs = page.locator('button.run:visible');
  const n = await runs.count();
  for (const i of [0, Math.floor(n / 2), n - 1].filter((v, k, a) => v >= 0 && a.indexOf(v) === k))
    await runs.nth(i).click();
  const selected = await page.locator('button.run[aria-pressed="true"]').count();
  return { details, selected };
}

/** Adds a note cell with every payload in it; its heading must read literally. */
export async function addHostileNote(page: Page): Promise<void> {
  await page.locator('[data-testid="add-cell-end"]').click();
  await page.click('[data-testid="add-cell-kind"][data-kind="note"]');
  await page.locator('[data-testid="note-input"]').fill(pwnNote());
  await page.click('[data-testid="note-done"]');
  const rendered = page.locator('[data-testid="note-rendered"]').last();
  expect(await rendered.locator('h1').textContent()).toBe(`Note ${PWN.img}`);
  expect(await rendered.textContent()).toContain(PWN.script);
}

/** Markdown that renders to no tag or link from the payloads. */
export function expectInertMarkdown(md: string): void {
  const html = marked.parse(md, { async: false });
  expect(html).not.toMatch(/<(img|script|svg|iframe)\b/i);
  expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
}

/** Opens the downloaded HTML report from file:// offline: no request, nothing runs. */
export async function checkHtmlReport(h: Harness, file: string, literal: string): Promise<void> {
  // Escaped in the file itself, script blocks and embedded data included.
  const text = await readFile(file, 'utf8');
  for (const raw of [PWN.img, literal]) expect(text).not.toContain(raw);
  const { page, problems, requests, close } = await openOffline(h, file, recorder);
  try {
    await page.waitForFunction(
      () =>
        document.querySelectorAll('div.plot').length === 0 ||
        document.querySelectorAll('.js-plotly-plot .main-svg').length > 0,
      undefined,
      {
        timeout: 30_000,
      },
    );
    await hoverPlots(page, '.js-plotly-plot');
    await page.$$eval('details', (els) =>
      els.forEach((d) => ((d as HTMLDetailsElement).open = true)),
    );
    await expectInert(page, 'the HTML report');
    expect(await page.locator('body').textContent()).toContain(literal);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  } finally {
    await close();
  }
}
