import { describe, expect, it } from 'vitest';
import { correlationMatrix, figureContext, type HeatmapTrace } from '../../../../src/lib/report';
import { spearmanPairs } from '../../../../src/lib/report/figures/rank';
import { spearman } from '../../../../src/lib/analysis/stats/spearman';
import { planted, HAS_WANDB, wandbQuant } from './helpers';

describe('correlation matrix', () => {
  it('ranks like the analysis', () => {
    // Ties share their mean rank: perfectly monotone with ties is still ρ = 1.
    const tied = spearmanPairs([
      Float64Array.from([10, 20, 20, 30]),
      Float64Array.from([1, 2, 2, 3]),
    ]);
    expect(tied[0][1].rho).toBeCloseTo(1, 12);
    const x = Float64Array.from([1, 2, 3, 4, 5, NaN, 7, 8]);
    const y = Float64Array.from([2, 1, 4, 3, 7, 9, Infinity, 6]);
    const [[self, pair]] = spearmanPairs([x, y]);
    expect(self).toEqual({ rho: 1, n: 7 });
    expect(pair.n).toBe(6);
    const keep = [0, 1, 2, 3, 4, 7];
    const ref = spearman(
      keep.map((i) => x[i]),
      keep.map((i) => y[i]),
    );
    expect(pair.rho).toBeCloseTo(ref?.rho ?? NaN, 12);
  });

  it('is symmetric on a fixed −1…1 diverging scale, and agrees with summary.correlations', async () => {
    const { columns, summary } = await planted();
    const spec = correlationMatrix(figureContext(columns, summary), { theme: 'light' });
    const trace = spec.data[0] as HeatmapTrace;
    expect([trace.zmin, trace.zmax]).toEqual([-1, 1]);
    const names = spec.layout.xaxis?.ticktext ?? [];
    expect(names).toEqual([
      'lr',
      'batch_size',
      'weight_decay',
      'train_loss',
      'val_loss',
      'train_acc',
      'val_acc',
    ]);
    trace.z.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(trace.z[j][i])));
    const lr = summary.correlations.find((c) => c.param === 'lr');
    expect(trace.z[0][names.indexOf('val_loss')]).toBe(lr?.rho);
    expect(trace.z[0][0]).toBe(1);
  });

  it('has an empty state', async () => {
    const { columns, summary } = await planted();
    const spec = correlationMatrix(figureContext(columns, summary), {
      theme: 'light',
      columns: ['lr'],
    });
    expect(spec.empty).toBe('Needs at least two numeric hyperparameters or metrics that vary.');
  });

  it('matches its snapshots', async () => {
    const p = await planted();
    expect(
      correlationMatrix(figureContext(p.columns, p.summary), { theme: 'light' }),
    ).toMatchSnapshot();
  });

  // The real W&B export is read in place, so only when ../shared/data exists.
  it.runIf(HAS_WANDB)('matches its snapshots (W&B export)', async () => {
    const w = await wandbQuant();
    expect(
      correlationMatrix(figureContext(w.columns, w.summary), { theme: 'dark' }),
    ).toMatchSnapshot();
  });
});
