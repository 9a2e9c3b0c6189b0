/**
 * Scatter points that would be drawn on top of each other, drawn once. A slice subplot is about
 * 370 × 200 px with 6 px markers: at 10,000 trials most points hide others exactly, yet each costs
 * an SVG node (or pushes the trace to WebGL, whose per-subplot setup blocked the main thread for
 * over a second in headless Chromium). Merging points that share a cell of a grid about one marker
 * wide changes nothing the eye can see; the merged point keeps every trial it stands for, so a
 * click or a box selection still selects all of them.
 */

/** Traces with more points than this are thinned; smaller ones are drawn exactly. */
export const THIN_ABOVE = 1000;
/** Grid cells across a subplot: about one marker each. */
export const X_CELLS = 80;
export const Y_CELLS = 50;

export interface ThinnedPoints {
  /** The rows drawn: the first row (table order) of each occupied cell. */
  rows: number[];
  /** For each drawn row, every row of its cell (itself first); null when nothing was merged. */
  members: number[][] | null;
}

/**
 * `cellOf(row)` names the grid cell a row's point falls in (any integer; equal means overlapping).
 */
export function thinPoints(
  rows: readonly number[],
  cellOf: (row: number) => number,
): ThinnedPoints {
  if (rows.length <= THIN_ABOVE) return { rows: [...rows], members: null };
  const cells = new Map<number, number[]>();
  for (const row of rows) {
    const cell = cellOf(row);
    const members = cells.get(cell);
    if (members) members.push(row);
    else cells.set(cell, [row]);
  }
  if (cells.size === rows.length) return { rows: [...rows], members: null };
  const members = [...cells.values()];
  return { rows: members.map((m) => m[0]), members };
}

/** The grid cell of a position in [0, 1] on an axis (clamped; NaN falls in cell 0). */
export function cellIndex(position: number, cells: number): number {
  if (!(position > 0)) return 0;
  return Math.min(cells - 1, Math.floor(position * cells));
}

/** Where `v` sits between `lo` and `hi` on a linear or log axis, in [0, 1]. */
export function axisPosition(v: number, lo: number, hi: number, log: boolean): number {
  if (log)
    return hi > lo ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : 0;
  return hi > lo ? (v - lo) / (hi - lo) : 0;
}
