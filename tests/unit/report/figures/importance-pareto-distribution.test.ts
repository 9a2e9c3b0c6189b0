import { describe, expect, it } from 'vitest';
import {
  figureContext,
  frontOf,
  importanceBars,
  metricDistribution,
  MAX_HISTOGRAM_BINS,
  paretoFront,
  type BarTrace,
  type ScatterTrace,
} from '../../../../src/lib/report';
import { planted, HAS_WANDB, wandbQuant } from './helpers';

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

  it('draws no zero line through the first row', async () => {
    const { columns, summary } = await planted();
    for (const theme of ['light', 'dark'] as const) {
      const spec = importanceBars(figureContext(columns, summary), { theme });
      expect(spec.layout.yaxis?.zeroline).toBe(false);
      expect(spec.layout.yaxis?.zerolinecolor).toBeUndefined();
    }
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

  it.runIf(HAS_WANDB)('reads accuracy as higher-is-better on the W&B export', async () => {
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

  it.runIf(HAS_WANDB)('has an empty state and handles a constant metric', async () => {
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

describe('metric distribution ticks and bins', () => {
  /** 1, 2, 2.5 or 5 times a power of ten. */
  const isNice = (step: number) => {
    const mantissa = step / 10 ** Math.floor(Math.log10(step));
    return [1, 2, 2.5, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-9);
  };

  it('puts ticks on round numbers and bars on round edges', async () => {
    const { columns, summary } = await planted();
    const spec = metricDistribution(figureContext(columns, summary), { theme: 'light' });
    const ticks = spec.layout.xaxis?.tickvals ?? [];
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(10);
    // Round values with no float noise, labelled as written, one nice step apart.
    for (const t of ticks) expect(t).toBe(Number(t.toPrecision(2)));
    expect(spec.layout.xaxis?.ticktext).toEqual(ticks.map(String));
    const step = ticks[1] - ticks[0];
    expect(isNice(Number(step.toPrecision(6)))).toBe(true);
    ticks.slice(1).forEach((t, i) => expect(t - ticks[i]).toBeCloseTo(step, 9));
    // Bars: a nice width, left edges on multiples of it (0.2 to 0.3, not 0.2204 to 0.3076).
    const bars = spec.data as BarTrace[];
    for (const bar of bars) {
      const width = bar.width?.[0] ?? NaN;
      expect(isNice(width)).toBe(true);
      for (const x of bar.x as number[]) {
        const left = (x - width / 2) / width;
        expect(left).toBeCloseTo(Math.round(left), 6);
      }
    }
    // Every finite value is inside the ticked range.
    const c = figureContext(columns, summary).column('val_loss');
    if (c?.kind !== 'number') throw new Error('number column expected');
    const finite = Array.from(c.values).filter(Number.isFinite);
    expect(ticks[0]).toBeLessThanOrEqual(Math.min(...finite));
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(Math.max(...finite));
    // The hover ranges read as round numbers too.
    const sel = spec.selection.healthy;
    if (sel.kind !== 'bins') throw new Error('bins expected');
    expect(sel.bins[0].label).toMatch(/^val_loss 0\.\d to 0\.\d \(healthy\)$/);
  });

  it('keeps at most MAX_HISTOGRAM_BINS bins on a large sweep', async () => {
    const { analyzeTable, tableFromColumns } = await import('../../analysis/table-helper');
    const loss = Array.from({ length: 3000 }, (_, i) => 0.123 + (i * 7.77) / 3000);
    const table = tableFromColumns({
      trial_id: loss.map((_, i) => i + 1),
      lr: loss.map((_, i) => (i % 10) / 10),
      val_loss: loss,
    });
    const spec = metricDistribution(figureContext(table.columns, analyzeTable(table)), {
      theme: 'dark',
    });
    const bins = spec.data.flatMap((t) => (t as BarTrace).x);
    expect(new Set(bins).size).toBeLessThanOrEqual(MAX_HISTOGRAM_BINS);
    const total = spec.data.flatMap((t) => (t as BarTrace).y as number[]).reduce((a, b) => a + b);
    expect(total).toBe(loss.length);
    for (const t of spec.layout.xaxis?.tickvals ?? []) expect(Number.isInteger(t)).toBe(true);
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
