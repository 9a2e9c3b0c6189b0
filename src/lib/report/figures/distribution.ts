/**
 * Histogram of a metric (the primary one by default), healthy trials and sick trials stacked in
 * separate colours. Binned here rather than by plotly's `histogram` so that each bar maps to its
 * trials (`selection`, kind 'bins') and 10,000 values become ≤ 40 bars before they reach the page.
 * A metric over positive values spanning more than two decades is binned in log10 (a loss that
 * blew up to 1e6 would otherwise squash every healthy trial into the first bar).
 */
import { numberColumn, type FigureContext } from './context';
import type { BarTrace, FigureSpec, SelectionMap, ThemeName, TrialRef } from './figure-types';
import {
  emptySpec,
  finiteRange,
  logTicks,
  niceStep,
  roundNoise,
  trialsText,
  wantsLog,
} from './spec';
import { hoverLines, plotlyNumber, plotlyText, TICK_CHARS } from './text';
import { axis, baseLayout, PALETTES } from './theme';
import { formatNumber } from '../../model';

export interface DistributionOptions {
  theme: ThemeName;
  /** Default: the primary metric. */
  metric?: string;
}

export const MAX_HISTOGRAM_BINS = 40;

export function metricDistribution(ctx: FigureContext, options: DistributionOptions): FigureSpec {
  const { theme } = options;
  const metric = options.metric ?? ctx.summary.primaryMetric?.column ?? ctx.metrics[0];
  const id = `distribution:${metric ?? ''}`;
  const title = `Distribution of ${metric ?? 'the metric'}`;
  const fail = (message: string) => emptySpec(id, 'distribution', title, message, theme);
  const mc = metric === undefined ? null : numberColumn(ctx, metric);
  if (!mc || metric === undefined) return fail('Needs a numeric metric column.');
  const [lo, hi] = finiteRange(mc.values);
  if (Number.isNaN(lo)) return fail(`No trial has a finite ${metric}.`);

  const log = wantsLog(lo, hi);
  const t = log ? Math.log10 : (v: number) => v;
  const a = t(lo);
  const span = t(hi) - a;
  let finite = 0;
  for (let row = 0; row < ctx.rowCount; row++) if (Number.isFinite(mc.values[row])) finite++;
  const target = Math.min(MAX_HISTOGRAM_BINS, Math.max(5, Math.ceil(Math.sqrt(finite))));
  // Round bin widths on round edges (0.25 to 0.3, not 0.2204 to 0.3076), so the bars line up
  // with round ticks and the hover ranges read as round numbers.
  let width = span === 0 ? 0 : niceStep(span / target);
  while (span > 0 && binCount(a, span, width) > MAX_HISTOGRAM_BINS) width = niceStep(width * 1.5);
  // A constant metric still gets a bar of visible width.
  if (span === 0) width = Math.max(Math.abs(a) * 0.1, 1);
  const start = span === 0 ? a - width / 2 : Math.floor(a / width) * width;
  const k = span === 0 ? 1 : binCount(a, span, width);
  const bins = [0, 1].map(() => Array.from({ length: k }, () => [] as number[]));
  for (let row = 0; row < ctx.rowCount; row++) {
    const v = mc.values[row];
    if (!Number.isFinite(v)) continue;
    const b = Math.min(k - 1, Math.max(0, Math.floor((t(v) - start) / width)));
    bins[ctx.health[row] > 0 ? 1 : 0][b].push(row);
  }
  const edge = (b: number) => roundNoise(log ? 10 ** (start + b * width) : start + b * width);
  const range = (b: number) => `${plotlyNumber(edge(b))} to ${plotlyNumber(edge(b + 1))}`;
  const p = PALETTES[theme];
  const data: BarTrace[] = [];
  const selection: SelectionMap = {};
  const groups = [
    { uid: 'healthy', name: 'healthy', color: p.healthy },
    { uid: 'sick', name: 'with a critical or warning finding', color: p.critical },
  ];
  groups.forEach((g, gi) => {
    const counts = bins[gi].map((rows) => rows.length);
    if (counts.every((c) => c === 0)) return;
    const centres = counts.map((_, b) => roundNoise(start + (b + 0.5) * width));
    data.push({
      type: 'bar',
      uid: g.uid,
      name: g.name,
      x: centres,
      y: counts,
      width: counts.map(() => width),
      marker: { color: g.color, line: { color: p.paper, width: 1 } },
      hovertext: counts.map((c, b) =>
        hoverLines([`${plotlyText(metric)} ${range(b)}`, `${trialsText(c)} ${g.name}`]),
      ),
      hoverinfo: 'text',
    });
    const refs: TrialRef[] = bins[gi].map((rows, b) => ({
      label: `${metric} ${formatNumber(edge(b))} to ${formatNumber(edge(b + 1))} (${g.name})`,
      rows,
      runIds: rows.map((r) => ctx.runIds[r]),
      total: rows.length,
      capped: false,
    }));
    selection[g.uid] = { kind: 'bins', bins: refs };
  });
  const left = ctx.rowCount - finite;
  const note =
    left > 0
      ? `${trialsText(left)} with a missing, NaN or infinite ${plotlyText(metric)} not shown`
      : '';
  const layout = baseLayout(
    theme,
    plotlyText(title),
    {
      height: 340,
      margin: { l: 60, r: 20, t: note ? 72 : 48, b: 50 },
      barmode: 'stack',
      bargap: 0,
      showlegend: true,
      legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.02, yanchor: 'bottom' },
      xaxis: axis(
        theme,
        `${plotlyText(metric, TICK_CHARS)}${log ? ' (log scale)' : ''}`,
        log ? logTicks(lo, hi) : linearTicks(start, start + k * width),
      ),
      yaxis: axis(theme, 'trials'),
    },
    note,
  );
  return { id, kind: 'distribution', title, data, layout, selection, empty: null };
}

/** Bins of `width` from the multiple of `width` at or below `a` up to and including `a + span`. */
function binCount(a: number, span: number, width: number): number {
  const start = Math.floor(a / width) * width;
  // The top value falls in the last bin even when it sits on an edge (the binning clamps it).
  return Math.max(1, Math.ceil((a + span - start) / width - 1e-9));
}

/** At most ~8 ticks at round values (a 1, 2, 2.5 or 5 step) over [from, to]. */
function linearTicks(from: number, to: number): { tickvals: number[]; ticktext: string[] } {
  const step = niceStep((to - from) / 6);
  const tickvals: number[] = [];
  for (let i = Math.ceil(from / step - 1e-9); i * step <= to + step * 1e-9; i++)
    tickvals.push(roundNoise(i * step));
  return { tickvals, ticktext: tickvals.map(plotlyNumber) };
}
