/**
 * The figures as the page sees them: plain `FigureRequest`s (what a notebook will persist later)
 * sent to the worker, which builds the specs next to the data (session.figure).
 */
import type { Aggregate, FigureKind, FigureRequest } from '../worker/protocol';

export type {
  Aggregate,
  FigureAxes,
  FigureKind,
  FigureRequest,
  FigureResult,
  FigureSpec,
  LineBrush,
  ParallelColor,
  SelectionMap,
  ThemeName,
  TraceSelection,
  TrialRef,
} from '../worker/protocol';

/** Menu labels, in menu order. */
export const FIGURE_KINDS: readonly { kind: FigureKind; label: string }[] = [
  { kind: 'issue-heatmap', label: 'Issue rate heatmap' },
  { kind: 'param-heatmap', label: 'Metric by two hyperparameters' },
  { kind: 'correlation', label: 'Correlation matrix' },
  { kind: 'parallel', label: 'Parallel coordinates' },
  { kind: 'slice', label: 'Slice plots' },
  { kind: 'importance', label: 'Hyperparameter importance' },
  { kind: 'pareto', label: 'Pareto front' },
  { kind: 'distribution', label: 'Metric distribution' },
];

export const AGGREGATES: readonly Aggregate[] = ['mean', 'median', 'best'];

/**
 * What a fresh Figures cell shows: the issue heatmap and the default two-parameter heatmap,
 * which follows the summary (the full analysis ranks importance after the first pass).
 */
export const DEFAULT_REQUESTS: readonly FigureRequest[] = [
  { kind: 'issue-heatmap' },
  { kind: 'param-heatmap', aggregate: 'mean' },
];

/** A key that tells two requests apart (for keyed lists and duplicate checks). */
export function requestKey(request: FigureRequest): string {
  return JSON.stringify(request);
}
