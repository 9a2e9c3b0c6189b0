/** Reading every row of a virtualised list, which keeps only the rows in view in the DOM. */
import type { Locator, Page } from 'playwright-core';

/**
 * Calls `read` on each window of rows while scrolling `scroller` from its top to its end, 80% of
 * a window at a time; once when there is nothing to scroll (`scroller` absent).
 */
export async function readWhileScrolling(
  page: Page,
  scroller: Locator,
  read: () => Promise<void>,
): Promise<void> {
  const scrollable = (await scroller.count()) > 0;
  for (let step = 0; step < 1000; step++) {
    await read();
    if (!scrollable) return;
    const atEnd = await scroller.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight * 0.8;
      return end;
    });
    if (atEnd) return;
    // Two frames: the scroll event, then the window of rows following it.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
  }
}
