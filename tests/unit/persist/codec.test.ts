import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  exportNotebookFile,
  importNotebookFile,
  type ImportResult,
} from '../../../src/lib/persist';
import { encodeBase64, Base64Decoder } from '../../../src/lib/persist/base64';
import type { NotebookDocument } from '../../../src/lib/model';
import { fuzzRuns } from '../hardening/harness';
import { blobBytes, bytesOf, firstDifference, sampleDoc } from './helpers';

const gzip = (text: string | Uint8Array<ArrayBuffer>) =>
  new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).blob();

function docWithFiles(sizes: number[]): { doc: NotebookDocument; bytes: Map<string, Uint8Array> } {
  const bytes = new Map<string, Uint8Array>();
  const files = sizes.map((size, i) => {
    const blobId = `blob-${i}`;
    bytes.set(blobId, bytesOf(size, i * 7));
    return { path: `sweep/file ${i} "quoted" ü.csv`, size, lastModified: i, blobId };
  });
  return { doc: sampleDoc('n1', { source: { kind: 'files', label: 'sweep', files } }), bytes };
}

const reader = (bytes: Map<string, Uint8Array>) => async (id: string) =>
  new Blob([bytes.get(id) as Uint8Array<ArrayBuffer>]);

function imported(r: ImportResult) {
  if ('error' in r) throw new Error(r.error);
  return r;
}

async function expectRoundTrip(doc: NotebookDocument, bytes: Map<string, Uint8Array>) {
  const file = await exportNotebookFile(doc, reader(bytes));
  const r = imported(await importNotebookFile(file));
  expect(r.repairs).toEqual([]);
  expect(r.document.id).not.toBe(doc.id);
  const refs = doc.source?.kind === 'files' ? doc.source.files : [];
  const newRefs = r.document.source?.kind === 'files' ? r.document.source.files : [];
  // Same document apart from the fresh ids.
  expect({ ...r.document, id: doc.id, source: doc.source }).toEqual(doc);
  expect(newRefs.map((f) => ({ ...f, blobId: '' }))).toEqual(
    refs.map((f) => ({ ...f, blobId: '' })),
  );
  for (const [i, ref] of newRefs.entries()) {
    const f = r.files.find((x) => x.blobId === ref.blobId);
    expect(f?.path).toBe(ref.path);
    expect(firstDifference(await blobBytes(f!.bytes), bytes.get(refs[i].blobId))).toBe(-1);
  }
  return { file, r };
}

describe('notebook file codec', () => {
  it('round-trips the document and binary bytes, including a multi-MB file and an empty one', async () => {
    const { doc, bytes } = docWithFiles([256, 7 * 1024 * 1024 + 1, 0, 2]);
    const { file } = await expectRoundTrip(doc, bytes);
    expect(file.type).toBe('application/gzip');
    expect([...(await blobBytes(file.slice(0, 2)))]).toEqual([0x1f, 0x8b]);
  });

  it('gives new ids on every import, so importing twice yields two notebooks', async () => {
    const { doc, bytes } = docWithFiles([10]);
    const file = await exportNotebookFile(doc, reader(bytes));
    const a = imported(await importNotebookFile(file));
    const b = imported(await importNotebookFile(file));
    expect(a.document.id).not.toBe(b.document.id);
    expect(a.files[0].blobId).not.toBe(b.files[0].blobId);
  });

  it('exports a notebook without files (example source)', async () => {
    const doc = sampleDoc('e', { source: { kind: 'example', name: 'mnist' } });
    const r = imported(await importNotebookFile(await exportNotebookFile(doc, reader(new Map()))));
    expect(r.files).toEqual([]);
    expect({ ...r.document, id: 'e' }).toEqual(doc);
  });

  it('rejects what it cannot read with a clear error', async () => {
    const { doc, bytes } = docWithFiles([5000]);
    const good = await exportNotebookFile(doc, reader(bytes));
    const error = async (blob: Blob) => {
      const r = await importNotebookFile(blob);
      return 'error' in r ? r.error : 'imported';
    };
    expect(await error(new Blob([JSON.stringify({ format: 'hpi-notebook' })]))).toMatch(
      /not gzip-compressed/,
    );
    expect(await error(new Blob([]))).toMatch(/not gzip-compressed/);
    expect(await error(await gzip('{"format":"other","version":1,"files":[]}'))).toBe(
      'This is not a Hyperparameter Pathology Inspector notebook file.',
    );
    expect(await error(await gzip('[1,2]'))).toMatch(/not a notebook file/);
    expect(await error(await gzip('{"format":"hpi-notebook","version":2,"files":[]}'))).toMatch(
      /newer version of the app \(file version 2\)/,
    );
    expect(await error(good.slice(0, Math.floor(good.size / 2)))).toMatch(/truncated|cut short/);
    const docJson = JSON.stringify(doc);
    const sized = (size: number, base64: string) =>
      gzip(
        `{"format":"hpi-notebook","version":1,"document":${docJson},` +
          `"files":[{"blobId":"blob-0","path":"a.csv","size":${size},"base64":"${base64}"}]}`,
      );
    expect(await error(await sized(10, 'AAEC'))).toBe(
      'The notebook file is damaged: "a.csv" should have 10 bytes but has 3.',
    );
    expect(await error(await sized(3, 'AA*C'))).toMatch(/damaged: Error: invalid base64 character/);
    expect(await error(await sized(3, 'AAE'))).toMatch(/cut short/);
    const newerDoc = `{"format":"hpi-notebook","version":1,"document":{"schemaVersion":9},"files":[]}`;
    expect(await error(await gzip(newerDoc))).toMatch(/saved by a newer version of the app/);
  });

  it('repairs a document whose file data is missing', async () => {
    const { doc } = docWithFiles([4]);
    const text = `{"format":"hpi-notebook","version":1,"document":${JSON.stringify(doc)},"files":[]}`;
    const r = imported(await importNotebookFile(await gzip(text)));
    expect(r.repairs).toEqual([
      `"${'sweep/file 0 "quoted" ü.csv'}": its data is not in the notebook file; drop the file again to see it`,
    ]);
    const ref = r.document.source?.kind === 'files' ? r.document.source.files[0] : null;
    expect(ref?.blobId).not.toBe('blob-0');
  });

  it('round-trips arbitrary documents and bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.array(fc.string(), { maxLength: 4 }),
        fc.array(fc.uint8Array({ maxLength: 5000 }), { maxLength: 3 }),
        async (title, notes, contents) => {
          const bytes = new Map<string, Uint8Array>();
          const files = contents.map((c, i) => {
            bytes.set(`b${i}`, c);
            return { path: `f${i}`, size: c.length, lastModified: 0, blobId: `b${i}` };
          });
          const doc = sampleDoc('p', {
            title,
            cells: notes.map((markdown, i) => ({
              kind: 'note',
              id: `n${i}`,
              collapsed: false,
              markdown,
            })),
            source: { kind: 'files', label: 'x', files },
          });
          await expectRoundTrip(doc, bytes);
        },
      ),
      { numRuns: fuzzRuns(25) },
    );
  });
});

describe('base64', () => {
  it('matches Node Buffer and decodes in arbitrary pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(400)), (bytes, cuts) => {
        const ascii = encodeBase64(bytes);
        expect(new TextDecoder().decode(ascii)).toBe(Buffer.from(bytes).toString('base64'));
        const decoder = new Base64Decoder();
        const points = [
          0,
          ...cuts.map((c) => c % (ascii.length + 1)).sort((a, b) => a - b),
          ascii.length,
        ];
        const out: number[] = [];
        for (let i = 1; i < points.length; i++)
          out.push(...decoder.push(ascii.subarray(points[i - 1], points[i])));
        decoder.end();
        expect(new Uint8Array(out)).toEqual(bytes);
      }),
      { numRuns: fuzzRuns(100) },
    );
  });
});
