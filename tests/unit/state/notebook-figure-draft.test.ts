import { describe, expect, it } from 'vitest';
import type { FigureRequest } from '../../../src/lib/model';
import { pickersOf, toDraft, toRequest } from '../../../src/ui/notebook/figure-draft';

describe('figure pickers draft', () => {
  it('round-trips every kind of request', () => {
    const requests: FigureRequest[] = [
      { kind: 'issue-heatmap' },
      { kind: 'param-heatmap', x: 'lr', y: 'bs', metric: 'loss', aggregate: 'median' },
      { kind: 'param-heatmap', aggregate: 'mean' },
      { kind: 'correlation' },
      { kind: 'parallel', metric: 'acc', color: 'issue' },
      { kind: 'slice', metric: 'loss' },
      { kind: 'importance' },
      { kind: 'pareto', x: 'runtime', y: 'loss' },
      { kind: 'distribution' },
    ];
    for (const r of requests) expect(toRequest(toDraft(r))).toEqual(r);
  });

  it('keeps the choices that still apply when the kind changes, and drops the others', () => {
    const draft = toDraft({
      kind: 'param-heatmap',
      x: 'lr',
      y: 'bs',
      metric: 'loss',
      aggregate: 'best',
    });
    expect(toRequest({ ...draft, kind: 'slice' })).toEqual({ kind: 'slice', metric: 'loss' });
    // The Pareto front's y axis is the metric picker.
    expect(toRequest({ ...draft, kind: 'pareto', x: 'epochs' })).toEqual({
      kind: 'pareto',
      x: 'epochs',
      y: 'loss',
    });
    expect(toRequest({ ...draft, kind: 'importance' })).toEqual({ kind: 'importance' });
  });

  it('shows the pickers each kind has', () => {
    expect(pickersOf('param-heatmap')).toEqual({ xy: true, x: false, metric: true });
    expect(pickersOf('pareto')).toEqual({ xy: false, x: true, metric: true });
    expect(pickersOf('correlation')).toEqual({ xy: false, x: false, metric: false });
  });
});
