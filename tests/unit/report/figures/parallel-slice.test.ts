import { describe, expect, it } from 'vitest';
import {
  figureContext,
  parallelCoordinates,
  slicePlots,
  type ParcoordsTrace,
  type ScatterTrace,
} from '../../../../src/lib/report';
import { analyzeTable, tableFromColumns } from '../../analysis/table-helper';
import { planted, HAS_WANDB, wandbQuant } from './helpers';

describe('parallel coordinates', () => {
  it('draws lr on a log10 axis labelled in real values, and maps lines to rows', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const spec = parallelCoordinates(ctx, { theme: 'light', color: 'metric' });
    const trace = spec.data[0] as ParcoordsTrace;
    expect(trace.dimensions.map((d) => d.label)).toEqual([
      'lr (log scale)',
      'batch_size',
      'weight_decay',
      'val_loss',
    ]);
    const lr = trace.dimensions[0];
    expect(lr.ticktext).toEqual(['1e-4', '0.001', '0.01']);
    expect(lr.tickvals).toEqual([-4, -3, -2]);
    const sel = spec.selection.lines;
    if (sel.kind !== 'lines') throw new Error('lines expected');
    expect(sel.rows).toHaveLength(lr.values.length);
    const lrColumn = ctx.column('lr');
    if (lrColumn?.kind !== 'number') throw new Error('number column expected');
    sel.rows.forEach((row, i) =>
      expect(lr.values[i]).toBeCloseTo(Math.log10(lrColumn.values[row]), 12),
    );
    expect(trace.line.reversescale).toBe(true);
  });

  it('colours by issue and codes categories by label', async () => {
    const table = tableFromColumns({
      trial_id: [1, 2, 3, 4, 5, 6],
      optimizer: ['sgd', 'adam', 'adamw', 'adam', 'sgd', 'adamw'],
      lr: [0.1, 0.01, 0.001, 0.1, 0.01, 0.001],
      val_loss: [0.5, 'NaN', 0.4, 0.45, 0.3, 0.35],
    });
    const summary = analyzeTable(table);
    const spec = parallelCoordinates(figureContext(table.columns, summary), {
      theme: 'dark',
      color: 'issue',
    });
    const trace = spec.data[0] as ParcoordsTrace;
    const optimizer = trace.dimensions.find((d) => d.label === 'optimizer');
    expect(optimizer?.ticktext).toEqual(['adam', 'adamw', 'sgd']);
    // Row 1 (NaN loss) is left out: sgd, adamw, adam, sgd, adamw.
    expect(optimizer?.values).toEqual([2, 1, 0, 2, 1]);
    expect(spec.selection.lines).toMatchObject({ rows: [0, 2, 3, 4, 5] });
    expect(trace.line.cmin).toBe(0);
    // The note is plotly's subtitle, not a raised <sup> line that crowds the title.
    expect(spec.layout.title.text).toBe('Hyperparameters and val_loss');
    expect(spec.layout.title.subtitle?.text).toContain('1 trial without a finite val_loss');
  });

  it('spaces a log grid with 0 evenly, and leaves no empty band above the title', async () => {
    const { columns, summary } = await planted();
    const spec = parallelCoordinates(figureContext(columns, summary), {
      theme: 'dark',
      color: 'metric',
    });
    const trace = spec.data[0] as ParcoordsTrace;
    const wd = trace.dimensions.find((d) => d.label === 'weight_decay');
    expect(wd?.ticktext).toEqual(['0', '1e-5', '1e-4', '0.001']);
    expect(wd?.tickvals).toEqual([0, 1, 2, 3]);
    expect(new Set(wd?.values)).toEqual(new Set([0, 1, 2, 3]));
    expect(spec.layout.margin.t).toBeLessThanOrEqual(100);
    expect(spec.layout.title.yanchor).toBe('top');
  });

  it('has empty states', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const noParams = tableFromColumns({ trial_id: [1, 2, 3], val_loss: [0.5, 0.4, 0.3] });
    const bare = figureContext(noParams.columns, analyzeTable(noParams));
    expect(parallelCoordinates(bare, { theme: 'light', color: 'metric' }).empty).toBe(
      'Needs at least one hyperparameter.',
    );
    expect(
      parallelCoordinates(ctx, { theme: 'light', color: 'metric', metric: 'status' }).empty,
    ).toBe('Needs a numeric metric column.');
  });

  it('matches its snapshots', async () => {
    const p = await planted();
    expect(
      parallelCoordinates(figureContext(p.columns, p.summary), { theme: 'light', color: 'issue' }),
    ).toMatchSnapshot();
  });

  // The real W&B export is read in place, so only when ../shared/data exists.
  it.runIf(HAS_WANDB)('matches its snapshots (W&B export)', async () => {
    const w = await wandbQuant();
    expect(
      parallelCoordinates(figureContext(w.columns, w.summary), {
        theme: 'dark',
        color: 'metric',
        metric: 'quant_test_acc',
      }),
    ).toMatchSnapshot();
  });
});

describe('slice plots', () => {
  it('marks sick trials in their own traces with the finding in the hover', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const spec = slicePlots(ctx, { theme: 'light', metric: 'val_acc' });
    const traces = spec.data as ScatterTrace[];
    expect(traces.map((t) => t.uid)).toEqual([
      'slice-1-healthy',
      'slice-1-warning',
      'slice-1-critical',
      'slice-2-healthy',
      'slice-2-warning',
      'slice-2-critical',
      'slice-3-healthy',
      'slice-3-warning',
      'slice-3-critical',
    ]);
    expect(traces.filter((t) => t.showlegend).map((t) => t.name)).toEqual([
      'healthy',
      'warning',
      'critical',
    ]);
    const warning = traces[1];
    expect(warning.marker?.symbol).toBe('diamond');
    expect(warning.customdata?.some((h) => h.includes('⚠ Trial') && h.includes('overfits'))).toBe(
      true,
    );
    expect(warning.hovertemplate).toBe(
      'lr = %{x}<br>val_acc = %{y}<br>%{customdata}<extra></extra>',
    );
    expect(spec.layout.xaxis?.title?.text).toBe('lr (log scale)');
    expect(spec.layout.xaxis?.type).toBe('log');
    expect(spec.layout.yaxis2?.matches).toBe('y');
    expect(spec.layout.grid).toMatchObject({ rows: 1, columns: 3 });
    const sel = spec.selection['slice-1-warning'];
    if (sel.kind !== 'points') throw new Error('points expected');
    sel.rows.forEach((row) => expect(ctx.health[row]).toBe(1));
  });

  it('shows a short log-spaced grid as categories in numeric order', async () => {
    const { columns, summary } = await planted();
    const spec = slicePlots(figureContext(columns, summary), { theme: 'light' });
    // weight_decay ∈ {0, 1e-5, 1e-4, 1e-3}: a linear axis piles three of them up at 0.
    const wd = spec.layout.xaxis3;
    expect(wd?.type).toBe('category');
    expect(wd?.categoryarray).toEqual(['0', '1e-5', '1e-4', '0.001']);
    expect(wd?.title?.text).toBe('weight_decay (grid, not to scale)');
    const xs = (spec.data as ScatterTrace[]).filter((t) => t.xaxis === 'x3').flatMap((t) => t.x);
    expect(new Set(xs)).toEqual(new Set(['0', '1e-5', '1e-4', '0.001']));
    // Many lr values over decades: log axis. Four batch sizes within a decade: linear.
    expect(spec.layout.xaxis?.type).toBe('log');
    expect(spec.layout.xaxis2?.type).toBeUndefined();
    expect(spec.layout.title.subtitle?.text).toBe('11 trials without a finite val_loss not shown');
  });

  it('picks the slice axis type from the values', () => {
    const axisFor = (values: (number | string)[]) => {
      const table = tableFromColumns({
        trial_id: values.map((_, i) => i + 1),
        p: values,
        val_loss: values.map((_, i) => 0.1 + (i % 7) / 10),
      });
      const spec = slicePlots(figureContext(table.columns, analyzeTable(table)), {
        theme: 'light',
        params: ['p'],
      });
      return spec.layout.xaxis;
    };
    const repeat = (grid: number[]) => Array.from({ length: 24 }, (_, i) => grid[i % grid.length]);
    // Positive, few values, two decades or more: categories too (1e-5 … 1e-3 is exactly two).
    expect(axisFor(repeat([1e-5, 1e-4, 1e-3]))).toMatchObject({
      type: 'category',
      categoryarray: ['1e-5', '1e-4', '0.001'],
    });
    // Ordered by value, not by label: 10 after 2.
    expect(axisFor(repeat([0, 0.01, 0.1, 2, 10]))?.categoryarray).toEqual([
      '0',
      '0.01',
      '0.1',
      '2',
      '10',
    ]);
    // Many positive values over decades: a log axis.
    expect(axisFor(Array.from({ length: 24 }, (_, i) => 10 ** (-5 + i / 6)))?.type).toBe('log');
    // A small linear grid, a grid with 0 within a decade, and negative values stay linear.
    expect(axisFor(repeat([16, 32, 64, 128]))?.type).toBeUndefined();
    expect(axisFor(repeat([0, 0.1, 0.2, 0.5]))?.type).toBeUndefined();
    expect(axisFor(repeat([-1e-3, 0, 1e-5, 1e-3]))?.type).toBeUndefined();
    // More than eight values: no longer a grid (a linear axis, 0 cannot go on a log one).
    expect(axisFor(repeat([0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10]))?.type).toBeUndefined();
  });

  it('matches its snapshots', async () => {
    const p = await planted();
    expect(slicePlots(figureContext(p.columns, p.summary), { theme: 'light' })).toMatchSnapshot();
  });

  // The real W&B export is read in place, so only when ../shared/data exists.
  it.runIf(HAS_WANDB)('matches its snapshots (W&B export)', async () => {
    const w = await wandbQuant();
    expect(
      slicePlots(figureContext(w.columns, w.summary), { theme: 'dark', metric: 'quant_test_acc' }),
    ).toMatchSnapshot();
  });
});
