/**
 * What big figures draw: parallel coordinates draw a sample of at most MAX_LINES lines (every
 * sick trial kept, a brush still filters all trials), and slice plots draw overlapping points
 * once (every trial still reachable through the merged point's members).
 */
import { describe, expect, it } from 'vitest';
import { generatePlantedSweep } from '../../../../src/lib/fixtures';
import { MAX_LINES, sampleLines } from '../../../../src/lib/report/figures/line-sample';
import {
  axisPosition,
  cellIndex,
  THIN_ABOVE,
  thinPoints,
} from '../../../../src/lib/report/figures/point-thinning';
import {
  figureContext,
  parallelCoordinates,
  slicePlots,
  type FigureContext,
  type ParcoordsTrace,
  type ScatterTrace,
} from '../../../../src/lib/report';
import { GL_POINTS } from '../../../../src/lib/report/figures/slice';
import { analyseCsv } from './helpers';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('sampleLines', () => {
  it('keeps every row when there are few enough', () => {
    const rows = range(50);
    expect(
      sampleLines(
        rows,
        (r) => r % 7 === 0,
        (r) => r,
        50,
      ),
    ).toEqual({ rows, sick: 8 });
  });

  it('keeps every sick row and spreads the healthy ones over the metric, extremes included', () => {
    const rows = range(1000);
    const metric = (r: number) => (r * 7919) % 1000; // a permutation of 0..999
    const sick = (r: number) => r % 100 === 3;
    const sample = sampleLines(rows, sick, metric, 100);
    expect(sample.rows).toHaveLength(100);
    expect(new Set(sample.rows).size).toBe(100);
    expect(sample.sick).toBe(10);
    // The sick rows come last, so they are drawn on top.
    expect(sample.rows.slice(-10).every(sick)).toBe(true);
    const healthy = sample.rows.filter((r) => !sick(r)).map(metric);
    const allHealthy = rows.filter((r) => !sick(r)).map(metric);
    expect(Math.min(...healthy)).toBe(Math.min(...allHealthy));
    expect(Math.max(...healthy)).toBe(Math.max(...allHealthy));
    // Evenly spread: no gap in metric rank much wider than the step.
    const sorted = [...healthy].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((v, i) => v - sorted[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.ceil(990 / 89) + 1);
    expect(sampleLines(rows, sick, metric, 100)).toEqual(sample);
  });

  it('samples the sick rows too when they alone pass half the budget', () => {
    const sample = sampleLines(
      range(1000),
      (r) => r % 2 === 0,
      (r) => r,
      100,
    );
    expect(sample.rows).toHaveLength(100);
    expect(sample.sick).toBe(50);
  });
});

describe('thinPoints', () => {
  it('draws small traces exactly', () => {
    expect(thinPoints(range(THIN_ABOVE), () => 0)).toEqual({
      rows: range(THIN_ABOVE),
      members: null,
    });
  });

  it('draws one point per occupied cell, each keeping every trial under it', () => {
    const rows = range(5000);
    const thinned = thinPoints(rows, (r) => r % 37);
    expect(thinned.rows).toEqual(range(37));
    expect(thinned.members?.flat().sort((a, b) => a - b)).toEqual(rows);
    thinned.members?.forEach((m, i) => expect(m[0]).toBe(thinned.rows[i]));
  });

  it('places positions on linear and log axes, clamped to the grid', () => {
    expect(cellIndex(axisPosition(5, 0, 10, false), 10)).toBe(5);
    expect(cellIndex(axisPosition(100, 1, 10_000, true), 10)).toBe(5);
    expect(cellIndex(axisPosition(10, 0, 10, false), 10)).toBe(9);
    expect(cellIndex(NaN, 10)).toBe(0);
  });
});

describe('big sweeps', () => {
  let ctx: FigureContext;
  const context = async () =>
    (ctx ??= await (async () => {
      const { columns, summary } = await analyseCsv(generatePlantedSweep(11, 6000).csv, 'big.csv');
      return figureContext(columns, summary);
    })());

  it('parallel coordinates draw MAX_LINES lines, half of them at most sick, and brush all trials', async () => {
    const c = await context();
    const spec = parallelCoordinates(c, { theme: 'light', color: 'issue' });
    const trace = spec.data[0] as ParcoordsTrace;
    const sel = spec.selection.lines;
    if (sel.kind !== 'lines' || !sel.brush) throw new Error('a sampled lines map expected');
    expect(trace.dimensions.every((d) => d.values.length === MAX_LINES)).toBe(true);
    expect(sel.rows).toHaveLength(MAX_LINES);
    const sickDrawn = sel.rows.filter((r) => c.health[r] > 0).length;
    const sickEligible = sel.brush.runIds.filter((id) => c.health[c.runIds.indexOf(id)] > 0);
    expect(sickEligible.length).toBeGreaterThan(MAX_LINES / 2); // this sweep is very sick
    expect(sickDrawn).toBe(MAX_LINES / 2);
    expect(sel.brush.runIds.length).toBeGreaterThan(5000);
    expect(sel.brush.labels).toEqual(trace.dimensions.map((d) => d.label));
    // The brush's values are the plotted values of the same trials.
    const lrAxis = sel.brush.labels.indexOf(trace.dimensions[0].label);
    sel.rows.slice(0, 50).forEach((row, line) => {
      const i = sel.brush?.runIds.indexOf(c.runIds[row]) ?? -1;
      expect(sel.brush?.values[lrAxis][i]).toBe(trace.dimensions[0].values[line]);
    });
    expect(spec.layout.title.subtitle?.text).toContain(`${MAX_LINES.toLocaleString('en')} of`);
    expect(spec.layout.title.subtitle?.text).toContain('a brush selects among all');
  });

  it('slice plots merge overlapping points, drawn as SVG, keeping every trial', async () => {
    const c = await context();
    const spec = slicePlots(c, { theme: 'light' });
    const traces = spec.data as ScatterTrace[];
    let merged = 0;
    for (const trace of traces) {
      const sel = spec.selection[trace.uid ?? ''];
      if (sel?.kind !== 'points') throw new Error('points expected');
      expect(trace.x).toHaveLength(sel.runIds.length);
      if (!sel.members) continue;
      merged++;
      expect(sel.members.map((m) => m[0])).toEqual(sel.runIds);
      expect(trace.type).toBe(trace.x.length > GL_POINTS ? 'scattergl' : 'scatter');
    }
    expect(merged).toBeGreaterThan(0);
    // Per subplot, the healthy trials drawn and merged add up to every healthy trial plotted.
    const healthy = traces.filter((t) => t.uid?.endsWith('-healthy'));
    const counts = healthy.map((t) => {
      const sel = spec.selection[t.uid ?? ''];
      return sel?.kind === 'points' ? (sel.members?.flat().length ?? sel.runIds.length) : 0;
    });
    expect(new Set(counts).size).toBeLessThanOrEqual(2); // categorical axes may miss values
    expect(Math.max(...counts)).toBeGreaterThan(THIN_ABOVE);
    expect(spec.layout.title.subtitle?.text).toContain('overlapping points drawn once');
  });
});
