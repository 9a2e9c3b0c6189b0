/**
 * Pareto front of two objectives: two metrics, or a metric against runtime / budget (cheaper is
 * better). Direction-aware: a metric's role says min or max; a budget is always minimised. The
 * front is taken over trials without a critical finding (a NaN-free diverged trial or a "too good"
 * score must not define what is attainable); those trials are still plotted, marked.
 */
import type { Direction } from '../../model';
import { directionOf, numberColumn, type FigureContext } from './context';
import type { FigureSpec, ScatterTrace, SelectionMap, ThemeName } from './figure-types';
import { emptySpec, finiteRange, wantsLog } from './spec';
import { GL_POINTS, rowText } from './slice';
import { plotlyText, TICK_CHARS } from './text';
import { axis, baseLayout, PALETTES } from './theme';

export interface ParetoOptions {
  theme: ThemeName;
  /** Default: a runtime budget, else another budget, else the second metric. */
  x?: string;
  /** Default: the primary metric. */
  y?: string;
}

export function defaultPareto(ctx: FigureContext): { x: string; y: string } | null {
  const y = ctx.summary.primaryMetric?.column ?? ctx.metrics[0];
  const runtime = ctx.budgets.find((b) => {
    const role = ctx.role(b);
    return role?.kind === 'budget' && role.unit === 'runtime';
  });
  const x = runtime ?? ctx.budgets[0] ?? ctx.metrics.find((m) => m !== y);
  return x === undefined || y === undefined ? null : { x, y };
}

export function paretoFront(ctx: FigureContext, options: ParetoOptions): FigureSpec {
  const { theme } = options;
  const defaults = defaultPareto(ctx);
  const x = options.x ?? defaults?.x;
  const y = options.y ?? defaults?.y;
  const id = `pareto:${x ?? ''}:${y ?? ''}`;
  const title = x && y ? `Pareto front: ${y} against ${x}` : 'Pareto front';
  const fail = (message: string) => emptySpec(id, 'pareto', title, message, theme);
  if (x === undefined || y === undefined)
    return fail('Needs two numeric metrics, or a metric and a runtime or budget column.');
  if (x === y) return fail('Choose two different columns.');
  const xc = numberColumn(ctx, x);
  const yc = numberColumn(ctx, y);
  if (!xc || !yc) return fail(`"${xc ? y : x}" is not a numeric column.`);

  const rows: number[] = [];
  for (let row = 0; row < ctx.rowCount; row++)
    if (Number.isFinite(xc.values[row]) && Number.isFinite(yc.values[row])) rows.push(row);
  if (rows.length < 2) return fail(`Needs at least two trials with finite ${x} and ${y}.`);

  const dx = directionOf(ctx, x);
  const dy = directionOf(ctx, y);
  const front = frontOf(
    rows.filter((r) => ctx.health[r] < 2),
    xc.values,
    yc.values,
    dx,
    dy,
  );
  const onFront = new Set(front);
  const p = PALETTES[theme];
  const xName = plotlyText(x);
  const yName = plotlyText(y);
  const rowHover: (string | undefined)[] = new Array(ctx.rowCount);
  const hoverOf = (r: number) => (rowHover[r] ??= rowText(ctx, r));
  const groups: {
    uid: string;
    name: string;
    rows: number[];
    mode: ScatterTrace['mode'];
    marker: ScatterTrace['marker'];
  }[] = [
    {
      uid: 'dominated',
      name: 'dominated',
      rows: rows.filter((r) => !onFront.has(r) && ctx.health[r] === 0),
      mode: 'markers',
      marker: { color: p.faint, size: 6, opacity: 0.6 },
    },
    {
      uid: 'sick',
      name: 'with a finding',
      rows: rows.filter((r) => !onFront.has(r) && ctx.health[r] > 0),
      mode: 'markers',
      marker: { color: p.critical, symbol: 'x', size: 8 },
    },
    {
      uid: 'front',
      name: 'Pareto front',
      rows: front,
      mode: 'lines+markers',
      marker: { color: p.healthy, size: 9, line: { color: p.accent, width: 1 } },
    },
  ];
  const data: ScatterTrace[] = [];
  const selection: SelectionMap = {};
  for (const g of groups) {
    if (g.rows.length === 0) continue;
    data.push({
      type: g.rows.length > GL_POINTS ? 'scattergl' : 'scatter',
      mode: g.mode,
      uid: g.uid,
      name: g.name,
      x: g.rows.map((r) => xc.values[r]),
      y: g.rows.map((r) => yc.values[r]),
      marker: g.marker,
      ...(g.uid === 'front' && { line: { color: p.healthy, width: 2, shape: 'hv' as const } }),
      customdata: g.rows.map(hoverOf),
      hovertemplate: `%{customdata}<br>${xName} = %{x}<br>${yName} = %{y}${g.uid === 'front' ? '<br>on the Pareto front' : ''}<extra></extra>`,
    });
    selection[g.uid] = { kind: 'points', rows: g.rows, runIds: g.rows.map((r) => ctx.runIds[r]) };
  }
  const layout = baseLayout(theme, plotlyText(title), {
    height: 420,
    showlegend: true,
    legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.02, yanchor: 'bottom' },
    xaxis: axisOf(ctx, x, xc.values, dx, theme),
    yaxis: axisOf(ctx, y, yc.values, dy, theme),
  });
  return { id, kind: 'pareto', title, data, layout, selection, empty: null };
}

/**
 * Non-dominated rows, in plotting order: sorted by x best-first (ties: y best-first), a row is on
 * the front when its y beats every row before it. O(n log n).
 */
export function frontOf(
  rows: readonly number[],
  xs: Float64Array,
  ys: Float64Array,
  dx: Direction,
  dy: Direction,
): number[] {
  const sx = dx === 'min' ? 1 : -1;
  const sy = dy === 'min' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => sx * (xs[a] - xs[b]) || sy * (ys[a] - ys[b]) || a - b);
  const front: number[] = [];
  let best = Infinity;
  for (const r of sorted) {
    const v = sy * ys[r];
    if (v < best) {
      front.push(r);
      best = v;
    }
  }
  return front;
}

function axisOf(
  ctx: FigureContext,
  name: string,
  values: Float64Array,
  d: Direction,
  theme: ThemeName,
) {
  const role = ctx.role(name);
  const unit =
    role?.kind === 'budget' && !name.toLowerCase().includes(role.unit) ? ` (${role.unit})` : '';
  const [lo, hi] = finiteRange(values);
  const log = wantsLog(lo, hi);
  const better = d === 'min' ? 'lower is better' : 'higher is better';
  return axis(
    theme,
    `${plotlyText(name, TICK_CHARS)}${unit}${log ? ', log scale' : ''} · ${better}`,
    log ? { type: 'log', dtick: 1, exponentformat: 'power' } : {},
  );
}
