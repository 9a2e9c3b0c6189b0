import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { restore, type DocMigrations } from '../../../src/lib/persist';
import type { NotebookDocument } from '../../../src/lib/model';
import { fuzzRuns } from '../hardening/harness';
import { sampleDoc } from './helpers';

function restored(value: unknown, migrations?: DocMigrations) {
  const r = restore(value, { migrations, now: () => 42 });
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('restore', () => {
  it('returns a valid document unchanged, with no repairs', () => {
    const doc = sampleDoc('n1');
    expect(restored(structuredClone(doc))).toEqual({ document: doc, repairs: [] });
  });

  it('repairs cells: unknown kinds, ids, collapsed, note text, figure requests, extra fields', () => {
    const doc = {
      ...sampleDoc('n1'),
      cells: [
        { kind: 'overview', id: 'a', collapsed: false, stray: 'x' },
        { kind: 'hologram', id: 'b', collapsed: false },
        'not a cell',
        { kind: 'findings', collapsed: true },
        { kind: 'data', id: 'a', collapsed: 'yes' },
        { kind: 'note', id: 'n', collapsed: false, markdown: 42 },
        { kind: 'note', id: 'm', collapsed: false },
        {
          kind: 'figure',
          id: 'f',
          collapsed: false,
          request: { kind: 'param-heatmap', aggregate: 'sum' },
        },
        { kind: 'figure', id: 'g', collapsed: false, request: { kind: 'slice', metric: 3 } },
        { kind: 'curves', id: 'c', collapsed: false, runIds: ['r1', 5, 'r2'], metric: 9 },
      ],
    };
    const { document, repairs } = restored(doc);
    expect(document.cells.map((c) => c.kind)).toEqual([
      'overview',
      'findings',
      'data',
      'note',
      'note',
      'curves',
    ]);
    expect(document.cells[0]).toEqual({ kind: 'overview', id: 'a', collapsed: false });
    const ids = document.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[1]).toMatch(/^c-/);
    expect(ids[2]).not.toBe('a');
    expect(document.cells[2].collapsed).toBe(false);
    expect(document.cells[3]).toMatchObject({ markdown: '42' });
    expect(document.cells[4]).toMatchObject({ markdown: '' });
    expect(document.cells[5]).toEqual({
      kind: 'curves',
      id: 'c',
      collapsed: false,
      runIds: ['r1', 'r2'],
    });
    expect(repairs).toEqual([
      'cell 2: dropped a cell of "hologram" kind',
      'cell 3: dropped a cell of unknown kind',
      'cell 4: missing id, a new one was made',
      'cell 5: duplicate id "a", a new one was made',
      expect.stringMatching(/^cell c-.*: "collapsed" was not yes\/no, set to no$/),
      'cell n: note text was not text, converted',
      'cell m: note text was not text, converted',
      'cell f: dropped a figure cell with an invalid figure request',
      'cell g: dropped a figure cell with an invalid figure request',
      'cell c metric: dropped a value that is not text',
      'cell c runIds: dropped entries that are not text',
    ]);
  });

  it('keeps the chosen hyperparameters of parallel and slice figures, and repairs bad ones', () => {
    const figure = (id: string, request: unknown) => ({
      kind: 'figure',
      id,
      collapsed: false,
      request,
    });
    const doc = {
      ...sampleDoc('n1'),
      cells: [
        figure('p', { kind: 'parallel', color: 'issue', params: ['lr', 'wd', 'bs'] }),
        figure('s', { kind: 'slice', metric: 'loss', params: ['wd', 'lr'] }),
        figure('q', { kind: 'parallel', color: 'metric', params: 'lr' }),
        figure('t', { kind: 'slice', params: ['lr', 7, null, 'lr', 'wd'] }),
        figure('u', { kind: 'slice', params: [] }),
        figure('v', { kind: 'slice', params: [1, 2] }),
        // Invalid before its params are looked at: dropped whole, with one note.
        figure('w', { kind: 'parallel', color: 'red', params: 'x' }),
      ],
    };
    const { document, repairs } = restored(doc);
    expect(document.cells.map((c) => (c.kind === 'figure' ? c.request : null))).toEqual([
      { kind: 'parallel', color: 'issue', params: ['lr', 'wd', 'bs'] },
      { kind: 'slice', metric: 'loss', params: ['wd', 'lr'] },
      { kind: 'parallel', color: 'metric' },
      { kind: 'slice', params: ['lr', 'wd'] },
      { kind: 'slice' },
      { kind: 'slice' },
    ]);
    // No `params: undefined` key is left behind: the stored copy equals its JSON.
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    expect(repairs).toEqual([
      'cell q params: not a list, dropped (the most important are drawn)',
      'cell t params: dropped entries that are not text',
      'cell t params: dropped repeated names',
      'cell u params: empty, dropped (the most important are drawn)',
      'cell v params: dropped entries that are not text',
      'cell v params: empty, dropped (the most important are drawn)',
      'cell w: dropped a figure cell with an invalid figure request',
    ]);
    expect(restored(structuredClone(document))).toEqual({ document, repairs: [] });
  });

  it('repairs the document fields and drops a __proto__ key without polluting anything', () => {
    const raw = JSON.parse(
      '{"schemaVersion":1,"cells":[],"source":{"kind":"files","files":[{"path":"a.csv","size":3,"blobId":"b"},{"path":1}]},' +
        '"roleOverrides":{"__proto__":{"kind":"param"},"lr":{"kind":"metric","split":"val"},"wd":{"kind":"budget","unit":"steps"}},' +
        '"settings":{"x":{"a":1,"b":"no","c":null},"y":3},"selectedRunIds":"r1"}',
    );
    const { document, repairs } = restored(raw);
    expect(document.id).toMatch(/^nb-/);
    expect(document).toMatchObject({ title: 'Untitled notebook', createdAt: 42, updatedAt: 42 });
    expect(document.source).toEqual({
      kind: 'files',
      label: 'a.csv',
      files: [{ path: 'a.csv', size: 3, lastModified: 0, blobId: 'b' }],
    });
    expect(document.roleOverrides).toEqual({ wd: { kind: 'budget', unit: 'steps' } });
    expect(Object.getPrototypeOf(document.roleOverrides)).toBe(Object.prototype);
    expect(document.settings).toEqual({ x: { a: 1, c: null } });
    expect(document.selectedRunIds).toEqual([]);
    expect(repairs).toContain('roleOverrides: dropped the key "__proto__"');
    expect(repairs).toContain('roleOverrides: dropped the invalid role of column "lr"');
  });

  it('refuses what is not a notebook and documents from a newer app', () => {
    expect(restore(null)).toEqual({ error: 'This is not a notebook (expected a JSON object).' });
    expect(restore([sampleDoc('a')])).toHaveProperty('error');
    const newer = restore({ ...sampleDoc('a'), schemaVersion: 2 });
    expect('error' in newer && newer.error).toContain('saved by a newer version of the app');
  });

  describe('document migrations', () => {
    /** A made-up version 0: `name` for the title, notes as plain strings. */
    const v0 = {
      schemaVersion: 0,
      id: 'old',
      name: 'Sweep A',
      notes: ['first', 'second'],
      createdAt: 5,
      updatedAt: 6,
    };
    const fakeSteps: DocMigrations = {
      0: (doc) => ({
        id: doc.id,
        title: doc.name,
        createdAt: doc.createdAt,
        updatedAt: doc.updatedAt,
        cells: (doc.notes as string[]).map((markdown, i) => ({
          kind: 'note',
          id: `n${i}`,
          collapsed: false,
          markdown,
        })),
        source: null,
      }),
    };

    it('upgrades an older shape step by step and says so', () => {
      const { document, repairs } = restored(v0, fakeSteps);
      expect(document).toEqual({
        schemaVersion: 1,
        id: 'old',
        title: 'Sweep A',
        createdAt: 5,
        updatedAt: 6,
        cells: [
          { kind: 'note', id: 'n0', collapsed: false, markdown: 'first' },
          { kind: 'note', id: 'n1', collapsed: false, markdown: 'second' },
        ],
        source: null,
        roleOverrides: {},
        settings: {},
        selectedRunIds: [],
      } satisfies NotebookDocument);
      expect(repairs).toEqual(['upgraded from format version 0 to 1']);
    });

    it('reports a missing or failing step', () => {
      expect(restore(v0, { migrations: {} })).toEqual({
        error: 'No way to upgrade a notebook from format version 0 to 1.',
      });
      const failing = restore(v0, {
        migrations: {
          0: () => {
            throw new Error('boom');
          },
        },
      });
      expect('error' in failing && failing.error).toContain('boom');
    });
  });
});

/** Documents that are almost right: each field either valid-looking or arbitrary JSON. */
const cellArb = fc.oneof(
  fc.record(
    {
      kind: fc.constantFrom(
        'overview',
        'note',
        'figure',
        'curves',
        'compare',
        'leaderboard',
        'bogus',
      ),
      id: fc.oneof(fc.constantFrom('a', 'b', ''), fc.jsonValue()),
      collapsed: fc.oneof(fc.boolean(), fc.jsonValue()),
      markdown: fc.jsonValue(),
      metric: fc.oneof(fc.string(), fc.jsonValue()),
      runIds: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
      request: fc.oneof(
        fc.record({
          kind: fc.constantFrom('param-heatmap', 'parallel', 'slice', 'pareto', 'importance', 'x'),
          aggregate: fc.constantFrom('mean', 'median', 'sum'),
          color: fc.constantFrom('metric', 'issue', 'red'),
          x: fc.oneof(fc.string(), fc.integer()),
          metric: fc.oneof(fc.string(), fc.constant(undefined)),
          params: fc.oneof(fc.array(fc.constantFrom('lr', 'wd', 'bs')), fc.jsonValue()),
        }),
        fc.jsonValue(),
      ),
    },
    { requiredKeys: ['kind'] },
  ),
  fc.jsonValue(),
);
const nearDoc = fc.record(
  {
    schemaVersion: fc.oneof(fc.constant(1), fc.jsonValue()),
    id: fc.oneof(fc.string(), fc.jsonValue()),
    title: fc.oneof(fc.string(), fc.jsonValue()),
    createdAt: fc.oneof(fc.integer(), fc.jsonValue()),
    updatedAt: fc.oneof(fc.integer(), fc.jsonValue()),
    cells: fc.oneof(fc.array(cellArb, { maxLength: 8 }), fc.jsonValue()),
    source: fc.oneof(
      fc.record({
        kind: fc.constantFrom('files', 'example', 'url'),
        label: fc.jsonValue(),
        name: fc.jsonValue(),
        url: fc.string(),
        files: fc.array(
          fc.record({
            path: fc.string(),
            size: fc.oneof(fc.nat(), fc.jsonValue()),
            blobId: fc.string(),
            lastModified: fc.jsonValue(),
          }),
        ),
      }),
      fc.jsonValue(),
    ),
    roleOverrides: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
    settings: fc.oneof(
      fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.jsonValue())),
      fc.jsonValue(),
    ),
    selectedRunIds: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

describe('restore properties', () => {
  const inputs = fc.oneof(fc.jsonValue(), nearDoc);

  it('never fails internally on arbitrary JSON: it returns a document or a reasoned error', () => {
    fc.assert(
      fc.property(inputs, (value) => {
        const r = restore(value);
        if ('error' in r) expect(r.error).not.toMatch(/^The notebook could not be read/);
        else expect(JSON.parse(JSON.stringify(r.document))).toEqual(r.document);
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('is idempotent: restoring a restored document changes nothing', () => {
    fc.assert(
      fc.property(inputs, (value) => {
        const r = restore(value);
        if ('error' in r) return;
        expect(restore(r.document)).toEqual({ document: r.document, repairs: [] });
      }),
      { numRuns: fuzzRuns(400) },
    );
  });
});
