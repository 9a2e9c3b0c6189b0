/**
 * Figure specs as data: pure builders from the typed columns and the summary to plotly-shaped
 * JSON. Build a context once per (columns, summary), then any figure from it:
 *
 *   const ctx = figureContext(columns, summary);
 *   const spec = issueHeatmap(ctx, { theme: 'dark' });
 */
export type * from './figure-types';
export { figureContext, directionOf, type FigureContext } from './context';
export { MAX_BINS, type BinScale } from './binning';
export { issueHeatmap, type IssueHeatmapOptions } from './issue-heatmap';
export {
  paramHeatmap,
  defaultParamHeatmap,
  type Aggregate,
  type ParamHeatmapOptions,
} from './param-heatmap';
export { correlationMatrix, MAX_COLUMNS, type CorrelationOptions } from './correlation';
export { parallelCoordinates, type ParallelOptions } from './parallel';
export { slicePlots, GL_POINTS, type SliceOptions } from './slice';
export { importanceBars, type ImportanceOptions } from './importance';
export { paretoFront, defaultPareto, frontOf, type ParetoOptions } from './pareto';
export { metricDistribution, MAX_HISTOGRAM_BINS, type DistributionOptions } from './distribution';
export { plotlyText } from './text';
export { OKABE_ITO, PALETTES, type Palette } from './theme';
export { defaultFigures } from './defaults';
export {
  buildFigure,
  figureAxes,
  type FigureAxes,
  type FigureRequest,
  type ParallelColor,
} from './requests';
