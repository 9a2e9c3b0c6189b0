/**
 * The slice of a uniform-height list to render for a scroll position. Pure, so the arithmetic
 * is unit-tested without a browser.
 */
export interface RowWindow {
  /** First rendered index (inclusive). */
  start: number;
  /** One past the last rendered index. */
  end: number;
  /** Space standing in for the rows before `start` and after `end`, in px. */
  padTop: number;
  padBottom: number;
}

export function rowWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  overscan: number,
): RowWindow {
  if (count <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const h = rowHeight > 0 ? rowHeight : 1;
  const top = Math.max(0, scrollTop);
  // A scroll position past the end (the list shrank under it) still shows the last rows.
  const first = Math.min(Math.floor(top / h), count - 1);
  const last = Math.ceil((top + Math.max(0, viewport)) / h);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, Math.max(last, first + 1) + overscan);
  return { start, end, padTop: start * h, padBottom: (count - end) * h };
}

/** The scrollTop that brings row `index` into a viewport, moving as little as possible. */
export function scrollTopFor(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  offset = 0,
): number {
  const top = offset + index * rowHeight;
  if (top < scrollTop + offset) return top - offset;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}
