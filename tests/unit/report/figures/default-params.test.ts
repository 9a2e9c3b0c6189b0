/** Many-axes figures show the most important hyperparameters by default, the rest on request. */
import { describe, expect, it } from 'vitest';
import {
  figureContext,
  parallelCoordinates,
  slicePlots,
  type FigureContext,
  type ParcoordsTrace,
} from '../../../../src/lib/report';
import { chooseParams } from '../../../../src/lib/report/figures/default-params';
import { MAX_AXES } from '../../../../src/lib/report/figures/parallel';
import { MAX_SLICES } from '../../../../src/lib/report/figures/slice';
import { analyzeTable, tableFromColumns, type Cell } from '../../analysis/table-helper';

/** 12 hyperparameters over 120 trials; val_loss is driven by p11 and p12 alone. */
function wideSweep(): FigureContext {
  const n = 120;
  let seed = 3;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const columns: Record<string, Cell[]> = { trial_id: [] };
  for (let p = 1; p <= 12; p++) columns[`p${p}`] = [];
  columns.val_loss = [];
  for (let i = 0; i < n; i++) {
    columns.trial_id.push(i + 1);
    for (let p = 1; p <= 12; p++) columns[`p${p}`].push(Math.round(rnd() * 1000) / 1000);
    const p11 = columns.p11[i] as number;
    const p12 = columns.p12[i] as number;
    columns.val_loss.push(0.2 + 2 * p11 + 1.5 * p12 * p12 + rnd() * 0.01);
  }
  const table = tableFromColumns(columns);
  return figureContext(table.columns, analyzeTable(table));
}

describe('chooseParams', () => {
  const ctx = wideSweep();

  it('keeps the most important, in column order, and says what it left out', () => {
    expect(ctx.params).toHaveLength(12);
    const chosen = chooseParams(ctx, undefined, 8);
    expect(chosen.params).toHaveLength(8);
    expect(chosen.params).toContain('p11');
    expect(chosen.params).toContain('p12');
    expect(chosen.params).toEqual(ctx.params.filter((p) => chosen.params.includes(p)));
    expect(chosen.note).toBe(
      '8 of 12 hyperparameters (the most important); choose others in Options',
    );
  });

  it('draws what was asked for, dropping unknown columns, with no note', () => {
    expect(chooseParams(ctx, ['p3', 'nope', 'p1'], 8)).toEqual({ params: ['p3', 'p1'], note: '' });
    expect(chooseParams(ctx, undefined, 20).note).toBe('');
  });

  it('falls back to the default when none of the chosen columns is in the data', () => {
    const chosen = chooseParams(ctx, ['gone', 'also_gone'], 8);
    expect(chosen.params).toEqual(chooseParams(ctx, undefined, 8).params);
    expect(chosen.note).toMatch(/^the chosen hyperparameters are not in this data; 8 of 12/);
    expect(chooseParams(ctx, ['gone'], 20).note).toBe(
      'the chosen hyperparameters are not in this data',
    );
  });

  it('parallel coordinates and slice plots use it', () => {
    const parallel = parallelCoordinates(ctx, { theme: 'light', color: 'metric' });
    const trace = parallel.data[0] as ParcoordsTrace;
    expect(trace.dimensions).toHaveLength(MAX_AXES + 1);
    expect(trace.dimensions.at(-1)?.label).toBe('val_loss');
    expect(parallel.layout.title.subtitle?.text).toContain('8 of 12 hyperparameters');
    const slice = slicePlots(ctx, { theme: 'light' });
    const axes = new Set(slice.data.map((t) => ('xaxis' in t ? t.xaxis : '')));
    expect(axes.size).toBe(MAX_SLICES);
    const picked = slicePlots(ctx, { theme: 'light', params: ['p2', 'p5'] });
    expect(new Set(picked.data.map((t) => ('xaxis' in t ? t.xaxis : ''))).size).toBe(2);
    expect(picked.id).toBe('slice:val_loss:p2,p5');
  });
});
