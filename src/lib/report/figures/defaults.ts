/** Every figure with its default options: what a fresh notebook shows, and what the tests time. */
import type { FigureContext } from './context';
import type { FigureSpec, ThemeName } from './figure-types';
import { correlationMatrix } from './correlation';
import { metricDistribution } from './distribution';
import { importanceBars } from './importance';
import { issueHeatmap } from './issue-heatmap';
import { parallelCoordinates } from './parallel';
import { defaultParamHeatmap, paramHeatmap } from './param-heatmap';
import { paretoFront } from './pareto';
import { slicePlots } from './slice';
import { emptySpec } from './spec';

export function defaultFigures(ctx: FigureContext, theme: ThemeName): FigureSpec[] {
  const heatmap = defaultParamHeatmap(ctx);
  return [
    issueHeatmap(ctx, { theme }),
    heatmap
      ? paramHeatmap(ctx, { ...heatmap, theme })
      : emptySpec(
          'param-heatmap',
          'param-heatmap',
          'Metric by two hyperparameters',
          'Needs at least two hyperparameters and a numeric metric.',
          theme,
        ),
    correlationMatrix(ctx, { theme }),
    parallelCoordinates(ctx, { theme, color: 'metric' }),
    slicePlots(ctx, { theme }),
    importanceBars(ctx, { theme }),
    paretoFront(ctx, { theme }),
    metricDistribution(ctx, { theme }),
  ];
}
