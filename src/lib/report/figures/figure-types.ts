/**
 * The typed subset of plotly's `data` / `layout` JSON that the figure builders emit. Plain,
 * structured-cloneable objects: the builders run in Node tests, the worker or the page, and the
 * one plotly attachment in the UI passes `data` and `layout` to `Plotly.react` unchanged.
 *
 * Every string in here that came from the data has been through `plotlyText` (see text.ts):
 * plotly renders a small HTML subset (and LaTeX when MathJax is present) in titles, ticks and
 * hover labels.
 */
import type { FigureKind } from '../../model';
import type { Layout, Trace } from './plotly-types';

export type * from './plotly-types';

export type ThemeName = 'light' | 'dark';

export type { FigureKind } from '../../model';

/**
 * The trials behind one clicked element. `rows` are table row indices, `runIds` the trial ids
 * (parallel). `total` is how many trials the element stands for: above `runIds.length` when the
 * list was capped (issue-heatmap cells keep at most MAX_BUCKET_RUN_IDS ids per bucket).
 */
export interface TrialRef {
  label: string;
  rows: number[];
  runIds: string[];
  total: number;
  capped: boolean;
}

/**
 * How a plotly event maps back to trials, per trace uid:
 * - cells: heatmaps; `cells[pointNumber[0]][pointNumber[1]]` (row = y index, column = x index).
 * - points: one trial per point; point i is table row `rows[i]` (trial `runIds[i]`).
 * - bins: one element (bar) per group of trials; `bins[pointNumber]`.
 * - points with `members`: a point drawn for several overlapping trials (a thinned scatter);
 *   point i stands for trials `members[i]`, its own trial first.
 * - lines: parcoords; line i is table row `rows[i]`. When only a sample of the trials is drawn,
 *   `brush` holds every trial's value per axis, so a brush selects among all of them.
 */
export type TraceSelection =
  | { kind: 'cells'; cells: (TrialRef | null)[][] }
  | { kind: 'points'; rows: number[]; runIds: string[]; members?: string[][] }
  | { kind: 'bins'; bins: TrialRef[] }
  | { kind: 'lines'; rows: number[]; runIds: string[]; brush?: LineBrush };

/** Every trial of a sampled parcoords: `values[a][i]` is trial `runIds[i]` on axis `labels[a]`. */
export interface LineBrush {
  runIds: string[];
  labels: string[];
  values: number[][];
}

export type SelectionMap = Record<string, TraceSelection>;

export interface FigureSpec {
  /** Stable for the same inputs: a key for the notebook cell and for `uirevision`. */
  id: string;
  kind: FigureKind;
  /** Plain text (not escaped) for the cell header; the layout holds the escaped one. */
  title: string;
  data: Trace[];
  layout: Layout;
  selection: SelectionMap;
  /** Why the figure cannot be drawn, as one sentence; null when it can. */
  empty: string | null;
}
