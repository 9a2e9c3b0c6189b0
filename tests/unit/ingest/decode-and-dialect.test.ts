import { describe, expect, it } from 'vitest';
import { cellText, findColumn } from '../../../src/lib/model';
import { commentPreamble } from '../../../src/lib/ingest/sniff';
import { readBytes, readText } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decoding', () => {
  it('survives multibyte characters split across every byte boundary', async () => {
    const text = 'name,score\nnaïve-日本語-🙂,1\nΩmega,2\n';
    for (const chunk of [1, 2, 3, 5, 7]) {
      const ds = await readBytes(enc(text), 'u.csv', chunk);
      expect(cellText(findColumn(ds.table, 'name')!, 0)).toBe('naïve-日本語-🙂');
      expect(cellText(findColumn(ds.table, 'name')!, 1)).toBe('Ωmega');
    }
  });

  it('strips a UTF-8 BOM from the first header and reports it', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('trial_id,loss\n1,0.5\n')]);
    const ds = await readBytes(bytes);
    expect(ds.table.columns[0].name).toBe('trial_id');
    expect(ds.source.dialect?.hasBom).toBe(true);
  });

  it('reads UTF-16LE with a BOM', async () => {
    const text = 'a,b\n1,é\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    const ds = await readBytes(bytes);
    expect(cellText(findColumn(ds.table, 'b')!, 0)).toBe('é');
  });

  it('falls back to Windows-1252 with a warning when bytes are not UTF-8', async () => {
    const bytes = new Uint8Array([...enc('name,v\ncaf'), 0xe9, ...enc(',1\n')]);
    const ds = await readBytes(bytes);
    expect(cellText(findColumn(ds.table, 'name')!, 0)).toBe('café');
    expect(ds.source.issues.map((i) => i.code)).toContain('encoding');
  });

  it('rejects binary and gzip files with a clear message', async () => {
    await expect(
      readBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]), 'x.csv'),
    ).rejects.toThrow(/binary/);
    await expect(readBytes(new Uint8Array([0x1f, 0x8b, 8, 0]), 'x.csv')).rejects.toThrow(/gzip/);
  });

  it('rejects empty and blank files', async () => {
    await expect(readText('', 'empty.csv')).rejects.toMatchObject({
      code: 'empty-file',
      file: 'empty.csv',
    });
    await expect(readText('\n\n  \n', 'blank.csv')).rejects.toMatchObject({ code: 'empty-file' });
  });
});

describe('dialect sniffing', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n'],
    [';', 'a;b;c\n1;2;3\n'],
    ['\t', 'a\tb\tc\n1\t2\t3\n'],
    ['|', 'a|b|c\n1|2|3\n'],
  ])('finds %j', async (delimiter, text) => {
    const ds = await readText(text);
    expect(ds.source.dialect?.delimiter).toBe(delimiter);
    expect(ds.table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('ignores delimiters inside quotes and JSON cells when sniffing', async () => {
    const ds = await readText('id\tparams\n1\t{"a": 1, "b": 2}\n2\t{"a": 3, "b": 4}\n');
    expect(ds.source.dialect?.delimiter).toBe('\t');
    expect(ds.table.columns).toHaveLength(2);
  });

  it('reads semicolons with decimal commas (European Excel)', async () => {
    const ds = await readText('lr;loss\n0,001;1,25\n0,01;2,5\n');
    expect(ds.source.dialect?.decimal).toBe(',');
    const loss = findColumn(ds.table, 'loss');
    expect(loss?.kind === 'number' && loss.values[0]).toBe(1.25);
  });

  it('handles CRLF, CR-only and mixed line endings', async () => {
    for (const text of ['a,b\r\n1,2\r\n3,4\r\n', 'a,b\r1,2\r3,4\r', 'a,b\r\n1,2\n3,4\r\n']) {
      const ds = await readText(text);
      expect(ds.table.rowCount).toBe(2);
      const b = findColumn(ds.table, 'b');
      expect(b?.kind === 'number' && Array.from(b.values)).toEqual([2, 4]);
    }
  });
});

describe('comment preamble', () => {
  it('lists the physical lines of the # lines before the header, blank lines passed over', () => {
    expect(commentPreamble('# tool\n\n# 2024\nwd,loss\n0.1,0.5\n', ',')).toEqual([1, 3]);
    expect(commentPreamble('# tool\r\nwd,loss\r\n', ',')).toEqual([1]);
    expect(commentPreamble('wd,loss\n# not a preamble\n', ',')).toEqual([]);
  });

  it('keeps a header whose first column is named with #', () => {
    expect(commentPreamble('#,lr,loss\n1,0.1,0.5\n', ',')).toEqual([]);
    expect(commentPreamble('# tool\n#id,lr\n1,0.1\n', ',')).toEqual([1]);
    // "# text" is a comment even with as many fields as the header.
    expect(commentPreamble('# by tool, v1\nwd,loss\n', ',')).toEqual([1]);
  });

  it('reads a file of comments only as before (nothing skipped)', () => {
    expect(commentPreamble('# a\n# b\n', ',')).toEqual([]);
  });
});
