/** Shared fixtures for the persistence tests: a fresh fake IndexedDB per test and sample documents. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { NOTEBOOK_SCHEMA_VERSION, type NotebookDocument } from '../../../src/lib/model';
import {
  openRepository,
  type NotebookRepository,
  type RepositoryOptions,
} from '../../../src/lib/persist';

export const freshFactory = (): IDBFactory => new IDBFactory();

export function sampleDoc(id: string, overrides: Partial<NotebookDocument> = {}): NotebookDocument {
  return {
    schemaVersion: NOTEBOOK_SCHEMA_VERSION,
    id,
    title: `Notebook ${id}`,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_060_000,
    cells: [
      { kind: 'overview', id: 'c1', collapsed: false },
      { kind: 'note', id: 'c2', collapsed: true, markdown: '# Notes\nlr too high' },
      {
        kind: 'figure',
        id: 'c3',
        collapsed: false,
        request: { kind: 'param-heatmap', aggregate: 'mean', x: 'lr' },
      },
      { kind: 'curves', id: 'c4', collapsed: false, metric: 'loss', runIds: ['a', 'b'] },
    ],
    source: {
      kind: 'files',
      label: 'sweep',
      files: [
        { path: 'sweep/results.csv', size: 300, lastModified: 1, blobId: `${id}-b1` },
        { path: 'sweep/bin.dat', size: 256, lastModified: 2, blobId: `${id}-b2` },
      ],
    },
    roleOverrides: { lr: { kind: 'param' } },
    settings: { overfitting: { lossRatio: 1.5 } },
    selectedRunIds: ['a'],
    ...overrides,
  };
}

/** Deterministic bytes: 0–255 repeated, offset by `seed`. */
export function bytesOf(size: number, seed = 0): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i + seed) & 255;
  return out;
}

export function filesFor(doc: NotebookDocument) {
  if (doc.source?.kind !== 'files') return [];
  return doc.source.files.map((f, i) => ({
    blobId: f.blobId,
    bytes: new Blob([bytesOf(f.size, i)]),
  }));
}

export async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

export async function openRepo(
  factory: IDBFactory,
  options: RepositoryOptions = {},
): Promise<NotebookRepository> {
  const r = await openRepository({ factory, chunkSize: 100, ...options });
  if (!r.ok) throw new Error(`open failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export function unwrap<T>(
  r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** -1 when equal, else the first differing index (toEqual on multi-MB typed arrays is very slow). */
export function firstDifference(a: Uint8Array, b: Uint8Array | undefined): number {
  if (!b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
