import { describe, expect, it } from 'vitest';
import {
  figureContext,
  frontOf,
  importanceBars,
  metricDistribution,
  paretoFront,
  type BarTrace,
  type ScatterTrace,
} from '../../../../src/lib/report';
import { planted, wandbQuant } from './helpers';

describe('importance', () => {
  it('lists the most important first, interactions apart', async () => {
    const { columns, summary } = await planted();
    const spec = importanceBars(figureContext(columns, summary), { theme: 'light' });
    const [params, interactions] = spec.data as BarTrace[];
    expect(spec.layout.yaxis?.ticktext).toEqual([
      'lr',
      'weight_decay',
      'batch_size',
      '<i>interactions</i>',
    ]);
    expect(params.x).toEqual(summary.importance?.params.map((p) => p.importance));
    expect(interactions.x).toEqual([summary.importance?.interactions]);
    expect(spec).toMatchSnapshot();
  });

  it('has an empty state', async () => {
    const { columns, summary } = await planted();
    const spec = importanceBars(figureContext(columns, { ...summary, importance: null }), {
      theme: 'light',
    });
    expect(spec.empty).toMatch(/^Importance needs/);
  });
});

describe('Pareto front', () => {
  it('keeps exactly the non-dominated points, direction-aware', () => {
    const xs = Float64Array.from([1, 2, 3, 4, 2, 5]);
    const ys = Float64Array.from([5, 3, 4, 1, 6, 1]);
    const rows = [0, 1, 2, 3, 4, 5];
    expect(frontOf(rows, xs, ys, 'min', 'min')).toEqual([0, 1, 3]);
    expect(frontOf(rows, xs, ys, 'min', 'max')).toEqual([0, 4]);
    expect(frontOf(rows, xs, ys, 'max', 'max')).toEqual([5, 2, 4]);
  });

  it('defaults to the primary metric against runtime, front from trials without critical findings', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const spec = paretoFront(ctx, { theme: 'light' });
    expect(spec.id).toBe('pareto:runtime_sec:val_loss');
    expect(spec.layout.xaxis?.title?.text).toBe('runtime_sec · lower is better');
    const front = spec.data.find((t) => t.uid === 'front') as ScatterTrace;
    expect(front.line?.shape).toBe('hv');
    const sel = spec.selection.front;
    if (sel.kind !== 'points') throw new Error('points expected');
    sel.rows.forEach((row) => expect(ctx.health[row]).toBeLessThan(2));
    expect(spec).toMatchSnapshot();
  });

  it('reads accuracy as higher-is-better on the W&B export', async () => {
    const { columns, summary } = await wandbQuant();
    const spec = paretoFront(figureContext(columns, summary), {
      theme: 'dark',
      x: 'quant_model_mb',
      y: 'quant_test_acc',
    });
    expect(spec.layout.yaxis?.title?.text).toBe('quant_test_acc · higher is better');
    expect(spec).toMatchSnapshot();
  });

  it('has empty states', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    expect(paretoFront(ctx, { theme: 'light', x: 'val_loss', y: 'val_loss' }).empty).toBe(
      'Choose two different columns.',
    );
    expect(paretoFront(ctx, { theme: 'light', x: 'status', y: 'val_loss' }).empty).toBe(
      '"status" is not a numeric column.',
    );
  });
});

describe('metric distribution', () => {
  it('stacks sick trials apart and maps bars to trials', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const spec = metricDistribution(ctx, { theme: 'light' });
    expect(spec.layout.barmode).toBe('stack');
    const bars = spec.data as BarTrace[];
    expect(bars.map((b) => b.uid)).toEqual(['healthy', 'sick']);
    const plotted = bars.flatMap((b) => b.y as number[]).reduce((a, b) => a + b, 0);
    const finite = summary.runIds.filter((_, r) => {
      const c = ctx.column('val_loss');
      return c?.kind === 'number' && Number.isFinite(c.values[r]);
    }).length;
    expect(plotted).toBe(finite);
    for (const uid of ['healthy', 'sick']) {
      const sel = spec.selection[uid];
      if (sel.kind !== 'bins') throw new Error('bins expected');
      expect(sel.bins.map((b) => b.total)).toEqual(bars.find((b) => b.uid === uid)?.y ?? []);
    }
    expect(spec).toMatchSnapshot();
  });

  it('has an empty state and handles a constant metric', async () => {
    const { columns, summary } = await wandbQuant();
    const ctx = figureContext(columns, summary);
    expect(metricDistribution(ctx, { theme: 'light', metric: 'State' }).empty).toBe(
      'Needs a numeric metric column.',
    );
    const constant = metricDistribution(ctx, { theme: 'light', metric: 'baseline_model_mb' });
    expect(constant.empty).toBeNull();
    // One bar of visible width: nine healthy trials and the at-chance one stacked on top.
    expect(constant.data.map((t) => (t as BarTrace).y)).toEqual([[9], [1]]);
    expect((constant.data[0] as BarTrace).width?.[0]).toBeGreaterThan(0);
  });
});

describe('metric distribution on a log scale', () => {
  it('bins a loss spanning decades in log10 with real-valued ticks', async () => {
    const { analyzeTable, tableFromColumns } = await import('../../analysis/table-helper');
    const loss = Array.from({ length: 50 }, (_, i) => 0.01 * 10 ** (i / 10));
    const table = tableFromColumns({
      trial_id: loss.map((_, i) => i + 1),
      lr: loss,
      val_loss: loss,
    });
    const spec = metricDistribution(figureContext(table.columns, analyzeTable(table)), {
      theme: 'light',
    });
    expect(spec.layout.xaxis?.title?.text).toBe('val_loss (log scale)');
    expect(spec.layout.xaxis?.ticktext).toEqual(['0.01', '0.1', '1', '10', '100']);
    const x = (spec.data[0] as BarTrace).x as number[];
    expect(x[0]).toBeGreaterThan(-2);
    expect(x.at(-1)).toBeLessThan(Math.log10(loss.at(-1) ?? 0));
  });
});
