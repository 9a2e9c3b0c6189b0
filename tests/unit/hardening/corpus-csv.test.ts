/** Bad-input corpus, CSV: every case through readSources → analyze → markdown/JSON. */
import { describe, expect, it } from 'vitest';
import { csvBadInputs, enc, type BadInput } from '../../../src/lib/fixtures/bad-inputs';
import { readCsv } from '../../../src/lib/ingest';
import type { Dataset } from '../../../src/lib/model';
import type { PipelineResult } from './harness';
import {
  expectWellFormed,
  issueOf,
  noHooks,
  numbersOf,
  runInput,
  splitSource,
  textsOf,
} from './harness';

const CASES = new Map(csvBadInputs().map((c) => [c.id, c]));

function input(id: string): BadInput {
  const found = CASES.get(id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
}

async function run(id: string): Promise<PipelineResult> {
  const c = input(id);
  const result = await runInput(c);
  expectWellFormed(result, c.name);
  return result;
}

async function dataset(id: string): Promise<Dataset> {
  const { dataset: d, error } = await run(id);
  if (!d) throw new Error(`${id}: ${error?.message}`);
  return d;
}

const names = (d: Dataset) => d.table.columns.map((c) => c.name);

describe('bad-input corpus: CSV', () => {
  it('has every case exercised below', () => {
    expect(CASES.size).toBe(26);
  });

  it.each(['trailing-newlines', 'blank-lines', 'utf8-bom', 'mixed-crlf-lf', 'cr-only'])(
    '%s: reads the clean table, no issue',
    async (id) => {
      const d = await dataset(id);
      expect(names(d)).toEqual(['wd', 'loss']);
      expect(d.table.rowCount).toBeGreaterThanOrEqual(2);
      expect(numbersOf(d, 'loss')?.slice(0, 2)).toEqual([0.5, 0.4]);
      expect(d.source.issues).toEqual([]);
    },
  );

  it('cr-only and mixed line endings are described', async () => {
    expect((await dataset('cr-only')).source.dialect?.newline).toBe('\r');
    expect((await dataset('mixed-crlf-lf')).table.rowCount).toBe(3);
  });

  it.each([
    ['utf16le-bom', 'UTF-16LE'],
    ['utf16be-bom', 'UTF-16BE'],
  ])('%s: decodes %s, keeps ü', async (id, encoding) => {
    const d = await dataset(id);
    expect(d.source.dialect?.encoding).toBe(encoding);
    expect(names(d)).toEqual(['name', 'lr', 'loss']);
    expect(textsOf(d, 'name')).toEqual(['müller']);
  });

  it('windows-1252: falls back with a warning that says why', async () => {
    const d = await dataset('windows-1252');
    expect(d.source.dialect?.encoding).toBe('Windows-1252');
    expect(issueOf(d, 'encoding').message).toMatch(/not valid UTF-8.*Windows-1252/);
    expect(textsOf(d, 'name')).toEqual(['café', 'naïve']);
  });

  it('invalid UTF-8 after the first 8 KiB: still falls back, no row lost', async () => {
    const d = await dataset('invalid-utf8-late');
    expect(d.source.dialect?.encoding).toBe('Windows-1252');
    expect(d.table.rowCount).toBe(3001);
  });

  it('semicolon with decimal commas: numbers, not text', async () => {
    const d = await dataset('semicolon-decimal-comma');
    expect(d.source.dialect?.delimiter).toBe(';');
    expect(numbersOf(d, 'wd')).toEqual([0.1, 0.2, 0.3]);
    expect(numbersOf(d, 'loss')).toEqual([0.5, 0.4, 0.35]);
  });

  // Was BUG(csv-json-cells): every `"` of an unquoted JSON cell was reported as a stray quote
  // (line 2 col 4, line 3 col 4) although the cell is intact. JSON cells are not warned about.
  it('tsv with JSON cells: tab-delimited, JSON cell kept whole, no quote warning', async () => {
    const d = await dataset('tsv-json-cells');
    expect(d.source.dialect?.delimiter).toBe('\t');
    expect(textsOf(d, 'config')[0]).toBe('{"lr": 0.1, "bs": 32}');
    expect(d.source.issues).toEqual([]);
  });

  it('JSON cut by the delimiter (unquoted in a CSV): still a stray-quote warning', async () => {
    const d = await readCsv(
      splitSource(enc('id,config\n1,{"lr": 0.1, "bs": 32}\n'), 'cut.csv'),
      noHooks,
    );
    expect(d.source.issues.map((i) => [i.code, i.line])).toContainEqual(['malformed-quote', 2]);
  });

  it('tsv with JSON cells: the JSON cell survives intact', async () => {
    const d = await dataset('tsv-json-cells');
    expect(textsOf(d, 'config')[0]).toBe('{"lr": 0.1, "bs": 32}');
  });

  it('single column: read, analysed', async () => {
    const { dataset: d, summary } = await run('single-column');
    expect(names(d!)).toEqual(['loss']);
    expect(summary?.overview.trials).toBe(3);
  });

  it('unclosed quote: names line 3, column 9', async () => {
    const d = await dataset('unclosed-quote');
    const issue = issueOf(d, 'unclosed-quote');
    expect([issue.line, issue.column]).toEqual([3, 9]);
    expect(issue.message).toContain('line 3, column 9');
    expect(issue.file).toBe('unclosed-quote.csv');
  });

  it('stray quotes: each one located, text kept', async () => {
    const d = await dataset('stray-quotes');
    const stray = d.source.issues.filter((i) => i.code === 'malformed-quote');
    expect(stray.map((i) => [i.line, i.column])).toEqual([
      [2, 11],
      [3, 11],
    ]);
    expect(textsOf(d, 'note')[0]).toBe('ab"cd');
  });

  it('ragged rows: quarantined with line numbers, the rest read', async () => {
    const d = await dataset('ragged-rows');
    expect(d.table.rowCount).toBe(2);
    expect(d.source.quarantinedCount).toBe(2);
    expect(issueOf(d, 'too-few-fields').line).toBe(3);
    expect(issueOf(d, 'too-many-fields').line).toBe(4);
    expect(issueOf(d, 'too-many-fields').message).toMatch(
      /^Line 4: 4 fields where the header has 3/,
    );
  });

  it('duplicate headers: renamed with the column position', async () => {
    const d = await dataset('duplicate-headers');
    expect(names(d)).toEqual(['wd', 'loss', 'loss_2']);
    const issue = issueOf(d, 'duplicate-header');
    expect([issue.line, issue.column]).toEqual([1, 3]);
  });

  it('empty headers: named column_2, located', async () => {
    const d = await dataset('empty-headers');
    expect(names(d)[1]).toBe('column_2');
    expect(issueOf(d, 'empty-header').column).toBe(2);
  });

  it('only delimiters: does not throw, every empty header reported', async () => {
    const d = await dataset('only-delimiters');
    expect(d.source.issues.filter((i) => i.code === 'empty-header').length).toBe(3);
  });

  it('header only: a warning at line 1, an analysable empty table', async () => {
    const { dataset: d, summary } = await run('header-only');
    expect(issueOf(d!, 'header-only').line).toBe(1);
    expect(summary?.overview.trials).toBe(0);
  });

  it.each(['empty-file', 'whitespace-only'])('%s: IngestError empty-file', async (id) => {
    const { error } = await run(id);
    expect(error?.code).toBe('empty-file');
    expect(error?.file).toBe(`${id}.csv`);
    expect(error?.message).toMatch(/empty/);
  });

  it('mixed tokens: NaN, inf, 1e20, +1.5E-03 numbers; 08123 text; TRUE category', async () => {
    const d = await dataset('mixed-tokens');
    expect(numbersOf(d, 'nan')?.every(Number.isNaN)).toBe(true);
    expect(numbersOf(d, 'inf')).toEqual([Infinity, -Infinity]);
    expect(numbersOf(d, 'big')).toEqual([1e20, -1e20]);
    expect(numbersOf(d, 'exp')).toEqual([0.0015, -250]);
    expect(d.table.columns.find((c) => c.name === 'zip')?.kind).toBe('text');
    expect(textsOf(d, 'zip')).toEqual(['08123', '00042']);
    expect(d.table.columns.find((c) => c.name === 'flag')?.kind).toBe('category');
  });

  // Was BUG(comment-preamble): `# …` lines before the header became the header; every data row
  // was then quarantined as too-many-fields (lines 3–5) and the real columns were lost.
  it('comment preamble: skipped, the real header is used', async () => {
    const d = await dataset('comment-preamble');
    expect(names(d)).toEqual(['wd', 'loss']);
    expect(d.table.rowCount).toBe(2);
  });

  it('comment preamble: one warning naming the lines; later lines stay physical', async () => {
    const d = await dataset('comment-preamble');
    expect(d.source.quarantined).toEqual([]);
    expect(d.source.issues).toEqual([
      expect.objectContaining({
        code: 'no-header',
        severity: 'warning',
        line: 1,
        message: '2 comment lines before the header (lines 1–2, starting with #) were skipped.',
      }),
    ]);
    expect(Array.from(d.table.sourceLines)).toEqual([4, 5]);
    const ragged = await readCsv(
      splitSource(enc('# tool\n\n# date\nwd,loss\n0.1,0.5\n0.2\n'), 'r.csv'),
      noHooks,
    );
    expect(ragged.source.quarantined.map((q) => q.line)).toEqual([6]);
    expect(ragged.source.issues[0].message).toMatch(/lines 1–3/);
  });

  it('a header whose first column is named "#" is a header, not a comment', async () => {
    const d = await readCsv(
      splitSource(enc('#,lr,loss\n1,0.1,0.5\n2,0.2,0.4\n'), 'h.csv'),
      noHooks,
    );
    expect(names(d)).toEqual(['#', 'lr', 'loss']);
    expect(d.table.rowCount).toBe(2);
  });

  it('comment preamble before a tab-delimited header: the delimiter is still sniffed', async () => {
    const d = await readCsv(
      splitSource(enc('# exported, by, tool\nwd\tloss\n0.1\t0.5\n0.2\t0.4\n'), 't.tsv'),
      noHooks,
    );
    expect(d.source.dialect?.delimiter).toBe('\t');
    expect(names(d)).toEqual(['wd', 'loss']);
  });

  it('quoted newlines and doubled quotes: read exactly', async () => {
    const d = await dataset('quoted-newlines');
    expect(textsOf(d, 'note')).toEqual(['two\nlines', 'a "quoted" word']);
    expect(d.source.issues).toEqual([]);
  });

  it('binary file renamed .csv: binary-content error at line 1', async () => {
    const { error } = await run('binary-renamed');
    expect(error?.code).toBe('binary-content');
    expect(error?.message).toMatch(/binary data/);
    expect(error?.line).toBe(1);
  });

  it('gzip file renamed .csv: says it is gzip and what to do', async () => {
    const { error } = await run('gzip-renamed');
    expect(error?.code).toBe('binary-content');
    expect(error?.message).toMatch(/gzip-compressed\. Decompress it/);
  });
});
