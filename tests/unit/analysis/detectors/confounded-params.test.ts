import { describe, expect, it } from 'vitest';
import { confoundedParams } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps, rng } from './helpers';

type Columns = Parameters<typeof tableFromColumns>[0];
const run = (columns: Columns) => runDetector(confoundedParams, tableFromColumns(columns));

describe('confounded-params', () => {
  it('flags numeric settings that move together (|ρ| ≥ 0.9): lr scaled with the batch size', () => {
    const random = rng(3);
    const batch = Array.from({ length: 12 }, (_, i) => [16, 32, 64, 128][i % 4] * (1 + (i % 3)));
    const lr = batch.map((b) => 1e-4 * (b / 32) * (1 + 0.05 * random()));
    const findings = run({ batch_size: batch, lr, val_loss: batch.map(() => random()) });
    expect(findings.map((f) => f.id)).toEqual(['confounded-params:batch_size~lr']);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].evidence[1].label).toBe('Spearman ρ(batch_size, lr)');
  });

  it('does not call a replicated random search nested: one continuous value per config', () => {
    const random = rng(11);
    const lr: number[] = [];
    const dropout: number[] = [];
    const layers: number[] = [];
    for (let c = 0; c < 8; c++) {
      const [l, d, n] = [10 ** (-4 + 2 * random()), 0.5 * random(), [2, 4, 6][c % 3]];
      for (let s = 0; s < 4; s++) {
        lr.push(l);
        dropout.push(d);
        layers.push(n);
      }
    }
    expect(run({ lr, dropout, num_layers: layers, val_loss: lr.map(() => random()) })).toEqual([]);
    expect(run({ lr, num_layers: layers, val_loss: lr.map(() => random()) })).toEqual([]);
  });

  it('flags aliased categories and nested designs', () => {
    const optimizer = ['adam', 'sgd', 'adamw', 'adam', 'sgd', 'adamw', 'adam', 'sgd', 'adamw'];
    const schedule = optimizer.map((o) =>
      o === 'sgd' ? 'step' : o === 'adam' ? 'cosine' : 'linear',
    );
    const momentumOf = optimizer.map((o) => (o === 'sgd' ? 'yes' : 'no'));
    const loss = optimizer.map((_, i) => 0.1 * i);
    const aliased = run({ optimizer, schedule, val_loss: loss });
    expect(aliased.map((f) => f.title)).toEqual([
      expect.stringMatching(/optimizer and schedule are confounded .*aliased/),
    ]);
    const nested = run({ optimizer, uses_momentum: momentumOf, val_loss: loss });
    expect(nested[0].title).toMatch(/nested: optimizer determines uses_momentum/);
  });

  it('flags a learning rate whose range differs per optimizer', () => {
    const optimizer = ['adam', 'sgd', 'adam', 'sgd', 'adam', 'sgd', 'adam', 'sgd'];
    const lr = [1e-4, 1e-2, 3e-4, 5e-2, 5e-4, 2e-2, 2e-4, 1e-1];
    const [f] = run({ optimizer, lr, val_loss: lr.map((_, i) => i) });
    expect(f.title).toMatch(/lr ranges do not overlap between optimizer values/);
    expect(f.evidence.map((e) => e.value)).toContain('1e-4 – 5e-4 (4 trials)');
  });

  it('is quiet on independent settings, on conditional settings judged where both are set, and on few trials', () => {
    const random = rng(11);
    const n = 30;
    expect(
      run({
        lr: Array.from({ length: n }, () => random()),
        batch_size: Array.from({ length: n }, () => [16, 32, 64][Math.floor(random() * 3)]),
        val_loss: Array.from({ length: n }, () => random()),
      }),
    ).toEqual([]);
    expect(run({ a: [1, 2, 3, 4, 5], b: [1, 2, 3, 4, 5], val_loss: [1, 2, 3, 4, 5] })).toEqual([]);
    // degree only applies to poly: where both are set the kernel is constant.
    expect(
      run({
        kernel: ['poly', 'poly', 'poly', 'rbf', 'rbf', 'rbf', 'poly', 'poly', 'poly', 'rbf'],
        degree: [2, 3, 4, null, null, null, 2, 3, 4, null],
        val_loss: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      }),
    ).toEqual([]);
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(confoundedParams)).toEqual([]);
  });
});
