/** The production build loads cleanly, from the root and from a sub-path of a static host. */
import { describe, expect, it } from 'vitest';
import { useHarness, waitForFindings } from './harness';

describe('app served at /', () => {
  const h = useHarness();

  it('loads with no console errors and shows the drop target and examples', async () => {
    const page = await h.open();
    await page.locator('input[type=file][data-testid="file-input"]').waitFor({ state: 'attached' });
    await expect(page.locator('[data-testid="example-planted"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid="example-seed"]').isVisible()).resolves.toBe(true);
    const body = await page.locator('body').innerText();
    expect(body).toMatch(/drop/i);
    expect(await page.locator('[data-testid="finding"]').count()).toBe(0);
    // Give late module loads (worker, lazy chunks) a moment to report errors.
    await page.waitForTimeout(300);
  });
});

describe('app served under /team/hpi/', () => {
  const h = useHarness({ subPath: '/team/hpi/' });

  it('loads its assets relative to the page and runs the worker', async () => {
    const page = await h.open();
    await page.locator('[data-testid="example-planted"]').click();
    const found = await waitForFindings(page);
    expect(found.length).toBeGreaterThan(0);
    // The worker script (and anything else loaded late) came from under the sub-path.
    const ours = h.requests.filter((u) => u.startsWith(h.origin));
    expect(ours.length).toBeGreaterThan(1);
    expect(ours.filter((u) => !u.startsWith(`${h.origin}/team/hpi/`))).toEqual([]);
    const root = await fetch(`${h.origin}/`);
    expect(root.status).toBe(404);
  });
});
