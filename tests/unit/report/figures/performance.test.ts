/**
 * Builders run on the page's main thread: each must stay well under 50 ms on a 10,000-trial
 * sweep. Timings are printed, not asserted (CI machines vary); the benchmark owns the budget.
 * What is asserted is the output size: plain arrays only at the plotted resolution.
 */
import { describe, expect, it } from 'vitest';
import { generatePlantedSweep } from '../../../../src/lib/fixtures';
import {
  correlationMatrix,
  figureContext,
  importanceBars,
  issueHeatmap,
  metricDistribution,
  paramHeatmap,
  parallelCoordinates,
  paretoFront,
  slicePlots,
  type FigureContext,
  type FigureSpec,
  type HeatmapTrace,
} from '../../../../src/lib/report';
import { analyseCsv } from './helpers';

const BUILDERS: [string, (ctx: FigureContext) => FigureSpec][] = [
  ['issue heatmap', (ctx) => issueHeatmap(ctx, { theme: 'light' })],
  [
    'two-parameter heatmap (median)',
    (ctx) =>
      paramHeatmap(ctx, {
        x: 'lr',
        y: 'runtime_sec',
        metric: 'val_loss',
        aggregate: 'median',
        theme: 'light',
      }),
  ],
  ['correlation matrix', (ctx) => correlationMatrix(ctx, { theme: 'light' })],
  ['parallel coordinates', (ctx) => parallelCoordinates(ctx, { theme: 'light', color: 'metric' })],
  ['slice plots', (ctx) => slicePlots(ctx, { theme: 'light' })],
  ['importance', (ctx) => importanceBars(ctx, { theme: 'light' })],
  ['Pareto front', (ctx) => paretoFront(ctx, { theme: 'light' })],
  ['metric distribution', (ctx) => metricDistribution(ctx, { theme: 'light' })],
];

describe('figure builders on a 10,000-trial sweep', () => {
  it('build each figure in a few milliseconds (printed)', { timeout: 120_000 }, async () => {
    const { columns, summary } = await analyseCsv(generatePlantedSweep(7, 10_000).csv, 'big.csv');
    let start = performance.now();
    const ctx = figureContext(columns, summary);
    const lines = [`context: ${(performance.now() - start).toFixed(1)} ms`];
    for (const [name, build] of BUILDERS) {
      build(ctx); // warm-up: JIT, lazy indexes
      const times: number[] = [];
      let spec: FigureSpec | null = null;
      for (let i = 0; i < 5; i++) {
        start = performance.now();
        spec = build(ctx);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      expect(spec?.empty, name).toBeNull();
      const bytes = JSON.stringify(spec).length;
      lines.push(
        `${name}: median ${times[2].toFixed(1)} ms, max ${times[4].toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KiB JSON`,
      );
    }
    console.log(`Figure builders, 10,000 trials:\n  ${lines.join('\n  ')}`);
    const heatmap = BUILDERS[1][1](ctx).data[0] as HeatmapTrace;
    expect(heatmap.z.length * heatmap.z[0].length).toBeLessThanOrEqual(400);
  });
});
