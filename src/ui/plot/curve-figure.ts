/**
 * The Curves cell's plotly figure from the worker's downsampled view: per run the raw series
 * faint and the smoothed one bold in the same colour, finding markers on top. Presentation only.
 */
import type { PlotAxis, PlotLayout, ScatterTrace } from 'plotly.js-dist-min';
import type { CurveView, CurveXAxis, Severity } from '../../lib/model';
import type { Figure } from './plotly.svelte';

export interface PlotTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  critical: string;
  warning: string;
  info: string;
}

export interface CurveFigureInput {
  view: CurveView;
  /** Hover text per run: its hyperparameters (plain text, escaped here). */
  runLabel: (runId: string) => string;
  colorOf: (runId: string) => string;
  selected: ReadonlySet<string>;
  smoothing: number;
  logY: boolean;
  /** A fixed y range (log10 units on a log axis); null: fit every point. */
  yRange: [number, number] | null;
  theme: PlotTheme;
  height: number;
  /** Plot width in px: a narrow plot puts the legend below. */
  width: number;
}

/** Above this many points in all, traces use WebGL (`scattergl`). */
export const WEBGL_POINTS = 4000;
/** Series with at most this many points are drawn with point markers. */
const SPARSE_POINTS = 15;
/** Legend only while it stays readable. */
const LEGEND_RUNS = 24;

export const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#6b6ecf',
  '#e6550d',
  '#31a354',
  '#d6616b',
  '#ce6dbd',
  '#3182bd',
  '#fd8d3c',
  '#74c476',
  '#ad494a',
  '#a55194',
] as const;

const SYMBOLS: Record<Severity, { symbol: string; size: number; label: string }> = {
  critical: { symbol: 'x', size: 11, label: 'critical' },
  warning: { symbol: 'triangle-up', size: 10, label: 'warning' },
  info: { symbol: 'circle-open', size: 9, label: 'info' },
};

/**
 * Plotly renders hover and legend text as pseudo-HTML and fills `%{…}` templates: data-derived
 * strings are escaped so they always show as text.
 */
export function plotText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\{/g, '&#123;')
    .replace(/\}/g, '&#125;');
}

const X_TITLES: Record<CurveXAxis, string> = {
  step: 'step',
  'relative-time': 'time since the run started',
  'wall-time': 'wall time',
};

/**
 * The run a clicked trace draws. Trace uids are positions, never run ids: plotly builds CSS
 * selectors from uids (`.cb<uid>`), so a run id with `:` or `.` threw when the plot was purged.
 */
export function runOfTrace(view: CurveView, uid: string): string | null {
  const match = /^(?:raw|smoothed)-(\d+)$/.exec(uid);
  return match ? (view.series[Number(match[1])]?.runId ?? null) : null;
}

export function curveFigure(input: CurveFigureInput): Figure {
  const { view, theme, selected } = input;
  const points = view.series.reduce((n, s) => n + s.x.length, 0);
  const type = points > WEBGL_POINTS ? 'scattergl' : 'scatter';
  const anySelected = view.series.some((s) => selected.has(s.runId));
  const hours = view.x === 'relative-time' && maxOf(view.series.map((s) => last(s.x))) > 7200;
  const xOf = (x: Float64Array) => (hours ? x.map((v) => v / 3600) : x);
  const xUnit = view.x === 'relative-time' ? (hours ? ' h' : ' s') : '';
  const metric = plotText(view.metric);
  const data: ScatterTrace[] = [];

  for (const [index, s] of view.series.entries()) {
    const color = input.colorOf(s.runId);
    const isSelected = selected.has(s.runId);
    const dim = anySelected && !isSelected;
    const run = plotText(s.runId);
    const params = plotText(input.runLabel(s.runId));
    const head = `<b>${run}</b>${params ? `<br>${params}` : ''}<br>${X_TITLES[view.x]} %{x}${xUnit}`;
    const x = xOf(s.x);
    if (input.smoothing > 0) {
      data.push({
        type,
        mode: 'lines',
        uid: `raw-${index}`,
        x,
        y: s.raw,
        legendgroup: s.runId,
        showlegend: false,
        opacity: dim ? 0.08 : 0.28,
        line: { color, width: 1 },
        hovertemplate: `${head}<br>${metric} %{y:.4g} (raw)<extra></extra>`,
      });
    }
    data.push({
      type,
      // A sparse series (a few evaluations) shows its points, or one eval reads as a line.
      mode: s.x.length <= SPARSE_POINTS ? 'lines+markers' : 'lines',
      marker: { color, size: 5 },
      uid: `smoothed-${index}`,
      name: run,
      x,
      y: input.smoothing > 0 ? s.smoothed : s.raw,
      legendgroup: s.runId,
      showlegend: view.series.length <= LEGEND_RUNS,
      opacity: dim ? 0.3 : 1,
      line: { color, width: isSelected ? 3.4 : 2 },
      hovertemplate: `${head}<br>${metric} %{y:.4g}${input.smoothing > 0 ? ' (smoothed)' : ''}<extra></extra>`,
    });
  }

  for (const severity of ['info', 'warning', 'critical'] as const) {
    const marks = view.markers.filter((m) => m.severity === severity && Number.isFinite(m.y));
    if (marks.length === 0) continue;
    const { symbol, size, label } = SYMBOLS[severity];
    data.push({
      type,
      mode: 'markers',
      uid: `markers-${severity}`,
      name: `${label} finding`,
      x: xOf(Float64Array.from(marks, (m) => m.x)),
      y: Float64Array.from(marks, (m) => m.y),
      showlegend: false,
      marker: { symbol, size, color: theme[severity], line: { color: theme[severity], width: 2 } },
      hovertext: marks.map((m) => `<b>${plotText(m.title)}</b><br>${plotText(m.runId)}`),
      hovertemplate: `%{hovertext}<br>${X_TITLES[view.x]} %{x}${xUnit}<extra>${label}</extra>`,
    });
  }

  const axis = (title: string): PlotAxis => ({
    title: { text: title, font: { color: theme.muted, size: 12 } },
    gridcolor: theme.grid,
    zerolinecolor: theme.grid,
    linecolor: theme.grid,
    tickfont: { color: theme.muted, size: 11 },
    automargin: true,
  });
  const layout: PlotLayout = {
    height: input.height,
    autosize: true,
    margin: { l: 56, r: 12, t: 34, b: 44 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: theme.text, size: 12 },
    xaxis: {
      ...axis(`${X_TITLES[view.x]}${xUnit ? ` (${xUnit.trim()})` : ''}`),
      type: view.x === 'wall-time' ? 'date' : 'linear',
    },
    yaxis: {
      ...axis(metric),
      type: input.logY ? 'log' : 'linear',
      exponentformat: 'e',
      ...(input.yRange ? { range: input.yRange, autorange: false } : { autorange: true }),
    },
    hovermode: 'closest',
    hoverlabel: {
      bgcolor: theme.surface,
      bordercolor: theme.grid,
      font: { color: theme.text },
      align: 'left',
    },
    showlegend: view.series.length <= LEGEND_RUNS,
    legend: {
      font: { size: 11, color: theme.text },
      bgcolor: 'rgba(0,0,0,0)',
      itemclick: 'toggle',
      // Below a narrow plot, beside a wide one (under the mode bar, not behind it).
      ...(input.width > 0 && input.width < 820
        ? { orientation: 'h' as const, x: 0, y: -0.2, yanchor: 'top' as const }
        : { x: 1.01, y: 1, yanchor: 'top' as const }),
    },
    // Zoom survives smoothing changes; a new metric, axis or scale starts from the full view.
    uirevision: `${view.metric}|${view.x}|${input.logY}|${input.yRange !== null}`,
  };
  return { data, layout };
}

function last(x: Float64Array): number {
  return x.length > 0 ? x[x.length - 1] : 0;
}
function maxOf(values: number[]): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
}
