/**
 * Hyperparameter importance from `summary.importance`: one bar per hyperparameter (share of the
 * variance of the metric's ranks it explains alone), most important on top, and a separate bar in
 * a muted colour for what only interactions explain, so it is not read as one more parameter.
 */
import type { FigureContext } from './context';
import type { BarTrace, FigureSpec, ThemeName } from './figure-types';
import { emptySpec } from './spec';
import { hoverLines, percentText, plotlyText, TICK_CHARS } from './text';
import { axis, baseLayout, PALETTES } from './theme';

export interface ImportanceOptions {
  theme: ThemeName;
}

const ID = 'importance';

export function importanceBars(ctx: FigureContext, options: ImportanceOptions): FigureSpec {
  const { theme } = options;
  const importance = ctx.summary.importance;
  const title = importance
    ? `Hyperparameter importance for ${importance.metric}`
    : 'Hyperparameter importance';
  if (!importance || importance.params.length === 0)
    return emptySpec(
      ID,
      'importance',
      title,
      ctx.summary.firstPass
        ? 'Importance is computed by the full analysis, which is still running.'
        : 'Importance needs a metric, hyperparameters that vary and enough finished trials.',
      theme,
    );
  const p = PALETTES[theme];
  const metric = plotlyText(importance.metric);
  const method = plotlyText(importance.method, 140);
  const params = importance.params;
  const bars: BarTrace = {
    type: 'bar',
    uid: 'params',
    name: 'hyperparameter alone',
    orientation: 'h',
    x: params.map((q) => q.importance),
    y: params.map((_, i) => i),
    marker: { color: p.healthy },
    text: params.map((q) => percentText(q.importance)),
    textposition: 'outside',
    hovertext: params.map((q) =>
      hoverLines([
        `<b>${plotlyText(q.param)}</b>`,
        `explains ${percentText(q.importance)} of the variance of the ranks of ${metric} alone`,
        `${importance.trials} trials · ${method}`,
      ]),
    ),
    hoverinfo: 'text',
  };
  const interactions: BarTrace = {
    type: 'bar',
    uid: 'interactions',
    name: 'interactions only',
    orientation: 'h',
    x: [importance.interactions],
    y: [params.length],
    marker: { color: p.faint },
    text: [percentText(importance.interactions)],
    textposition: 'outside',
    hovertext: [
      hoverLines([
        '<b>interactions</b>',
        `${percentText(importance.interactions)} of the variance is explained only by combinations of hyperparameters`,
      ]),
    ],
    hoverinfo: 'text',
  };
  const labels = [...params.map((q) => plotlyText(q.param, TICK_CHARS)), '<i>interactions</i>'];
  const max = Math.max(importance.interactions, ...params.map((q) => q.importance));
  const layout = baseLayout(theme, plotlyText(title), {
    height: Math.max(220, 110 + 30 * labels.length),
    margin: { l: 60, r: 30, t: 48, b: 50 },
    showlegend: false,
    xaxis: axis(theme, `share of the variance of the ranks of ${metric}`, {
      tickformat: '.0%',
      range: [0, Math.min(1, Math.max(0.1, max * 1.2))],
    }),
    yaxis: axis(theme, '', {
      tickvals: labels.map((_, i) => i),
      ticktext: labels,
      autorange: 'reversed',
      showgrid: false,
      // Rows sit at 0…n: a zero line would run through the first bar.
      zeroline: false,
    }),
  });
  return {
    id: ID,
    kind: 'importance',
    title,
    data: [bars, interactions],
    layout,
    selection: {},
    empty: null,
  };
}
