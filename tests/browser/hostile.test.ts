/** Data-derived strings are text, never HTML: markup in a CSV must not run or render. */
import { describe, expect, it } from 'vitest';
import { HOSTILE_CSV, XSS_IMG, XSS_SCRIPT } from './fixtures';
import { download, upload, useHarness, waitForFindings } from './harness';

describe('hostile CSV content', () => {
  const h = useHarness();

  it('renders markup in headers and ids as text, with no dialog and no injected element', async () => {
    const page = await h.open();
    await upload(page, { name: '<b>sweep</b>.csv', content: HOSTILE_CSV });
    const found = await waitForFindings(page);
    expect(found.some((f) => f.runs.includes(XSS_SCRIPT))).toBe(true);
    // Let any injected handler fire before looking (the harness fails the test on a dialog).
    await page.waitForTimeout(500);

    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('b', { hasText: /^sweep$/ }).count()).toBe(0);
    const scripts = await page.$$eval('script', (els) => els.map((s) => s.textContent ?? ''));
    expect(scripts.filter((s) => s.includes('alert('))).toEqual([]);
    const injected = await page.$$eval('[onerror]', (els) => els.length);
    expect(injected).toBe(0);

    // The strings are shown literally somewhere on the page.
    const text = await page.locator('body').innerText();
    expect(text).toContain(XSS_SCRIPT);
    expect(text).toContain(XSS_IMG);

    // The rendered report and the markdown download hold it as text too.
    const md = await download(page, 'download-md');
    expect(md.text.length).toBeGreaterThan(0);
    await page.waitForTimeout(200);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });
});
