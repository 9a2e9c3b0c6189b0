/** Pieces every builder shares: the empty state and small helpers over typed columns. */
import type { FigureKind, FigureSpec, ThemeName } from './figure-types';
import { CellState, formatNumber } from '../../model';
import { plotlyText } from './text';
import { baseLayout, PALETTES } from './theme';

/**
 * A figure that cannot be drawn: no traces, the reason in `empty` (for the cell to show as text)
 * and as a centred note in the layout, so mounting it anyway shows the reason, not blank axes.
 */
export function emptySpec(
  id: string,
  kind: FigureKind,
  title: string,
  message: string,
  theme: ThemeName,
): FigureSpec {
  const layout = baseLayout(theme, plotlyText(title), {
    height: 240,
    xaxis: { visible: false },
    yaxis: { visible: false },
    annotations: [
      {
        text: plotlyText(message),
        xref: 'paper',
        yref: 'paper',
        x: 0.5,
        y: 0.5,
        showarrow: false,
        font: { color: PALETTES[theme].muted, size: 13 },
      },
    ],
  });
  return { id, kind, title, data: [], layout, selection: {}, empty: message };
}

/** Positive and spanning more than two decades: read on a log scale. */
export function wantsLog(min: number, max: number): boolean {
  return min > 0 && Number.isFinite(max) && max / min > 100;
}

/** Most distinct values a numeric axis shows as evenly spaced categories. */
export const MAX_GRID_VALUES = 8;

/**
 * The distinct values of a numeric column, ascending, when they are a short log-spaced grid:
 * at most MAX_GRID_VALUES values, none negative, the positive ones spanning at least two decades
 * (weight decay 0, 1e-5, 1e-4, 1e-3). On a linear axis such a grid piles up at 0 and a log axis
 * cannot show 0, so it reads best as evenly spaced categories in numeric order. Null otherwise.
 */
export function logGrid(values: Float64Array, states: Uint8Array): number[] | null {
  const distinct = new Set<number>();
  for (let row = 0; row < values.length; row++) {
    const v = values[row];
    if (states[row] !== CellState.value || !Number.isFinite(v)) continue;
    if (v < 0) return null;
    distinct.add(v);
    if (distinct.size > MAX_GRID_VALUES) return null;
  }
  const sorted = [...distinct].sort((a, b) => a - b);
  const positive = sorted.filter((v) => v > 0);
  if (positive.length < 2 || positive[positive.length - 1] / positive[0] < 100) return null;
  return sorted;
}

/** Finite min and max of the given rows (or all), NaN when none. */
export function finiteRange(values: Float64Array, rows?: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const n = rows ? rows.length : values.length;
  for (let i = 0; i < n; i++) {
    const v = values[rows ? rows[i] : i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo > hi ? [NaN, NaN] : [lo, hi];
}

/** "1 trial", "3 trials". */
export function trialsText(n: number): string {
  return n === 1 ? '1 trial' : `${thousands(n)} trials`;
}

/** 12345 → "12,345", the same in every locale. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Tick positions (log10 units) and labels (real values) for an axis plotted as log10. */
export function logTicks(lo: number, hi: number): { tickvals: number[]; ticktext: string[] } {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const tickvals: number[] = [];
  for (let d = Math.ceil(a - 1e-9); d <= Math.floor(b + 1e-9); d++) tickvals.push(d);
  // Under two decade marks the axis would have no scale to read: add its ends.
  if (tickvals.length < 2) {
    tickvals.unshift(a);
    tickvals.push(b);
  }
  const sorted = [...new Set(tickvals)].sort((x, y) => x - y);
  return {
    tickvals: sorted,
    ticktext: sorted.map((v) => plotlyText(formatNumber(Number((10 ** v).toPrecision(3))))),
  };
}

/** 1, 2, 2.5 or 5 times a power of ten, the nearest to `step` (on a log scale). */
export function niceStep(step: number): number {
  const power = 10 ** Math.floor(Math.log10(step));
  let best = power;
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (Math.abs(Math.log(m * power) - Math.log(step)) < Math.abs(Math.log(best) - Math.log(step)))
      best = m * power;
  }
  return best;
}

/** `v` without the float noise of repeated steps (0.30000000000000004 → 0.3). */
export function roundNoise(v: number): number {
  return Number(v.toPrecision(12));
}
