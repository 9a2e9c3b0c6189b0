/**
 * A figure as asked for: a plain object a notebook persists and the worker builds
 * (`buildFigure` in lib/report). Missing axes or metric mean "the default": the two most
 * important hyperparameters and the primary metric, which follow the analysis.
 */
export type Aggregate = 'mean' | 'median' | 'best';

export type ParallelColor = 'metric' | 'issue';

export type FigureRequest =
  | { kind: 'issue-heatmap' }
  | { kind: 'param-heatmap'; x?: string; y?: string; metric?: string; aggregate: Aggregate }
  | { kind: 'correlation' }
  | {
      kind: 'parallel';
      metric?: string;
      color: ParallelColor;
      /** The hyperparameter axes, in this order; default: the most important (see below). */
      params?: string[];
    }
  | { kind: 'slice'; metric?: string; params?: string[] }
  | { kind: 'importance' }
  | { kind: 'pareto'; x?: string; y?: string }
  | { kind: 'distribution'; metric?: string };

export type FigureKind = FigureRequest['kind'];

/** The kinds whose hyperparameters the user can choose. */
export type ParamsFigureKind = 'parallel' | 'slice';

/**
 * How many hyperparameters those kinds draw when none are chosen: past ~8 axes a
 * parallel-coordinates figure's labels overlap at notebook width; a slice grid past 3 × 3 is a
 * long scroll. The figure builders (MAX_AXES, MAX_SLICES in lib/report/figures) and the Options
 * panel, which ticks the ones drawn by default, both read it.
 */
export const DEFAULT_PARAM_COUNT: Readonly<Record<ParamsFigureKind, number>> = {
  parallel: 8,
  slice: 9,
};

/**
 * The default choice of `max` hyperparameters out of `available` (column order): the most
 * important first (`ranked`, most important first; unranked ones after, in column order),
 * returned in column order so the axes do not reshuffle when the ranking arrives.
 */
export function defaultParams(
  available: readonly string[],
  ranked: readonly string[],
  max: number,
): string[] {
  if (available.length <= max) return [...available];
  const order = new Set([...ranked.filter((p) => available.includes(p)), ...available]);
  const kept = new Set([...order].slice(0, max));
  return available.filter((p) => kept.has(p));
}
