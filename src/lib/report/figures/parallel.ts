/**
 * Parallel coordinates: one axis per hyperparameter and one for the metric, one line per trial,
 * coloured by the metric or by "has an issue". Axes over positive values spanning more than two
 * decades are drawn as log10 with tick labels in real values; category axes are integer-coded in
 * label order with the labels as ticks. Brushing is plotly's (the UI reads `constraintrange`
 * back); `selection.lines` maps each plotted line to its table row, since rows without a finite
 * metric or with a missing hyperparameter are left out.
 */
import { CellState, DEFAULT_PARAM_COUNT, formatNumber } from '../../model';
import { directionOf, numberColumn, type FigureContext } from './context';
import type { FigureSpec, ParcoordsDimension, ParcoordsTrace, ThemeName } from './figure-types';
import { chooseParams } from './default-params';
import { sampleLines } from './line-sample';
import { emptySpec, finiteRange, logGrid, logTicks, thousands, trialsText, wantsLog } from './spec';
import { plotlyText, TICK_CHARS } from './text';
import { baseLayout, healthScale, PALETTES, sequentialScale } from './theme';

export interface ParallelOptions {
  theme: ThemeName;
  /** Default: the primary metric. */
  metric?: string;
  color: 'metric' | 'issue';
  /** Default: the MAX_AXES most important hyperparameters. */
  params?: readonly string[];
}

/** Hyperparameter axes drawn by default (the metric's axis comes on top). */
export const MAX_AXES = DEFAULT_PARAM_COUNT.parallel;

/**
 * Characters of axis labels across the figure (~1,000 px of 12 px text at notebook width): each
 * label gets its share, so neighbouring labels do not run into each other.
 */
const LABEL_ROOM = 140;

/** More category ticks than this overlap; every n-th is labelled instead. */
const MAX_TICKS = 25;

/** One axis: each row's plotted value (NaN when missing) and how to label it. */
interface Axis {
  dimension: Omit<ParcoordsDimension, 'values'>;
  value: (row: number) => number;
}

export function parallelCoordinates(ctx: FigureContext, options: ParallelOptions): FigureSpec {
  const { theme, color } = options;
  const metric = options.metric ?? ctx.summary.primaryMetric?.column ?? ctx.metrics[0];
  const chosen = chooseParams(ctx, options.params, MAX_AXES);
  const params = chosen.params;
  const id = `parallel:${metric ?? ''}:${color}${options.params ? `:${params.join(',')}` : ''}`;
  const title = `Hyperparameters and ${metric ?? 'metric'}`;
  const fail = (message: string) => emptySpec(id, 'parallel', title, message, theme);
  if (params.length === 0) return fail('Needs at least one hyperparameter.');
  const mc = metric === undefined ? null : numberColumn(ctx, metric);
  if (!mc || metric === undefined) return fail('Needs a numeric metric column.');

  const names = [...params, metric];
  const labelChars = Math.min(TICK_CHARS, Math.max(10, Math.floor(LABEL_ROOM / names.length)));
  const axes = names.map((name) => axisOf(ctx, name, labelChars));
  const eligible: number[] = [];
  for (let row = 0; row < ctx.rowCount; row++)
    if (axes.every((a) => !Number.isNaN(a.value(row)))) eligible.push(row);
  if (eligible.length < 2)
    return fail(`Needs at least two trials with a finite ${metric} and every hyperparameter set.`);

  const direction = directionOf(ctx, metric);
  const metricAxis = axes[axes.length - 1];
  const sample = sampleLines(eligible, (r) => ctx.health[r] > 0, metricAxis.value);
  const rows = sample.rows;
  const sampled = rows.length < eligible.length;
  const lineColor =
    color === 'metric' ? rows.map(metricAxis.value) : rows.map((r) => (ctx.health[r] > 0 ? 1 : 0));
  const [cmin, cmax] = color === 'metric' ? minMax(lineColor) : [0, 1];
  const p = PALETTES[theme];
  const trace: ParcoordsTrace = {
    type: 'parcoords',
    uid: 'lines',
    dimensions: axes.map((a) => ({ ...a.dimension, values: rows.map(a.value) })),
    line:
      color === 'metric'
        ? {
            color: lineColor,
            colorscale: sequentialScale(theme),
            reversescale: direction === 'min',
            cmin,
            cmax,
            showscale: true,
            colorbar: {
              title: { text: metricAxis.dimension.label, side: 'right' },
              thickness: 14,
              outlinewidth: 0,
              ...(metricAxis.dimension.tickvals && {
                tickvals: metricAxis.dimension.tickvals,
                ticktext: metricAxis.dimension.ticktext,
              }),
            },
          }
        : { color: lineColor, colorscale: healthScale(theme), cmin: 0, cmax: 1, showscale: false },
    labelfont: { color: p.text, size: 12 },
    // Tick labels sit on top of the lines: full text colour on a halo of the background (plotly's
    // 'auto' halo is a fixed grey that barely separates them from the lines in dark).
    tickfont: { color: p.text, size: 11, shadow: halo(p.paper) },
    rangefont: { color: p.muted, size: 10 },
  };
  const left = ctx.rowCount - eligible.length;
  const notes = [
    chosen.note,
    color === 'issue' ? 'vermillion: trial with a critical or warning finding' : '',
    sampled
      ? `${thousands(rows.length)} of ${trialsText(eligible.length)} drawn ` +
        `(${thousands(sample.sick)} with findings, the rest evenly across ` +
        `${plotlyText(metric)}); a brush selects among all`
      : '',
    left > 0
      ? `${trialsText(left)} without a finite ${plotlyText(metric)} or a hyperparameter value left out`
      : '',
  ].filter(Boolean);
  // One note per line: joined on one line they ran off the figure's edge.
  const extra = 14 * Math.max(0, notes.length - 1);
  const height = 440 + extra;
  const layout = baseLayout(
    theme,
    plotlyText(title),
    // Parcoords draws its axis labels and top range values in the ~40 px above the plot area:
    // the title (and its note) pinned to the top, then those, then the lines. No empty band.
    { height, margin: { l: 70, r: 70, t: (notes.length ? 100 : 80) + extra, b: 30 } },
    notes.join('<br>'),
  );
  layout.title = { ...layout.title, y: 1 - 12 / height, yanchor: 'top' };
  delete layout.plot_bgcolor;
  return {
    id,
    kind: 'parallel',
    title,
    data: [trace],
    layout,
    selection: {
      lines: {
        kind: 'lines',
        rows,
        runIds: rows.map((r) => ctx.runIds[r]),
        ...(sampled && {
          brush: {
            runIds: eligible.map((r) => ctx.runIds[r]),
            labels: axes.map((a) => a.dimension.label),
            values: axes.map((a) => eligible.map(a.value)),
          },
        }),
      },
    },
    empty: null,
  };
}

function axisOf(ctx: FigureContext, name: string, labelChars: number): Axis {
  const column = ctx.column(name);
  const label = plotlyText(name, labelChars);
  if (column?.kind === 'category' || column?.kind === 'text') {
    const order = column.labels
      .map((_, code) => code)
      .sort((a, b) => collator.compare(column.labels[a], column.labels[b]));
    const rank = new Int32Array(column.labels.length);
    order.forEach((code, i) => (rank[code] = i));
    const every = Math.ceil(order.length / MAX_TICKS);
    const shown = order.map((_, i) => i).filter((i) => i % every === 0);
    return {
      dimension: {
        label,
        range: [0, Math.max(1, order.length - 1)],
        tickvals: shown,
        ticktext: shown.map((i) => plotlyText(column.labels[order[i]], TICK_CHARS)),
      },
      value: (row) => (column.codes[row] < 0 ? NaN : rank[column.codes[row]]),
    };
  }
  if (column?.kind !== 'number') return { dimension: { label }, value: () => NaN };
  const { values, states } = column;
  const finite = (row: number) => states[row] === CellState.value && Number.isFinite(values[row]);
  const grid = logGrid(values, states);
  if (grid) {
    // A short log-spaced grid with 0 piles up at 0 on a linear axis: one even step per value.
    const index = new Map(grid.map((v, i) => [v, i]));
    return {
      dimension: {
        label,
        range: [0, grid.length - 1],
        tickvals: grid.map((_, i) => i),
        ticktext: grid.map((v) => plotlyText(formatNumber(v))),
      },
      value: (row) => (finite(row) ? (index.get(values[row]) ?? NaN) : NaN),
    };
  }
  const [lo, hi] = finiteRange(values);
  if (wantsLog(lo, hi)) {
    const ticks = logTicks(lo, hi);
    return {
      dimension: {
        label: `${label} (log scale)`,
        range: [Math.log10(lo), Math.log10(hi)],
        ...ticks,
      },
      value: (row) => (finite(row) ? Math.log10(values[row]) : NaN),
    };
  }
  return {
    dimension: { label, ...(lo < hi && { range: [lo, hi] as [number, number] }) },
    value: (row) => (finite(row) ? values[row] : NaN),
  };
}

/** A 1 px text halo in the background colour, on all four sides. */
function halo(color: string): string {
  return ['1px 1px', '-1px -1px', '1px -1px', '-1px 1px']
    .map((offset) => `${color} ${offset} 1px`)
    .join(', ');
}

function minMax(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

const collator = new Intl.Collator('en', { numeric: true });
