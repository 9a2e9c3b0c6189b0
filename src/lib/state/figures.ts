/**
 * The figure builders as the UI sees them (the UI may import only state and model): a figure is
 * asked for as a plain `FigureRequest` (what a notebook will persist later), built against one
 * `FigureContext` per (columns, summary) and one page theme.
 */
import type { AnalysisSummary, Column } from '../model';
import {
  correlationMatrix,
  defaultParamHeatmap,
  figureContext,
  importanceBars,
  issueHeatmap,
  metricDistribution,
  parallelCoordinates,
  paramHeatmap,
  paretoFront,
  slicePlots,
  type Aggregate,
  type FigureContext,
  type FigureKind,
  type FigureSpec,
  type ThemeName,
} from '../report/figures';

export type {
  Aggregate,
  FigureContext,
  FigureKind,
  FigureSpec,
  SelectionMap,
  ThemeName,
  TraceSelection,
  TrialRef,
} from '../report/figures';

export type ParallelColor = 'metric' | 'issue';

export type FigureRequest =
  | { kind: 'issue-heatmap' }
  /** Missing axes or metric: the default pair (the two most important) and primary metric. */
  | { kind: 'param-heatmap'; x?: string; y?: string; metric?: string; aggregate: Aggregate }
  | { kind: 'correlation' }
  | { kind: 'parallel'; metric?: string; color: ParallelColor }
  | { kind: 'slice'; metric?: string }
  | { kind: 'importance' }
  | { kind: 'pareto'; x?: string; y?: string }
  | { kind: 'distribution'; metric?: string };

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

/** Null until there is a summary; rebuilt only when the columns or the summary change. */
export function figureContextOf(
  columns: readonly Column[],
  summary: AnalysisSummary | null,
): FigureContext | null {
  return summary ? figureContext(columns, summary) : null;
}

/**
 * What a fresh Figures cell shows: the issue heatmap and the default two-parameter heatmap,
 * which follows the summary (the full analysis ranks importance after the first pass).
 */
export const DEFAULT_REQUESTS: readonly FigureRequest[] = [
  { kind: 'issue-heatmap' },
  { kind: 'param-heatmap', aggregate: 'mean' },
];

export function buildFigure(
  ctx: FigureContext,
  request: FigureRequest,
  theme: ThemeName,
): FigureSpec {
  switch (request.kind) {
    case 'issue-heatmap':
      return issueHeatmap(ctx, { theme });
    case 'param-heatmap': {
      const auto = defaultParamHeatmap(ctx);
      const x = request.x ?? auto?.x ?? ctx.params[0] ?? '';
      const y = request.y ?? auto?.y ?? ctx.params.find((p) => p !== x) ?? '';
      const metric = request.metric ?? auto?.metric ?? ctx.metrics[0] ?? '';
      return paramHeatmap(ctx, { x, y, metric, aggregate: request.aggregate, theme });
    }
    case 'correlation':
      return correlationMatrix(ctx, { theme });
    case 'parallel':
      return parallelCoordinates(ctx, { ...request, theme });
    case 'slice':
      return slicePlots(ctx, { ...request, theme });
    case 'importance':
      return importanceBars(ctx, { theme });
    case 'pareto':
      return paretoFront(ctx, { ...request, theme });
    case 'distribution':
      return metricDistribution(ctx, { ...request, theme });
  }
}

/** A key that tells two requests apart (for keyed lists and duplicate checks). */
export function requestKey(request: FigureRequest): string {
  return JSON.stringify(request);
}
