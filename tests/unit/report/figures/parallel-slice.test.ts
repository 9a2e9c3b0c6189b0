import { describe, expect, it } from 'vitest';
import {
  figureContext,
  parallelCoordinates,
  slicePlots,
  type ParcoordsTrace,
  type ScatterTrace,
} from '../../../../src/lib/report';
import { analyzeTable, tableFromColumns } from '../../analysis/table-helper';
import { planted, wandbQuant } from './helpers';

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
    expect(spec.layout.title.text).toContain('1 trial without a finite val_loss');
  });

  it('has empty states', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    expect(parallelCoordinates(ctx, { theme: 'light', color: 'metric', params: [] }).empty).toBe(
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

  it('matches its snapshots', async () => {
    const p = await planted();
    expect(slicePlots(figureContext(p.columns, p.summary), { theme: 'light' })).toMatchSnapshot();
    const w = await wandbQuant();
    expect(
      slicePlots(figureContext(w.columns, w.summary), { theme: 'dark', metric: 'quant_test_acc' }),
    ).toMatchSnapshot();
  });
});
