import { describe, expect, it } from 'vitest';
import { CsvRowReader, sniffDialect } from '../../../src/lib/ingest';
import { cellText, findColumn } from '../../../src/lib/model';
import { readText } from './helpers';

describe('rows, lines and quarantine', () => {
  it('skips blank lines but keeps physical line numbers', async () => {
    const ds = await readText('a,b\n\n1,2\n\n\n3,4\n');
    expect(ds.table.rowCount).toBe(2);
    expect(Array.from(ds.table.sourceLines)).toEqual([3, 6]);
  });

  it('counts newlines inside quoted fields for later line numbers', async () => {
    const ds = await readText('a,b\n1,"multi\nline\ntext"\n2,x\n3,y,extra\n');
    expect(cellText(findColumn(ds.table, 'b')!, 0)).toBe('multi\nline\ntext');
    expect(ds.source.quarantined).toEqual([
      { line: 6, reason: '3 fields where the header has 2', excerpt: '3,y,extra' },
    ]);
  });

  it('quarantines ragged rows and lists them with line and excerpt', async () => {
    const ds = await readText('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n', 'ragged.csv');
    expect(ds.table.rowCount).toBe(2);
    expect(ds.source.quarantinedCount).toBe(2);
    const issues = ds.source.issues.filter(
      (i) => i.code === 'too-few-fields' || i.code === 'too-many-fields',
    );
    expect(issues.map((i) => [i.file, i.line, i.column])).toEqual([
      ['ragged.csv', 3, undefined],
      ['ragged.csv', 4, 4],
    ]);
  });

  it('accepts trailing empty delimiters with one warning', async () => {
    const ds = await readText('a,b\n1,2,\n3,4,\n');
    expect(ds.table.rowCount).toBe(2);
    expect(ds.source.issues.filter((i) => i.code === 'too-many-fields')).toHaveLength(1);
  });

  it('reports an unclosed quote with its line and column', async () => {
    const ds = await readText('a,b\n1,2\n3,4\n5,"oops\n6,7\n', 'bad.csv');
    const issue = ds.source.issues.find((i) => i.code === 'unclosed-quote');
    expect(issue).toMatchObject({ file: 'bad.csv', line: 4, column: 3, severity: 'error' });
  });

  it('warns about a stray quote inside an unquoted field', async () => {
    const ds = await readText('a,b,c\n1,This "quotes" must be escaped,3\n');
    expect(ds.source.issues.find((i) => i.code === 'malformed-quote')).toMatchObject({
      line: 2,
      column: 8,
    });
  });

  it('JSON in unquoted cells: kept whole, no stray-quote warning per cell', async () => {
    const text = 'id\tconfig\tloss\n1\t{"lr": 0.1}\t0.5\n2\t["a", "b"]\t0.4\n3\tsay "hi"\t0.3\n';
    const ds = await readText(text, 'json.tsv');
    expect(cellText(findColumn(ds.table, 'config')!, 1)).toBe('["a", "b"]');
    // Only the quote that is not JSON is reported, with its position.
    expect(ds.source.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ['malformed-quote', 4, 7],
    ]);
    // The papaparse reader (curve logs) agrees.
    const issues: [number | undefined, number | undefined][] = [];
    const reader = new CsvRowReader(sniffDialect(text, false), {
      row: () => {},
      issue: (issue) => issues.push([issue.line, issue.column]),
    });
    reader.feed(text);
    reader.end();
    expect(issues).toEqual([[4, 7]]);
  });

  it('names empty and duplicate headers and warns', async () => {
    const ds = await readText(',lr,lr,\n0,1,2,3\n');
    expect(ds.table.columns.map((c) => c.name)).toEqual(['index', 'lr', 'lr_2', 'column_4']);
    expect(ds.source.issues.map((i) => i.code).sort()).toEqual([
      'duplicate-header',
      'empty-header',
    ]);
  });

  it('warns when the file has only a header', async () => {
    const ds = await readText('a,b,c');
    expect(ds.table.rowCount).toBe(0);
    expect(ds.source.issues.map((i) => i.code)).toEqual(['header-only']);
  });

  it('parses identically whatever the chunking, across the 1 MiB parse boundary', async () => {
    const rows = ['id,note,value'];
    for (let i = 0; i < 40000; i++)
      rows.push(`${i},"note ${i}, with ""quotes""\nand a newline",${i * 0.5}`);
    const text = rows.join('\n') + '\n';
    const whole = await readText(text, 'big.csv', text.length);
    const split = await readText(text, 'big.csv', 4093);
    expect(split.table.rowCount).toBe(40000);
    expect(Array.from(split.table.sourceLines.slice(-2))).toEqual([79998, 80000]);
    expect(Array.from(split.table.sourceLines)).toEqual(Array.from(whole.table.sourceLines));
    expect(cellText(findColumn(split.table, 'note')!, 39999)).toBe(
      'note 39999, with "quotes"\nand a newline',
    );
    expect(split.source.issues).toEqual([]);
  });
});
