/** The hyperparameters control of parallel-coordinates and slice figures (figure-draft.ts). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAM_COUNT, defaultParams, type FigureRequest } from '../../../src/lib/model';
import { figureContext } from '../../../src/lib/report';
import { chooseParams } from '../../../src/lib/report/figures/default-params';
import { MAX_AXES } from '../../../src/lib/report/figures/parallel';
import { MAX_SLICES } from '../../../src/lib/report/figures/slice';
import {
  choosesParams,
  importanceOrder,
  paramsView,
  toDraft,
  toggleParam,
  toRequest,
} from '../../../src/ui/notebook/figure-draft';
import { analyzeTable, tableFromColumns, type Cell } from '../analysis/table-helper';

const P = Array.from({ length: 12 }, (_, i) => `p${i + 1}`);

describe('chosen hyperparameters in the figure draft', () => {
  it('round-trips them and hands out a copy, never the draft array', () => {
    const requests: FigureRequest[] = [
      { kind: 'parallel', color: 'metric', params: ['p2', 'p5'] },
      { kind: 'slice', metric: 'loss', params: ['p1'] },
    ];
    for (const r of requests) expect(toRequest(toDraft(r))).toEqual(r);
    const draft = toDraft(requests[0]);
    const out = toRequest(draft);
    expect(out.kind === 'parallel' && out.params).not.toBe(draft.params);
    // None chosen means the default: no `params` key reaches the saved JSON.
    expect(JSON.stringify(toRequest({ ...draft, params: [] }))).toBe(
      '{"kind":"parallel","color":"metric"}',
    );
    // Switching kinds keeps the choice where it applies and drops it elsewhere.
    expect(toRequest({ ...draft, kind: 'slice' })).toEqual({ kind: 'slice', params: ['p2', 'p5'] });
    expect(toRequest({ ...draft, kind: 'distribution' })).toEqual({ kind: 'distribution' });
    expect(choosesParams('parallel') && choosesParams('slice')).toBe(true);
    expect(choosesParams('param-heatmap') || choosesParams('pareto')).toBe(false);
  });

  it('ticks the default ones until the user chooses, and says which', () => {
    const draft = toDraft({ kind: 'parallel', color: 'metric' });
    const ranked = ['p12', 'p3', 'p11', 'p1', 'p7', 'p9', 'p2', 'p4', 'p5'];
    const view = paramsView(draft, P, ranked);
    expect(view.isDefault).toBe(true);
    expect(view.summary).toBe('8 most important');
    expect([...view.checked]).toEqual(['p1', 'p2', 'p3', 'p4', 'p7', 'p9', 'p11', 'p12']);
    expect(paramsView({ ...draft, kind: 'slice' }, P, []).summary).toBe('9 first');
    expect(paramsView(draft, P.slice(0, 5), ranked).summary).toBe('all 5');

    const chosen = paramsView({ ...draft, params: ['p2', 'gone', 'p6'] }, P, ranked);
    expect(chosen).toMatchObject({ isDefault: false, summary: '2 chosen' });
    const lost = paramsView({ ...draft, params: ['gone'] }, P, ranked);
    // The figure falls back to the default (chooseParams): the boxes say so.
    expect(lost).toMatchObject({ isDefault: false, summary: 'chosen not found; 8 most important' });
    expect(lost.checked).toEqual(view.checked);
  });

  it('toggles one box into a list in column order that is never empty', () => {
    const base = paramsView(toDraft({ kind: 'slice', params: ['p9', 'p2'] }), P, []);
    expect(toggleParam(base, P, 'p5', true)).toEqual(['p2', 'p5', 'p9']);
    expect(toggleParam(base, P, 'p9', false)).toEqual(['p2']);
    const one = paramsView(toDraft({ kind: 'slice', params: ['p4'] }), P, []);
    expect(toggleParam(one, P, 'p4', false)).toEqual(['p4']);
    // From the default, ticking two more keeps the default ones.
    const auto = paramsView(toDraft({ kind: 'parallel', color: 'metric' }), P, []);
    expect(toggleParam(auto, P, 'p10', true)).toEqual(P.slice(0, 8).concat('p10'));
  });
});

describe('the default hyperparameters the Options panel shows', () => {
  it('are the ones the figure builder draws', () => {
    expect(DEFAULT_PARAM_COUNT).toEqual({ parallel: MAX_AXES, slice: MAX_SLICES });
    // 12 hyperparameters; val_loss is driven by p4 and p11, so those two rank first.
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const columns: Record<string, Cell[]> = { trial_id: [], val_loss: [] };
    for (const p of P) columns[p] = [];
    for (let i = 0; i < 120; i++) {
      columns.trial_id.push(i + 1);
      for (const p of P) columns[p].push(Math.round(rnd() * 1000) / 1000);
      const [a, b] = [columns.p4[i] as number, columns.p11[i] as number];
      columns.val_loss.push(0.2 + 2 * a + 1.5 * b * b + rnd() * 0.01);
    }
    const table = tableFromColumns(columns);
    const summary = analyzeTable(table);
    const ctx = figureContext(table.columns, summary);
    const ranked = importanceOrder(summary);
    expect(ranked.slice(0, 2).sort()).toEqual(['p11', 'p4']);
    for (const max of [MAX_AXES, MAX_SLICES, 3, 20])
      expect(defaultParams(ctx.params, ranked, max)).toEqual(
        chooseParams(ctx, undefined, max).params,
      );
    // Before importance is known both take the first columns.
    expect(defaultParams(P, [], 3)).toEqual(['p1', 'p2', 'p3']);
  });
});
