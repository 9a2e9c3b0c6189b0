import { describe, expect, it } from 'vitest';
import type { CellSpec } from '../../../src/lib/model';
import { NOTEBOOK_SCHEMA_VERSION } from '../../../src/lib/model';
import {
  createCell,
  defaultNotebook,
  duplicateCell,
  insertCell,
  moveCell,
  newCellId,
  removeCell,
  updateCell,
} from '../../../src/lib/state/notebook-ops';

/** A deterministic generator (a linear congruential sequence in [0, 1)). */
function seeded(seed = 1): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const kinds = (cells: readonly CellSpec[]) => cells.map((c) => c.kind);
const ids = (cells: readonly CellSpec[]) => cells.map((c) => c.id);

function sample(): CellSpec[] {
  const random = seeded(7);
  const cells: CellSpec[] = [];
  for (const kind of ['overview', 'findings', 'data'] as const)
    cells.push(createCell(cells, { kind }, random));
  return cells;
}

describe('defaultNotebook', () => {
  it('has the curve cells only when the analysis has curves', () => {
    const withCurves = defaultNotebook({ title: 'logs', hasCurves: true, random: seeded() });
    expect(kinds(withCurves.cells)).toEqual([
      'sources',
      'overview',
      'findings',
      'curves',
      'leaderboard',
      'associations',
      'figure',
      'figure',
      'data',
      'settings',
      'report',
    ]);
    const sweep = defaultNotebook({ title: 'sweep.csv', hasCurves: false, random: seeded() });
    expect(kinds(sweep.cells)).not.toContain('curves');
    expect(kinds(sweep.cells)).not.toContain('leaderboard');
    expect(sweep.cells).toHaveLength(9);
  });

  it('shows the issue heatmap and the default two-parameter heatmap, settings collapsed', () => {
    const doc = defaultNotebook({ title: 't', hasCurves: false, now: 42, id: 'nb-1' });
    const figures = doc.cells.flatMap((c) => (c.kind === 'figure' ? [c.request] : []));
    expect(figures).toEqual([
      { kind: 'issue-heatmap' },
      { kind: 'param-heatmap', aggregate: 'mean' },
    ]);
    expect(doc.cells.filter((c) => c.collapsed).map((c) => c.kind)).toEqual(['settings']);
    expect(doc).toMatchObject({
      schemaVersion: NOTEBOOK_SCHEMA_VERSION,
      id: 'nb-1',
      title: 't',
      createdAt: 42,
      updatedAt: 42,
      source: null,
      roleOverrides: {},
      settings: {},
      selectedRunIds: [],
    });
    expect(new Set(ids(doc.cells)).size).toBe(doc.cells.length);
  });

  it('is plain JSON', () => {
    const doc = defaultNotebook({ title: 't', hasCurves: true });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('cell ids', () => {
  it('are prefixed by the kind and never collide, even with a generator that repeats', () => {
    let calls = 0;
    // Returns the same sequence twice before moving on: the second id must differ.
    const repeating = () => [0.1, 0.2, 0.3, 0.4, 0.5][calls++ % 5] + (calls > 10 ? 0.01 : 0);
    const first = createCell([], { kind: 'note' }, repeating);
    expect(first.id).toMatch(/^note-[0-9a-z]{5}$/);
    calls = 0;
    const second = newCellId([first], 'note', repeating);
    expect(second).not.toBe(first.id);
  });
});

describe('operations', () => {
  it('inserts at an index, clamped, or at the end', () => {
    const cells = sample();
    const note = createCell(cells, { kind: 'note', markdown: 'hi' });
    expect(kinds(insertCell(cells, note, 1))).toEqual(['overview', 'note', 'findings', 'data']);
    expect(kinds(insertCell(cells, note))).toEqual(['overview', 'findings', 'data', 'note']);
    expect(kinds(insertCell(cells, note, 99))).toEqual(['overview', 'findings', 'data', 'note']);
    expect(kinds(insertCell(cells, note, -3))).toEqual(['note', 'overview', 'findings', 'data']);
    expect(kinds(cells)).toEqual(['overview', 'findings', 'data']); // input untouched
  });

  it('moves a cell to an index, and returns the same array when nothing moves', () => {
    const cells = sample();
    const [a, b, c] = ids(cells);
    expect(ids(moveCell(cells, a, 2))).toEqual([b, c, a]);
    expect(ids(moveCell(cells, c, 0))).toEqual([c, a, b]);
    expect(ids(moveCell(cells, b, 5))).toEqual([a, c, b]);
    expect(moveCell(cells, a, 0)).toBe(cells);
    expect(moveCell(cells, a, -1)).toBe(cells);
    expect(moveCell(cells, 'nope', 1)).toBe(cells);
  });

  it('duplicates right after the original with a new id and a deep copy of the options', () => {
    const cells = [
      ...sample(),
      createCell(sample(), { kind: 'figure', request: { kind: 'slice', metric: 'loss' } }),
    ];
    const fig = cells[3];
    const done = duplicateCell(cells, fig.id);
    expect(done).not.toBeNull();
    expect(kinds(done!.cells)).toEqual(['overview', 'findings', 'data', 'figure', 'figure']);
    expect(done!.copy.id).not.toBe(fig.id);
    expect(done!.cells[4]).toEqual({ ...fig, id: done!.copy.id });
    if (done!.copy.kind === 'figure' && fig.kind === 'figure')
      expect(done!.copy.request).not.toBe(fig.request);
    expect(duplicateCell(cells, 'nope')).toBeNull();
  });

  it('removes a cell, and returns the same array for an unknown id', () => {
    const cells = sample();
    expect(kinds(removeCell(cells, cells[1].id))).toEqual(['overview', 'data']);
    expect(removeCell(cells, 'nope')).toBe(cells);
  });

  it('patches options but never the id or the kind', () => {
    const cells = [createCell([], { kind: 'note', markdown: 'a' })];
    const next = updateCell(cells, cells[0].id, { markdown: 'b', id: 'x', kind: 'data' });
    expect(next[0]).toEqual({ ...cells[0], markdown: 'b' });
    expect(cells[0]).toMatchObject({ markdown: 'a' });
    expect(updateCell(cells, 'nope', { collapsed: true })).toBe(cells);
  });
});
