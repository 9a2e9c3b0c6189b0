/** Which runs a Compare cell compares: its own list, else the selection, at most four. */
import { describe, expect, it } from 'vitest';
import { comparedRuns } from '../../../src/lib/state/compare';

describe('comparedRuns', () => {
  it('takes the selection when the cell has no list of its own', () => {
    expect(comparedRuns(undefined, ['a', 'b'])).toEqual({
      runIds: ['a', 'b'],
      overflow: [],
      fromSelection: true,
    });
  });

  it('keeps the first four of a larger selection and says which were left out', () => {
    const r = comparedRuns(undefined, ['a', 'b', 'c', 'd', 'e', 'f', 'a']);
    expect(r.runIds).toEqual(['a', 'b', 'c', 'd']);
    expect(r.overflow).toEqual(['e', 'f']);
  });

  it("prefers the cell's own list, even while it holds a single ticked run", () => {
    expect(comparedRuns(['x', 'y'], ['a', 'b']).runIds).toEqual(['x', 'y']);
    expect(comparedRuns(['x'], ['a', 'b'])).toEqual({
      runIds: ['x'],
      overflow: [],
      fromSelection: false,
    });
  });
});
