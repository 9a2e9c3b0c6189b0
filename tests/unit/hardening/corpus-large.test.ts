/** Bad-input corpus, large inputs and chunk boundaries (custom ByteSource split points). */
import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import { nullDistributionsComputed } from '../../../src/lib/analysis/stats/spearman';
import { enc, largeBadInputs, type BadInput } from '../../../src/lib/fixtures/bad-inputs';
import { readCsv } from '../../../src/lib/ingest';
import { Growable } from '../../../src/lib/ingest/growable';
import type { Dataset } from '../../../src/lib/model';
import { expectWellFormed, noHooks, runInput, splitSource, textsOf } from './harness';

const CASES = new Map(largeBadInputs().map((c) => [c.id, c]));
const input = (id: string): BadInput => {
  const found = CASES.get(id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
};

async function dataset(c: BadInput): Promise<Dataset> {
  const result = await runInput(c);
  expectWellFormed(result, c.name);
  if (!result.dataset) throw new Error(`${c.id}: ${result.error?.message}`);
  return result.dataset;
}

/** The same bytes in one chunk: the reference a split read must equal. */
const whole = (c: BadInput) => dataset({ ...c, splits: [] });

const cells = (d: Dataset) => d.table.columns.map((_, i) => textsOf(d, i));

function wideCsv(columns: number): Uint8Array<ArrayBuffer> {
  const header = Array.from({ length: columns }, (_, i) => `c${i}`).join(',');
  const row = (r: number) => Array.from({ length: columns }, (_, i) => (i * r) % 97).join(',');
  return enc(`${header}\n${row(1)}\n${row(2)}\n${row(3)}\n`);
}

describe('bad-input corpus: large inputs and chunk boundaries', () => {
  it('has every case exercised below', () => {
    expect(CASES.size).toBe(6);
  });

  // Read once, shared by the tests below. Speed is measured by `npm run bench` / `npm run fuzz`,
  // not asserted here: these tests check the behaviour that kept it linear.
  let wideRead: Promise<Dataset> | null = null;
  const readWide = () => {
    const c = input('100k-columns');
    return (wideRead ??= readCsv(splitSource(c.bytes, c.name), noHooks));
  };

  it('100k columns: read, every column kept', async () => {
    const d = await readWide();
    expect(d.table.columns.length).toBe(100_000);
    expect(d.table.rowCount).toBe(2);
  }, 30_000);

  // Was BUG(wide-csv-allocation): every column started with 1024-slot buffers, ~920 MB for
  // 100k columns × 2 rows. Buffers now start at 16 slots and double.
  it('column buffers start small and grow geometrically', () => {
    const g = new Growable(Float64Array);
    expect(g.capacity).toBeLessThanOrEqual(16);
    const sizes = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      g.push(i);
      sizes.add(g.capacity);
    }
    expect(g.toArray()).toHaveLength(100_000);
    expect(g.get(99_999)).toBe(99_999);
    expect(g.capacity).toBeLessThan(2 * 100_000);
    // Doubling: about log2(100k / 16) reallocations, not one per chunk.
    expect(sizes.size).toBeLessThanOrEqual(14);
  });

  // Was BUG(quadratic-metric-columns): metricColumns() and other per-role lookups scanned
  // table.columns, so analysis read columns O(columns²) times (12k reads per column at 3k
  // columns; 100k columns took ~170 s). Counted through a proxy, not timed.
  it('3k columns: analyze reads each column a bounded number of times', async () => {
    // Plus a metric, so the per-metric lookups run too.
    const text = new TextDecoder().decode(wideCsv(2999));
    const csv = text.replace(/\n/g, (_, at: number) =>
      at === text.indexOf('\n') ? ',val_loss\n' : ',0.5\n',
    );
    const d = await readCsv(splitSource(enc(csv), 'wide.csv'), noHooks);
    let reads = 0;
    d.table.columns = new Proxy(d.table.columns, {
      get(target, key, receiver): unknown {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const summary = analyze(d, { overrides: {}, settings: DEFAULT_SETTINGS });
    expect(summary.roles).toHaveLength(3000);
    expect(summary.roles.at(-1)?.role.kind).toBe('metric');
    expect(reads / 3000).toBeLessThan(50);
  }, 30_000);

  it('100k columns: analyze completes with the inferred role of every column', async () => {
    const d = await readCsv(splitSource(wideCsv(100_000), 'wide.csv'), noHooks);
    const summary = analyze(d, { overrides: {}, settings: DEFAULT_SETTINGS });
    // Column i holds i·r mod 97 in row r: it varies (a hyperparameter) unless i is a multiple
    // of 97 (constant, ignored).
    const expected = d.table.columns.map((_, i) => (i % 97 === 0 ? 'ignore' : 'param'));
    expect(summary.roles.map((r) => r.role.kind)).toEqual(expected);
    expect(summary.roles.some((r) => r.overridden)).toBe(false);
  }, 30_000);

  // Was BUG(exact-spearman-cost): the exact p-value walked 10! pairings per parameter × metric
  // (10 trials × 20 parameters: ~1–2.5 s). The null distribution depends only on the ranks'
  // multisets, so without ties it is computed at most once per n.
  it('10 trials × 8 parameters, no ties: the exact null distribution is computed at most once', async () => {
    const params = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const rows = Array.from({ length: 10 }, (_, r) =>
      [r, ...params.map((_, i) => ((r * 7 + i * 3) % 11) / 10), ((r * 37) % 10) / 10].join(','),
    );
    const csv = `trial_id,${params.join(',')},val_loss\n${rows.join('\n')}\n`;
    const d = await readCsv(splitSource(enc(csv), 'ten.csv'), noHooks);
    const before = nullDistributionsComputed();
    const summary = analyze(d, { overrides: {}, settings: DEFAULT_SETTINGS });
    expect(summary.roles.filter((r) => r.role.kind === 'param')).toHaveLength(8);
    expect(nullDistributionsComputed() - before).toBeLessThanOrEqual(1);
  }, 30_000);

  it('1k columns: analyze and report do not throw', async () => {
    const c: BadInput = { id: 'wide', kind: 'large', name: 'wide.csv', bytes: wideCsv(1000) };
    expect((await dataset(c)).table.columns.length).toBe(1000);
  }, 30_000);

  it('10 MB cell: read whole, analysed, reported', async () => {
    const d = await dataset(input('10mb-cell'));
    expect(d.table.rowCount).toBe(2);
    expect(textsOf(d, 'note')[0].length).toBe(10 * 1024 * 1024);
    expect(textsOf(d, 'note')[1]).toBe('short');
  }, 30_000);

  it.each(['multibyte-split', 'crlf-split', 'utf16-split', 'one-byte-chunks'])(
    '%s: splitting the stream changes nothing',
    async (id) => {
      const c = input(id);
      const split = await dataset(c);
      const reference = await whole(c);
      expect(cells(split)).toEqual(cells(reference));
      expect(split.source.issues).toEqual(reference.source.issues);
      expect(split.source.dialect).toEqual(reference.source.dialect);
    },
  );

  it('multibyte split inside ñ, € and 𝄞: the characters survive', async () => {
    expect(textsOf(await dataset(input('multibyte-split')), 'name')).toEqual(['ñ€𝄞']);
  });

  it('CRLF split between \\r and \\n: no empty row, CRLF detected', async () => {
    const d = await dataset(input('crlf-split'));
    expect(d.table.rowCount).toBe(2);
    expect(d.source.dialect?.newline).toBe('\r\n');
  });

  it('UTF-16 split at odd offsets: 𝄞 and é survive', async () => {
    expect(textsOf(await dataset(input('utf16-split')), 'name')).toEqual(['𝄞é']);
  });

  it('every split offset of a short CRLF + multibyte file reads the same', async () => {
    const bytes = enc('name,loss\r\nñ€,0.5\r\n𝄞,0.25\r\n');
    const reference = cells(await readCsv(splitSource(bytes, 's.csv'), noHooks));
    for (let at = 1; at < bytes.length; at++) {
      const d = await readCsv(splitSource(bytes, 's.csv', [at]), noHooks);
      expect(cells(d), `split at ${at}`).toEqual(reference);
    }
  });
});
