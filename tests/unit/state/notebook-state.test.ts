import { describe, expect, it } from 'vitest';
import type { NotebookDocument } from '../../../src/lib/model';
import {
  NotebookState,
  UNDO_LIMIT,
  type NotebookChangeReason,
} from '../../../src/lib/state/notebook.svelte';
import { defaultNotebook } from '../../../src/lib/state/notebook-ops';

const kinds = (nb: NotebookState) => nb.cells.map((c) => c.kind);

function fresh(hasCurves = false) {
  const nb = new NotebookState();
  const load = {};
  nb.adopt(load, { title: 'sweep.csv', hasCurves });
  return { nb, load };
}

describe('NotebookState', () => {
  it('adopts a load with the default notebook, and keeps it when the same load is seen again', () => {
    const { nb, load } = fresh();
    expect(nb.doc.title).toBe('sweep.csv');
    nb.add({ kind: 'note' });
    nb.adopt(load, { title: 'sweep.csv', hasCurves: false });
    expect(kinds(nb)).toContain('note');
    nb.adopt({}, { title: 'other.csv', hasCurves: true });
    expect(kinds(nb)).not.toContain('note');
    expect(kinds(nb)).toContain('curves');
    expect(nb.undoLabel).toBeNull();
  });

  it('keeps a replaced (saved) notebook for the next load, whichever came first', () => {
    const saved: NotebookDocument = {
      ...defaultNotebook({ title: 'saved', hasCurves: false }),
      cells: [{ id: 'note-1', kind: 'note', collapsed: true, markdown: '# mine' }],
    };
    // Saved notebook first, then its data loads.
    const nb = new NotebookState();
    nb.replace(saved);
    nb.adopt({}, { title: 'data.csv', hasCurves: false });
    expect(nb.doc).toMatchObject({ title: 'saved', cells: saved.cells });
    // The data loaded first (a default was made), then the saved notebook replaced it.
    const { nb: other, load } = fresh();
    other.replace(saved);
    other.adopt(load, { title: 'sweep.csv', hasCurves: false });
    expect(other.doc.title).toBe('saved');
    // A later, different load is a new notebook again.
    other.adopt({}, { title: 'next.csv', hasCurves: false });
    expect(other.doc.title).toBe('next.csv');
  });

  it('rebuilds the default when the analysis changes it, but never after an edit', () => {
    const { nb, load } = fresh(false);
    nb.setMeta({ source: { kind: 'example', name: 'planted' } });
    const id = nb.doc.id;
    nb.refreshDefault(load, { title: 'sweep.csv', hasCurves: true });
    expect(kinds(nb)).toContain('curves');
    expect(nb.doc).toMatchObject({ id, source: { kind: 'example', name: 'planted' } });
    nb.refreshDefault({}, { title: 'other', hasCurves: false }); // not this notebook's load
    expect(kinds(nb)).toContain('curves');
    nb.moveDown(nb.cells[0].id);
    nb.refreshDefault(load, { title: 'sweep.csv', hasCurves: false });
    expect(kinds(nb)).toContain('curves');
  });

  it('adds, moves, duplicates and removes; undo walks every step back', () => {
    const { nb } = fresh();
    const start = nb.cells.map((c) => c.id);
    const note = nb.add({ kind: 'note', markdown: 'hello' }, 1);
    expect(nb.cells[1]).toMatchObject({ id: note, kind: 'note', markdown: 'hello' });
    expect(nb.moveUp(note)).toBe(true);
    expect(nb.indexOf(note)).toBe(0);
    expect(nb.moveUp(note)).toBe(false); // already first
    expect(nb.moveDown(nb.cells.at(-1)!.id)).toBe(false); // already last
    nb.move(note, 3);
    expect(nb.indexOf(note)).toBe(3);
    const copy = nb.duplicate(note)!;
    expect(nb.indexOf(copy)).toBe(4);
    expect(nb.remove(note)).toBe(true);
    expect(nb.undoLabel).toBe('Delete Note');

    expect(nb.undo()).toBe('Delete Note');
    expect(nb.indexOf(note)).toBe(3); // back at its place
    expect(nb.undo()).toBe('Duplicate Note');
    expect(nb.undo()).toBe('Move Note');
    expect(nb.undo()).toBe('Move Note');
    expect(nb.undo()).toBe('Add Note');
    expect(nb.cells.map((c) => c.id)).toEqual(start);
    expect(nb.undo()).toBeNull();
    expect(nb.undoLabel).toBeNull();
  });

  it('keeps at least the last 20 operations undoable (up to UNDO_LIMIT)', () => {
    const { nb } = fresh();
    const before = nb.cells.map((c) => c.id);
    for (let i = 0; i < UNDO_LIMIT + 5; i++) nb.move(nb.cells[0].id, 2);
    let undone = 0;
    while (nb.undo()) undone++;
    expect(undone).toBe(UNDO_LIMIT);
    expect(UNDO_LIMIT).toBeGreaterThanOrEqual(20);
    // 55 rotations of 3 cells undone 50 times: 5 rotations remain.
    expect(nb.cells.map((c) => c.id)).not.toEqual(before);
  });

  it('typing in one note undoes as one step; collapsing is saved but not an undo step', () => {
    const { nb } = fresh();
    const id = nb.add({ kind: 'note' });
    for (const text of ['a', 'ab', 'abc'])
      nb.updateSpec(id, { markdown: text }, { coalesce: 'n1' });
    nb.toggleCollapsed(id);
    expect(nb.cells.find((c) => c.id === id)).toMatchObject({ markdown: 'abc', collapsed: true });
    expect(nb.undo()).toBe('Edit Note');
    expect(nb.cells.find((c) => c.id === id)).toMatchObject({ markdown: '' });
    expect(nb.undo()).toBe('Add Note');
    expect(nb.indexOf(id)).toBe(-1);
  });

  it('signals every change with its reason, and the version counts them', () => {
    const nb = new NotebookState();
    const seen: NotebookChangeReason[] = [];
    const off = nb.onChange((doc, reason) => {
      expect(doc).toBe(nb.doc);
      seen.push(reason);
    });
    const v0 = nb.version;
    nb.adopt({}, { title: 'a', hasCurves: false });
    const id = nb.add({ kind: 'overview' });
    nb.toggleCollapsed(id);
    nb.setMeta({ title: 'renamed' });
    nb.replace(defaultNotebook({ title: 'saved', hasCurves: false }));
    off();
    nb.remove(nb.cells[0].id);
    expect(seen).toEqual(['default', 'edit', 'edit', 'meta', 'replace']);
    expect(nb.version - v0).toBe(6);
    expect(nb.doc.title).toBe('saved');
  });

  it('updates a figure request in its spec', () => {
    const { nb } = fresh();
    const fig = nb.cells.find((c) => c.kind === 'figure')!;
    nb.updateSpec(fig.id, { request: { kind: 'slice', metric: 'val_loss' } });
    expect(nb.cells.find((c) => c.id === fig.id)).toMatchObject({
      request: { kind: 'slice', metric: 'val_loss' },
    });
    nb.undo();
    expect(nb.cells.find((c) => c.id === fig.id)).toMatchObject({
      request: { kind: 'issue-heatmap' },
    });
  });
});
