import { describe, expect, it } from 'vitest';
import { rowWindow, scrollTopFor } from '../../../src/ui/virtual/range';

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan, with padding for the rest', () => {
    // 10,000 rows of 20 px, scrolled to row 500, a 200 px viewport (10 rows), overscan 3.
    const w = rowWindow(10_000, 20, 500 * 20, 200, 3);
    expect(w).toEqual({ start: 497, end: 513, padTop: 497 * 20, padBottom: (10_000 - 513) * 20 });
    // Padding plus rendered rows always add up to the full height.
    expect(w.padTop + (w.end - w.start) * 20 + w.padBottom).toBe(10_000 * 20);
  });

  it('clamps at both ends and when the list shrank under the scroll position', () => {
    expect(rowWindow(100, 20, 0, 200, 5)).toMatchObject({ start: 0, end: 15, padTop: 0 });
    expect(rowWindow(100, 20, 99 * 20, 200, 5)).toMatchObject({ end: 100, padBottom: 0 });
    // Scrolled to row 5,000 of a list that now has 50 rows: the last rows, not an empty window.
    const w = rowWindow(50, 20, 5000 * 20, 200, 2);
    expect(w.end).toBe(50);
    expect(w.start).toBeLessThan(50);
  });

  it('renders something with no layout yet and nothing for an empty list', () => {
    expect(rowWindow(1000, 0, 0, 0, 4)).toMatchObject({ start: 0, end: 5 });
    expect(rowWindow(0, 20, 0, 500, 4)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});

describe('scrollTopFor', () => {
  it('moves as little as possible to bring a row below a sticky header into view', () => {
    // Rows of 20 px under a 30 px header, viewport 230 px: rows 0–9 fit at scrollTop 0.
    expect(scrollTopFor(5, 20, 0, 230, 30)).toBe(0);
    expect(scrollTopFor(10, 20, 0, 230, 30)).toBe(30 + 11 * 20 - 230);
    expect(scrollTopFor(3, 20, 400, 230, 30)).toBe(60);
  });
});
