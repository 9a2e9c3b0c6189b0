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
  | { kind: 'parallel'; metric?: string; color: ParallelColor }
  | { kind: 'slice'; metric?: string }
  | { kind: 'importance' }
  | { kind: 'pareto'; x?: string; y?: string }
  | { kind: 'distribution'; metric?: string };

export type FigureKind = FigureRequest['kind'];
