/**
 * Any two hyperparameters × a metric: the mean, median or best value of the metric per cell of a
 * binned grid (binning.ts: ≤ 20 bins per axis, so ≤ 400 cells). Empty cells stay blank (null z);
 * the colour scale runs from the worst to the best value seen and is flipped for lower-is-better
 * metrics so that bright always means good. This is the figure that shows a failure corner, such
 * as chance-level accuracy at 4-bit weights × 2-bit activations.
 */
import type { Direction } from '../../model';
import { binAxis, type AxisBins, type BinScale } from './binning';
import { directionOf, numberColumn, type FigureContext } from './context';
import type { FigureSpec, HeatmapTrace, ThemeName, TrialRef } from './figure-types';
import { spearmanPairs } from './rank';
import { emptySpec } from './spec';
import { hoverLines, plotlyNumber, plotlyText, TICK_CHARS } from './text';
import { axis, baseLayout, sequentialScale } from './theme';

import type { Aggregate } from '../../model';
export type { Aggregate };

export interface ParamHeatmapOptions {
  x: string;
  y: string;
  metric: string;
  aggregate: Aggregate;
  theme: ThemeName;
}

/** Cells above this count get no value printed in them (hover still has it). */
const LABELLED_CELLS = 144;

/**
 * The two most important hyperparameters and the primary metric, when the summary has them. The
 * second one skips hyperparameters that move in lockstep with the first (|ρ| ≥ 0.98, e.g.
 * activation bits and the compression ratio they imply): their heatmap would be a diagonal.
 */
export function defaultParamHeatmap(ctx: FigureContext): Omit<ParamHeatmapOptions, 'theme'> | null {
  const ranked = ctx.summary.importance?.params.map((p) => p.param) ?? [];
  const params = [...new Set([...ranked, ...ctx.params])].filter((p) => ctx.params.includes(p));
  const metric = ctx.summary.primaryMetric?.column ?? ctx.metrics[0];
  if (params.length < 2 || metric === undefined) return null;
  const x = params[0];
  const xv = numberColumn(ctx, x)?.values;
  const y =
    params.slice(1).find((p) => {
      const yv = numberColumn(ctx, p)?.values;
      return !xv || !yv || !(Math.abs(spearmanPairs([xv, yv])[0][1].rho) >= LOCKSTEP);
    }) ?? params[1];
  return { x, y, metric, aggregate: 'mean' };
}

const LOCKSTEP = 0.98;

export function paramHeatmap(ctx: FigureContext, options: ParamHeatmapOptions): FigureSpec {
  const { x, y, metric, aggregate, theme } = options;
  const id = `param-heatmap:${x}:${y}:${metric}:${aggregate}`;
  const title = `${metric} (${aggregate}) by ${x} and ${y}`;
  const fail = (message: string) => emptySpec(id, 'param-heatmap', title, message, theme);
  if (ctx.params.length < 2) return fail('Needs at least two hyperparameters.');
  if (x === y) return fail('Choose two different hyperparameters.');
  const xc = ctx.column(x);
  const yc = ctx.column(y);
  const mc = numberColumn(ctx, metric);
  for (const [name, c] of [
    [x, xc],
    [y, yc],
  ] as const)
    if (!c) return fail(`The table has no column "${name}".`);
  if (!mc) return fail(`"${metric}" is not a numeric column.`);
  if (!xc || !yc) return fail('Needs two columns.');

  const bx = binAxis(xc, ctx.rowCount);
  const by = binAxis(yc, ctx.rowCount);
  const nx = bx.labels.length;
  const ny = by.labels.length;
  const rows: number[][] = Array.from({ length: nx * ny }, () => []);
  for (let row = 0; row < ctx.rowCount; row++) {
    const i = bx.bin[row];
    const j = by.bin[row];
    if (i >= 0 && j >= 0) rows[j * nx + i].push(row);
  }
  const direction = directionOf(ctx, metric);
  const z: (number | null)[][] = [];
  const text: string[][] = [];
  const hover: string[][] = [];
  const cells: (TrialRef | null)[][] = [];
  let anyFinite = false;
  for (let j = 0; j < ny; j++) {
    z.push([]);
    text.push([]);
    hover.push([]);
    cells.push([]);
    for (let i = 0; i < nx; i++) {
      const members = rows[j * nx + i];
      const finite = members.filter((r) => Number.isFinite(mc.values[r]));
      const stat = aggregateOf(finite, mc.values, aggregate, direction);
      anyFinite ||= stat !== null;
      z[j].push(stat?.value ?? null);
      text[j].push(stat && nx * ny <= LABELLED_CELLS ? plotlyNumber(stat.value) : '');
      const where = [
        `<b>${plotlyText(x)}</b> ${plotlyText(bx.labels[i])}`,
        `<b>${plotlyText(y)}</b> ${plotlyText(by.labels[j])}`,
      ];
      const value = stat
        ? `${plotlyText(metric)} ${aggregate} = ${plotlyNumber(stat.value)}${stat.row !== null ? ` (trial ${plotlyText(ctx.runIds[stat.row])})` : ''}`
        : `no finite ${plotlyText(metric)}`;
      hover[j].push(
        hoverLines([
          ...where,
          value,
          `${members.length} trials, ${finite.length} with a finite value`,
        ]),
      );
      cells[j].push(
        members.length === 0
          ? null
          : {
              label: `${x} ${bx.labels[i]}, ${y} ${by.labels[j]}`,
              rows: members,
              runIds: members.map((r) => ctx.runIds[r]),
              total: members.length,
              capped: false,
            },
      );
    }
  }
  if (!anyFinite) return fail(`No trial has a finite ${metric} and values of both ${x} and ${y}.`);

  const better = direction === 'min' ? 'lower is better' : 'higher is better';
  const range = robustRange(z);
  const trace: HeatmapTrace = {
    type: 'heatmap',
    uid: 'cells',
    x: bx.labels.map((_, i) => i),
    y: by.labels.map((_, j) => j),
    z,
    colorscale: sequentialScale(theme),
    ...(range ? { zmin: range.lo, zmax: range.hi } : {}),
    // Bright is good either way.
    reversescale: direction === 'min',
    colorbar: {
      title: {
        text: `${plotlyText(metric, TICK_CHARS)}<br>${aggregate}, ${better}`,
        side: 'right',
      },
      thickness: 14,
      outlinewidth: 0,
    },
    text,
    texttemplate: '%{text}',
    hovertext: hover,
    hoverinfo: 'text',
    hoverongaps: false,
    xgap: 1,
    ygap: 1,
  };
  const layout = baseLayout(
    theme,
    plotlyText(title),
    {
      height: Math.max(320, 140 + 24 * ny),
      margin: { l: 60, r: 20, t: range ? 64 : 48, b: 80 },
      xaxis: axis(theme, axisTitle(x, bx.scale), ticks(bx, nx > 8 ? -40 : 0)),
      yaxis: axis(theme, axisTitle(y, by.scale), ticks(by, 0)),
    },
    range
      ? `colours span the other cells; ${range.outliers} far-off cell${range.outliers === 1 ? '' : 's'} (e.g. a diverged run) shown at the end of the scale, value in the cell`
      : '',
  );
  return {
    id,
    kind: 'param-heatmap',
    title,
    data: [trace],
    layout,
    selection: { cells: { kind: 'cells', cells } },
    empty: null,
  };
}

const SCALE_NOTE: Record<BinScale, string> = {
  value: '',
  category: '',
  log: ' (log bins)',
  quantile: ' (quantile bins)',
};

function axisTitle(name: string, scale: BinScale): string {
  return `${plotlyText(name)}${SCALE_NOTE[scale]}`;
}

function ticks(bins: AxisBins, tickangle: number) {
  return {
    tickvals: bins.labels.map((_, i) => i),
    ticktext: bins.labels.map((l) => plotlyText(l, TICK_CHARS)),
    tickangle,
    showgrid: false,
    zeroline: false,
  };
}

/** The cell's statistic, and for 'best' the row that holds it. */
function aggregateOf(
  rows: number[],
  values: Float64Array,
  aggregate: Aggregate,
  direction: Direction,
): { value: number; row: number | null } | null {
  if (rows.length === 0) return null;
  if (aggregate === 'mean') {
    let sum = 0;
    for (const r of rows) sum += values[r];
    return { value: sum / rows.length, row: null };
  }
  if (aggregate === 'median') {
    const sorted = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) sorted[i] = values[rows[i]];
    sorted.sort();
    const mid = sorted.length >> 1;
    const value = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { value, row: null };
  }
  let best = rows[0];
  for (const r of rows)
    if (direction === 'min' ? values[r] < values[best] : values[r] > values[best]) best = r;
  return { value: values[best], row: best };
}

/**
 * The colour range without far-off cells: one diverged run (a loss of 188 among values near 1)
 * would otherwise paint every other cell the same colour. Cells beyond Tukey's far-out fences
 * (3 × IQR) are left out only when they would squeeze the others into under half of the scale,
 * so ordinary spreads, such as a 10% chance corner among 40–96% accuracies, stay whole. Null: keep
 * the full range.
 */
export function robustRange(
  z: readonly (readonly (number | null)[])[],
): { lo: number; hi: number; outliers: number } | null {
  const values = z
    .flat()
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (values.length < 5) return null;
  const at = (q: number) => {
    const pos = (values.length - 1) * q;
    const i = Math.floor(pos);
    return values[i] + (values[Math.min(i + 1, values.length - 1)] - values[i]) * (pos - i);
  };
  const q1 = at(0.25);
  const q3 = at(0.75);
  const fence = 3 * (q3 - q1);
  const inside = values.filter((v) => v >= q1 - fence && v <= q3 + fence);
  const outliers = values.length - inside.length;
  if (outliers === 0 || inside.length < 2 || inside[0] === inside[inside.length - 1]) return null;
  const lo = inside[0];
  const hi = inside[inside.length - 1];
  // Clip only when the far-off cells would squeeze the others into under half of the scale.
  const beyond = Math.max(lo - values[0], values[values.length - 1] - hi);
  return beyond > hi - lo ? { lo, hi, outliers } : null;
}
