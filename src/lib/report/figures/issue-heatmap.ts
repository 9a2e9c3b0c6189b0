/**
 * Issue rate per hyperparameter bucket × issue type, straight from `summary.associations`: the
 * figure of "which settings make trials sick". Colour is the rate on a fixed 0–100% scale (a
 * 0.3 rate looks the same in every sweep), the cell text the counts behind it, bold where the
 * bucket's q-value passes the sweep's FDR, and each association's hot bucket is outlined (solid
 * when significant, dashed when it rests on the effect size alone).
 */
import type { Association, AssociationBucket, DetectorId } from '../../model';
import type { FigureContext } from './context';
import type { FigureSpec, HeatmapTrace, Shape, ThemeName, TrialRef } from './figure-types';
import { emptySpec, trialsText } from './spec';
import { hoverLines, percentText, plotlyNumber, plotlyText, pText, TICK_CHARS } from './text';
import { axis, baseLayout, PALETTES, sequentialScale } from './theme';

export interface IssueHeatmapOptions {
  theme: ThemeName;
  /** Issues to show as columns, in this order; default: every issue ('any' first). */
  issues?: readonly (DetectorId | 'any')[];
}

const TITLE = 'Issue rate by hyperparameter bucket';
const ID = 'issue-heatmap';

interface Row {
  param: string;
  bucket: string;
}

export function issueHeatmap(ctx: FigureContext, options: IssueHeatmapOptions): FigureSpec {
  const { summary } = ctx;
  const { theme } = options;
  const wanted = options.issues ? new Set(options.issues) : null;
  const associations = summary.associations.filter((a) => !wanted || wanted.has(a.issue));
  if (associations.length === 0) {
    const message = summary.firstPass
      ? 'The associations are computed by the full analysis, which is still running.'
      : summary.overview.params.length === 0
        ? 'Needs at least one hyperparameter column.'
        : 'No trial has a critical or warning finding to link to hyperparameters.';
    return emptySpec(ID, 'issue-heatmap', TITLE, message, theme);
  }

  const issues = options.issues
    ? options.issues.filter((i) => associations.some((a) => a.issue === i))
    : [...new Set(associations.map((a) => a.issue))];
  const rows: Row[] = [];
  const rowIndex = new Map<string, number>();
  for (const a of associations) {
    for (const b of a.buckets) {
      const key = `${a.param}\u0000${b.label}`;
      if (!rowIndex.has(key)) rowIndex.set(key, rows.push({ param: a.param, bucket: b.label }) - 1);
    }
  }

  const blank = <T>(fill: T) => rows.map(() => issues.map(() => fill));
  const z = blank<number | null>(null);
  const text = blank('');
  const hover = blank('');
  const cells = blank<TrialRef | null>(null);
  const shapes: Shape[] = [];
  const fdr = summary.associationTesting.fdr;
  const accent = PALETTES[theme].accent;

  for (const a of associations) {
    const x = issues.indexOf(a.issue);
    for (const b of a.buckets) {
      const y = rowIndex.get(`${a.param}\u0000${b.label}`) ?? -1;
      const significant = b.qValue <= fdr;
      const hot = a.hotBucket === b.label;
      z[y][x] = b.rate;
      const counts = `${b.withIssue}/${b.trials}`;
      text[y][x] = significant ? `<b>${counts}</b>` : counts;
      hover[y][x] = cellHover(ctx, a, b, { significant, hot, fdr });
      cells[y][x] = trialsOf(ctx, a, b);
      if (hot) shapes.push(outline(x, y, accent, a.hotBucketSignificant));
    }
  }

  const labels = rows.map((r) => plotlyText(`${r.param} · ${r.bucket}`, 2 * TICK_CHARS));
  const issueLabels = issues.map((i) => plotlyText(issueLabel(ctx, i), TICK_CHARS));
  const trace: HeatmapTrace = {
    type: 'heatmap',
    uid: 'cells',
    x: issues.map((_, i) => i),
    y: rows.map((_, i) => i),
    z,
    zmin: 0,
    zmax: 1,
    colorscale: sequentialScale(theme),
    colorbar: {
      title: { text: 'issue rate', side: 'right' },
      tickvals: [0, 0.25, 0.5, 0.75, 1],
      ticktext: ['0&#37;', '25&#37;', '50&#37;', '75&#37;', '100&#37;'],
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
  const note =
    `cell: trials with the issue / trials in the bucket · bold: q ≤ ${fdr}` +
    ' · outlined: hot bucket (dashed: not significant)';
  const layout = baseLayout(
    theme,
    TITLE,
    {
      height: Math.max(280, 130 + 26 * rows.length),
      margin: { l: 60, r: 20, t: 72, b: 90 },
      xaxis: axis(theme, 'issue', {
        tickvals: trace.x,
        ticktext: issueLabels,
        tickangle: -30,
        showgrid: false,
        zeroline: false,
      }),
      yaxis: axis(theme, 'hyperparameter · bucket', {
        tickvals: trace.y,
        ticktext: labels,
        autorange: 'reversed',
        showgrid: false,
        zeroline: false,
      }),
      shapes,
    },
    note,
  );
  return {
    id: ID,
    kind: 'issue-heatmap',
    title: TITLE,
    data: [trace],
    layout,
    selection: { cells: { kind: 'cells', cells } },
    empty: null,
  };
}

function issueLabel(ctx: FigureContext, issue: DetectorId | 'any'): string {
  if (issue === 'any') return 'any issue';
  return ctx.summary.detectorCounts.find((d) => d.detector === issue)?.label ?? issue;
}

function cellHover(
  ctx: FigureContext,
  a: Association,
  b: AssociationBucket,
  flags: { significant: boolean; hot: boolean; fdr: number },
): string {
  const lines = [
    `<b>${plotlyText(a.param)}</b> ${plotlyText(b.label)}`,
    `${plotlyText(issueLabel(ctx, a.issue))}: ${b.withIssue} of ${trialsText(b.trials)} (${percentText(b.rate)})`,
    `lift ${Number.isFinite(b.lift) ? `${b.lift.toFixed(1)}×` : plotlyNumber(b.lift)} vs ${percentText(a.baseRate)} overall`,
    `p = ${pText(b.pValue)}, q = ${pText(b.qValue)}${flags.significant ? ` (significant at q ≤ ${flags.fdr})` : ''}`,
  ];
  if (flags.hot)
    lines.push(
      a.hotBucketSignificant
        ? '<b>hot bucket</b>'
        : '<b>hot bucket</b> (effect size only, not significant)',
    );
  if (b.withIssue > b.runIds.length)
    lines.push(`click lists the first ${b.runIds.length} of ${b.withIssue} trials`);
  return hoverLines(lines);
}

/** The trials behind a cell: those of the bucket with the issue (capped at MAX_BUCKET_RUN_IDS). */
function trialsOf(ctx: FigureContext, a: Association, b: AssociationBucket): TrialRef {
  const rows: number[] = [];
  const runIds: string[] = [];
  for (const id of b.runIds) {
    const row = ctx.rowOf(id);
    if (row === undefined) continue;
    rows.push(row);
    runIds.push(id);
  }
  return {
    label: `${a.param} ${b.label}: ${issueLabel(ctx, a.issue)}`,
    rows,
    runIds,
    total: b.withIssue,
    capped: b.withIssue > b.runIds.length,
  };
}

function outline(x: number, y: number, color: string, significant: boolean): Shape {
  return {
    type: 'rect',
    xref: 'x',
    yref: 'y',
    x0: x - 0.5,
    x1: x + 0.5,
    y0: y - 0.5,
    y1: y + 0.5,
    line: { color, width: 2.5, dash: significant ? 'solid' : 'dash' },
    layer: 'above',
  };
}
