import { describe, expect, it } from 'vitest';
import {
  defaultParamHeatmap,
  figureContext,
  MAX_BINS,
  paramHeatmap,
  type HeatmapTrace,
} from '../../../../src/lib/report';
import { analyzeTable, tableFromColumns } from '../../analysis/table-helper';
import { planted, HAS_WANDB, wandbQuant } from './helpers';
import { robustRange } from '../../../../src/lib/report/figures/param-heatmap';

const cellsOf = (trace: HeatmapTrace) => trace.z.length * (trace.z[0]?.length ?? 0);

describe('two-parameter heatmap', () => {
  it.runIf(HAS_WANDB)(
    'shows the chance-level corner of the W&B quantisation sweep at w4/a2',
    async () => {
      const { columns, summary } = await wandbQuant();
      const ctx = figureContext(columns, summary);
      const spec = paramHeatmap(ctx, {
        x: 'weight_bits',
        y: 'act_bits',
        metric: 'quant_test_acc',
        aggregate: 'mean',
        theme: 'light',
      });
      expect(spec.empty).toBeNull();
      const trace = spec.data[0] as HeatmapTrace;
      expect(spec.layout.xaxis?.ticktext).toEqual(['4', '6', '8']);
      expect(spec.layout.yaxis?.ticktext).toEqual(['2', '4', '6', '8']);
      const flat = trace.z.flatMap((row, j) => row.map((v, i) => ({ v, i, j })));
      const min = flat.filter((c) => c.v !== null).sort((a, b) => (a.v ?? 0) - (b.v ?? 0))[0];
      // CIFAR-10 accuracy in percent: 10.34 is chance (10%).
      expect(min).toEqual({ v: 10.34, i: 0, j: 0 });
      // Untried combinations stay blank, not zero.
      expect(trace.z[0]).toEqual([10.34, null, null]);
      expect(trace.reversescale).toBe(false);
      const sel = spec.selection.cells;
      if (sel.kind !== 'cells') throw new Error('cells expected');
      expect(sel.cells[0][0]?.runIds).toEqual(['weight_4_act_2']);
      expect(sel.cells[0][1]).toBeNull();
    },
  );

  it('aggregates by median and best, direction-aware', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const base = {
      x: 'batch_size',
      y: 'weight_decay',
      metric: 'val_loss',
      theme: 'light',
    } as const;
    const mean = paramHeatmap(ctx, { ...base, aggregate: 'mean' }).data[0] as HeatmapTrace;
    const best = paramHeatmap(ctx, { ...base, aggregate: 'best' }).data[0] as HeatmapTrace;
    const median = paramHeatmap(ctx, { ...base, aggregate: 'median' }).data[0] as HeatmapTrace;
    expect(best.reversescale).toBe(true);
    mean.z.forEach((row, j) =>
      row.forEach((v, i) => {
        if (v === null) return;
        expect(best.z[j][i]).toBeLessThanOrEqual(v);
        expect(median.z[j][i]).not.toBeNull();
      }),
    );
    expect(best.hovertext[0][0]).toMatch(/\(trial \d+\)/);
  });

  it('bins a learning rate spanning 1e-5..1e-1 in log bins, at most MAX_BINS per axis', async () => {
    const n = 10_000;
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const lr = Array.from({ length: n }, () => 10 ** (-5 + 4 * rand()));
    const dropout = Array.from({ length: n }, () => 0.1 + 0.4 * rand());
    const loss = lr.map((v, i) => Math.abs(Math.log10(v) + 3) + dropout[i]);
    const table = tableFromColumns({
      trial_id: lr.map((_, i) => i + 1),
      lr,
      dropout,
      val_loss: loss,
    });
    const summary = analyzeTable(table);
    const ctx = figureContext(table.columns, summary);
    const options = defaultParamHeatmap(ctx);
    expect(options?.metric).toBe('val_loss');
    const spec = paramHeatmap(ctx, {
      x: 'lr',
      y: 'dropout',
      metric: 'val_loss',
      aggregate: 'median',
      theme: 'light',
    });
    const trace = spec.data[0] as HeatmapTrace;
    expect(spec.layout.xaxis?.title?.text).toBe('lr (log bins)');
    expect(spec.layout.yaxis?.title?.text).toBe('dropout (quantile bins)');
    expect(trace.x.length).toBe(MAX_BINS);
    expect(trace.y.length).toBeLessThanOrEqual(MAX_BINS);
    expect(cellsOf(trace)).toBeLessThanOrEqual(250_000);
    expect(spec.layout.xaxis?.ticktext?.[0]).toMatch(/^1(\.\d+)?e-5 to 1\.58\de-5$/);
    const sel = spec.selection.cells;
    if (sel.kind !== 'cells') throw new Error('cells expected');
    const total = sel.cells.flat().reduce((s, c) => s + (c?.total ?? 0), 0);
    expect(total).toBe(n);
  });

  it('uses category labels and folds rare ones into "other"', async () => {
    const n = 300;
    const table = tableFromColumns({
      trial_id: Array.from({ length: n }, (_, i) => i + 1),
      optimizer: Array.from({ length: n }, (_, i) => `opt${i % 30}`),
      lr: Array.from({ length: n }, (_, i) => 10 ** -(1 + (i % 4))),
      val_loss: Array.from({ length: n }, (_, i) => 1 + (i % 7) / 10),
    });
    const ctx = figureContext(table.columns, analyzeTable(table));
    const spec = paramHeatmap(ctx, {
      x: 'optimizer',
      y: 'lr',
      metric: 'val_loss',
      aggregate: 'mean',
      theme: 'light',
    });
    const ticks = spec.layout.xaxis?.ticktext ?? [];
    expect(ticks).toHaveLength(MAX_BINS);
    expect(ticks.at(-1)).toBe('(11 other values)');
    expect(ticks.slice(0, 3)).toEqual(['opt0', 'opt1', 'opt2']);
    expect(spec.layout.yaxis?.ticktext).toEqual(['1e-4', '0.001', '0.01', '0.1']);
  });

  it('has empty states', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const opts = { metric: 'val_loss', aggregate: 'mean', theme: 'light' } as const;
    expect(paramHeatmap(ctx, { ...opts, x: 'lr', y: 'lr' }).empty).toBe(
      'Choose two different hyperparameters.',
    );
    expect(paramHeatmap(ctx, { ...opts, x: 'lr', y: 'nope' }).empty).toBe(
      'The table has no column "nope".',
    );
    expect(paramHeatmap(ctx, { ...opts, x: 'lr', y: 'batch_size', metric: 'status' }).empty).toBe(
      '"status" is not a numeric column.',
    );
    const one = figureContext(columns, {
      ...summary,
      roles: summary.roles.map((r) =>
        r.column === 'lr' || r.column === 'batch_size' ? { ...r, role: { kind: 'ignore' } } : r,
      ),
    });
    expect(paramHeatmap(one, { ...opts, x: 'lr', y: 'weight_decay' }).empty).toBe(
      'Needs at least two hyperparameters.',
    );
  });

  it('matches its snapshots', async () => {
    const p = await planted();
    const ctx = figureContext(p.columns, p.summary);
    const options = defaultParamHeatmap(ctx);
    if (!options) throw new Error('defaults expected');
    expect(options).toEqual({ x: 'lr', y: 'weight_decay', metric: 'val_loss', aggregate: 'mean' });
    expect(paramHeatmap(ctx, { ...options, theme: 'light' })).toMatchSnapshot();
  });

  // The real W&B export is read in place, so only when ../shared/data exists.
  it.runIf(HAS_WANDB)('matches its snapshots (W&B export)', async () => {
    const w = await wandbQuant();
    const wctx = figureContext(w.columns, w.summary);
    expect(
      paramHeatmap(wctx, {
        x: 'weight_bits',
        y: 'act_bits',
        metric: 'quant_test_acc',
        aggregate: 'best',
        theme: 'dark',
      }),
    ).toMatchSnapshot();
  });
});

describe('default two-parameter heatmap', () => {
  it.runIf(HAS_WANDB)(
    'skips a hyperparameter in lockstep with the first (W&B: bits and compression ratio)',
    async () => {
      const { columns, summary } = await wandbQuant();
      const options = defaultParamHeatmap(figureContext(columns, summary));
      // Importance order: act_bits, compression_ratio_activations (= 32 / act_bits), then the
      // weight compression ratio (= 32 / weight_bits).
      expect(options).toMatchObject({ x: 'act_bits', y: 'compression_ratio_weights' });
    },
  );
});

describe('robust colour range', () => {
  it('leaves a far-off cell (a diverged run) out of the colour range', () => {
    const z = [
      [1.005, 0.98, 0.963, null],
      [1.011, 0.987, null, 188.4],
      [1.02, 0.99, 0.97, 1.0],
    ];
    expect(robustRange(z)).toEqual({ lo: 0.963, hi: 1.02, outliers: 1 });
  });

  it('keeps ordinary spreads whole, chance corners included', () => {
    // W&B quantisation accuracies: a 10% corner among 40–96% is a finding, not an outlier.
    expect(
      robustRange([
        [10.3, 43, 63, 86],
        [88, 91, 94, 96],
        [90, 92, 95, 96],
      ]),
    ).toBeNull();
    expect(
      robustRange([
        [1, 2],
        [3, null],
      ]),
    ).toBeNull();
  });
});
