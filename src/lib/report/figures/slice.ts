/**
 * Slice plots: the metric against each hyperparameter, as small multiples in one figure (one
 * plotly instance and, above GL_POINTS points, one WebGL context instead of one per parameter).
 * Sick trials are drawn in their own traces with their own colour *and* symbol (warning: diamond,
 * critical: x) and the titles of their findings in the hover, so the eye finds the failure
 * region even in greyscale. A short log-spaced grid with 0 (weight decay 0, 1e-5, 1e-4, 1e-3) is
 * drawn as evenly spaced categories in numeric order: a linear axis piles it up at 0.
 */
import { CellState, DEFAULT_PARAM_COUNT, formatNumber } from '../../model';
import { numberColumn, type FigureContext } from './context';
import type {
  Axis,
  FigureSpec,
  Layout,
  ScatterTrace,
  SelectionMap,
  ThemeName,
} from './figure-types';
import { axisPosition, cellIndex, thinPoints, X_CELLS, Y_CELLS } from './point-thinning';
import { chooseParams } from './default-params';
import { emptySpec, finiteRange, logGrid, thousands, trialsText, wantsLog } from './spec';
import { hoverLines, plotlyText, TICK_CHARS } from './text';
import { axis, baseLayout, PALETTES, type Palette } from './theme';

export interface SliceOptions {
  theme: ThemeName;
  /** Default: the primary metric. */
  metric?: string;
  /** Default: the MAX_SLICES most important hyperparameters. */
  params?: readonly string[];
}

/** Subplots drawn by default: a 3 × 3 grid. */
export const MAX_SLICES = DEFAULT_PARAM_COUNT.slice;

/** Above this many points a trace is drawn with WebGL (scattergl). */
export const GL_POINTS = 1500;
const COLUMNS = 3;

const GROUPS = [
  { health: 0, name: 'healthy', symbol: 'circle', color: (p: Palette) => p.healthy },
  { health: 1, name: 'warning', symbol: 'diamond', color: (p: Palette) => p.warning },
  { health: 2, name: 'critical', symbol: 'x', color: (p: Palette) => p.critical },
] as const;

export function slicePlots(ctx: FigureContext, options: SliceOptions): FigureSpec {
  const { theme } = options;
  const metric = options.metric ?? ctx.summary.primaryMetric?.column ?? ctx.metrics[0];
  const chosen = chooseParams(ctx, options.params, MAX_SLICES);
  const params = chosen.params;
  const id = `slice:${metric ?? ''}${options.params ? `:${params.join(',')}` : ''}`;
  const title = `${metric ?? 'Metric'} against each hyperparameter`;
  const fail = (message: string) => emptySpec(id, 'slice', title, message, theme);
  if (params.length === 0) return fail('Needs at least one hyperparameter.');
  const mc = metric === undefined ? null : numberColumn(ctx, metric);
  if (!mc || metric === undefined) return fail('Needs a numeric metric column.');
  const [ylo, yhi] = finiteRange(mc.values);
  if (Number.isNaN(ylo)) return fail(`No trial has a finite ${metric}.`);

  const p = PALETTES[theme];
  const metricName = plotlyText(metric);
  // One hover text per trial, shared by its points in every subplot.
  const rowHover: (string | undefined)[] = new Array(ctx.rowCount);
  const hoverOf = (row: number) => (rowHover[row] ??= rowText(ctx, row));
  const data: ScatterTrace[] = [];
  const selection: SelectionMap = {};
  const axes: Partial<Layout> = {};
  const yLog = wantsLog(ylo, yhi);
  const yAxis = axis(theme, plotlyText(metric, TICK_CHARS), yLog ? { type: 'log', dtick: 1 } : {});
  const yCell = (row: number) => cellIndex(axisPosition(mc.values[row], ylo, yhi, yLog), Y_CELLS);
  let plotted = 0;
  let drawnPoints = 0;
  let mergedTrials = 0;
  params.forEach((param, i) => {
    const k = i + 1;
    const suffix = k === 1 ? '' : String(k);
    const x = xOf(ctx, param);
    const groups = GROUPS.map(() => [] as number[]);
    for (let row = 0; row < ctx.rowCount; row++)
      if (Number.isFinite(mc.values[row]) && x.has(row)) groups[ctx.health[row]].push(row);
    plotted = Math.max(
      plotted,
      groups.reduce((n, g) => n + g.length, 0),
    );
    GROUPS.forEach((group, g) => {
      if (groups[g].length === 0) return;
      const thinned = thinPoints(groups[g], (r) => x.cell(r) * Y_CELLS + yCell(r));
      const { rows, members } = thinned;
      drawnPoints += rows.length;
      if (members) mergedTrials += groups[g].length;
      const hover = members
        ? (r: number, i: number) =>
            members[i].length > 1
              ? `${hoverOf(r)}<br>+ ${thousands(members[i].length - 1)} more trials at this point`
              : hoverOf(r)
        : hoverOf;
      // Plotly builds CSS selectors from uids: letters, digits and dashes only.
      const uid = `slice-${k}-${group.name}`;
      const name = plotlyText(param);
      data.push({
        type: rows.length > GL_POINTS ? 'scattergl' : 'scatter',
        mode: 'markers',
        uid,
        name: group.name,
        legendgroup: group.name,
        showlegend: !data.some((t) => t.legendgroup === group.name),
        x: rows.map(x.value),
        y: rows.map((r) => mc.values[r]),
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        marker: {
          color: group.color(p),
          symbol: group.symbol,
          size: group.health === 0 ? 6 : 8,
          opacity: group.health === 0 ? 0.65 : 0.95,
        },
        customdata: rows.map(hover),
        hovertemplate: `${name} = %{x}<br>${metricName} = %{y}<br>%{customdata}<extra></extra>`,
      });
      selection[uid] = {
        kind: 'points',
        rows,
        runIds: rows.map((r) => ctx.runIds[r]),
        ...(members && { members: members.map((m) => m.map((r) => ctx.runIds[r])) }),
      };
    });
    axes[`xaxis${suffix}` as 'xaxis'] = axis(theme, x.title, x.axis);
    axes[`yaxis${suffix}` as 'yaxis'] = {
      ...yAxis,
      title: i % COLUMNS === 0 ? yAxis.title : undefined,
      ...(k > 1 && { matches: 'y' }),
    };
  });
  const gridRows = Math.ceil(params.length / COLUMNS);
  const left = ctx.rowCount - plotted;
  const notes = [
    chosen.note,
    left > 0 ? `${trialsText(left)} without a finite ${plotlyText(metric)} not shown` : '',
    mergedTrials > 0
      ? `overlapping points drawn once (${thousands(drawnPoints)} points); a click or box selects every trial under them`
      : '',
  ].filter(Boolean);
  // One note per line: joined on one line they ran under the legend and off the edge.
  const extra = 14 * Math.max(0, notes.length - 1);
  const layout = baseLayout(
    theme,
    plotlyText(title),
    {
      ...axes,
      height: 110 + 250 * gridRows + extra,
      margin: { l: 60, r: 20, t: (notes.length ? 72 : 48) + extra, b: 50 },
      grid: {
        rows: gridRows,
        columns: Math.min(COLUMNS, params.length),
        pattern: 'independent',
        xgap: 0.12,
        ygap: 0.28,
      },
      showlegend: true,
      legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.02, yanchor: 'bottom' },
    },
    notes.join('<br>'),
  );
  return { id, kind: 'slice', title, data, layout, selection, empty: null };
}

interface XValues {
  has(row: number): boolean;
  value(row: number): number | string;
  /** Which of the thinning grid's columns the row falls in (a category: its own column). */
  cell(row: number): number;
  title: string;
  axis: Axis;
}

function xOf(ctx: FigureContext, param: string): XValues {
  const column = ctx.column(param);
  const title = plotlyText(param, TICK_CHARS);
  if (column?.kind === 'number') {
    const { values, states } = column;
    const has = (row: number) => states[row] === CellState.value && Number.isFinite(values[row]);
    const grid = logGrid(values, states);
    if (grid) {
      const labels = new Map(grid.map((v) => [v, plotlyText(formatNumber(v))]));
      const index = new Map(grid.map((v, i) => [v, i]));
      return {
        has,
        value: (row) => labels.get(values[row]) ?? '',
        cell: (row) => index.get(values[row]) ?? 0,
        title: `${title} (grid, not to scale)`,
        axis: { type: 'category', categoryorder: 'array', categoryarray: [...labels.values()] },
      };
    }
    const [lo, hi] = finiteRange(values);
    const log = wantsLog(lo, hi);
    return {
      has,
      value: (row) => values[row],
      cell: (row) => cellIndex(axisPosition(values[row], lo, hi, log), X_CELLS),
      title: log ? `${title} (log scale)` : title,
      axis: log ? { type: 'log', dtick: 1, exponentformat: 'power' } : {},
    };
  }
  if (column?.kind === 'category' || column?.kind === 'text') {
    const labels = column.labels.map((l) => plotlyText(l, TICK_CHARS));
    const order = [...labels].sort(collator.compare);
    return {
      has: (row) => column.codes[row] >= 0,
      value: (row) => labels[column.codes[row]],
      cell: (row) => column.codes[row],
      title,
      axis: { type: 'category', categoryorder: 'array', categoryarray: order },
    };
  }
  return { has: () => false, value: () => NaN, cell: () => 0, title, axis: {} };
}

/** Trial and, for sick trials, what is wrong (three findings at most). */
export function rowText(ctx: FigureContext, row: number): string {
  const id = `<b>trial ${plotlyText(ctx.runIds[row], 60)}</b>`;
  const titles = ctx.issueTitles.get(row);
  if (!titles) return id;
  const lines = [id];
  for (const t of titles.slice(0, 3)) lines.push(`⚠ ${plotlyText(t, 90)}`);
  if (titles.length > 3) lines.push(`… and ${titles.length - 3} more findings`);
  return hoverLines(lines);
}

const collator = new Intl.Collator('en', { numeric: true });
