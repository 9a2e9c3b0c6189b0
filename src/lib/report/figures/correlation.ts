/**
 * Spearman correlation matrix of the numeric hyperparameters and metrics, on a diverging scale
 * fixed at −1…1 (zmin/zmax, so centred on 0) (so a weak ρ never looks strong because the rest are weaker).
 * Each pair uses the trials where both values are finite. Hyperparameter × primary-metric cells
 * take ρ from `summary.correlations` (finished trials only), so the matrix and the report agree;
 * the rest are computed here (rank.ts), because the summary holds only those pairs.
 */
import { numberColumn, type FigureContext } from './context';
import type { FigureSpec, HeatmapTrace, ThemeName } from './figure-types';
import { spearmanPairs } from './rank';
import { emptySpec } from './spec';
import { hoverLines, plotlyText, TICK_CHARS } from './text';
import { axis, baseLayout, divergingScale } from './theme';

export interface CorrelationOptions {
  theme: ThemeName;
  /** Columns to correlate; default: numeric hyperparameters then metrics, at most MAX_COLUMNS. */
  columns?: readonly string[];
}

/** Beyond ~30 columns the labels no longer fit and the cost grows with the square. */
export const MAX_COLUMNS = 30;
const TITLE = 'Rank correlation (Spearman) of hyperparameters and metrics';
const ID = 'correlation';

export function correlationMatrix(ctx: FigureContext, options: CorrelationOptions): FigureSpec {
  const { theme } = options;
  const wanted = options.columns ?? [...ctx.params, ...ctx.metrics];
  const names = wanted
    .filter((name) => {
      const c = numberColumn(ctx, name);
      return c !== null && !constant(c.values);
    })
    .slice(0, MAX_COLUMNS);
  if (names.length < 2)
    return emptySpec(
      ID,
      'correlation',
      TITLE,
      'Needs at least two numeric hyperparameters or metrics that vary.',
      theme,
    );

  const values = names.map((n) => numberColumn(ctx, n)?.values ?? new Float64Array(0));
  const pairs = spearmanPairs(values);
  const primary = ctx.summary.primaryMetric?.column;
  const fromSummary = new Map(ctx.summary.correlations.map((c) => [c.param, c]));
  const k = names.length;
  const z: (number | null)[][] = [];
  const text: string[][] = [];
  const hover: string[][] = [];
  for (let i = 0; i < k; i++) {
    z.push([]);
    text.push([]);
    hover.push([]);
    for (let j = 0; j < k; j++) {
      let { rho, n } = pairs[i][j];
      let note = 'trials with both values finite';
      const param = names[i] === primary ? names[j] : names[j] === primary ? names[i] : null;
      const known = param === null ? undefined : fromSummary.get(param);
      if (known && i !== j) {
        ({ rho, n } = known);
        note = `finished trials, p = ${Number(known.pValue.toPrecision(2))}`;
      }
      z[i].push(Number.isFinite(rho) ? rho : null);
      text[i].push(Number.isFinite(rho) && k <= 15 ? signed(rho) : '');
      hover[i].push(
        hoverLines([
          `<b>${plotlyText(names[i])}</b> × <b>${plotlyText(names[j])}</b>`,
          Number.isFinite(rho)
            ? `ρ = ${signed(rho)}`
            : 'ρ undefined (fewer than 3 pairs or a constant side)',
          `n = ${n} (${note})`,
        ]),
      );
    }
  }
  const ticks = names.map((_, i) => i);
  const labels = names.map((n) => plotlyText(n, TICK_CHARS));
  const trace: HeatmapTrace = {
    type: 'heatmap',
    uid: 'cells',
    x: ticks,
    y: ticks,
    z,
    zmin: -1,
    zmax: 1,
    colorscale: divergingScale(theme),
    colorbar: {
      title: { text: 'ρ', side: 'right' },
      tickvals: [-1, -0.5, 0, 0.5, 1],
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
  const tickAxis = (angle: number) => ({
    tickvals: ticks,
    ticktext: labels,
    tickangle: angle,
    showgrid: false,
    zeroline: false,
  });
  const layout = baseLayout(theme, plotlyText(TITLE), {
    height: Math.max(360, 160 + 28 * k),
    margin: { l: 60, r: 20, t: 48, b: 90 },
    xaxis: axis(theme, '', tickAxis(-40)),
    yaxis: { ...axis(theme, '', tickAxis(0)), autorange: 'reversed' },
  });
  return {
    id: ID,
    kind: 'correlation',
    title: TITLE,
    data: [trace],
    layout,
    selection: {},
    empty: null,
  };
}

/** ρ with two decimals and a real minus sign. */
function signed(rho: number): string {
  const s = rho.toFixed(2);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

function constant(values: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}
