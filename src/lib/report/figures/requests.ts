/**
 * A figure as asked for (a plain object a notebook can persist) and the one function that builds
 * it. Runs in the worker, next to the columns and the full summary: the page only receives specs.
 */
import { figureContext, type FigureContext } from './context';
import { correlationMatrix } from './correlation';
import { metricDistribution } from './distribution';
import type { FigureSpec, ThemeName } from './figure-types';
import { importanceBars } from './importance';
import { issueHeatmap } from './issue-heatmap';
import { parallelCoordinates } from './parallel';
import type { FigureRequest } from '../../model';
import { defaultParamHeatmap, paramHeatmap } from './param-heatmap';
import { paretoFront } from './pareto';
import { slicePlots } from './slice';

export type { FigureRequest, ParallelColor } from '../../model';

/** The columns a figure can be drawn over, for the add-a-figure menu. */
export interface FigureAxes {
  params: string[];
  metrics: string[];
  budgets: string[];
}

export function figureAxes(ctx: FigureContext): FigureAxes {
  return { params: ctx.params, metrics: ctx.metrics, budgets: ctx.budgets };
}

export { figureContext };

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
