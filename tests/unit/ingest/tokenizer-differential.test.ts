/**
 * The hand-written tokenizer must read every valid CSV exactly as papaparse does: the whole
 * conformance corpus, plus generated files with quotes, escapes, embedded newlines, empty
 * fields, CRLF and every delimiter, split at random chunk boundaries.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvRowReader, sniffDialect } from '../../../src/lib/ingest';
import { FastCsvTokenizer, fieldText } from '../../../src/lib/ingest/csv-tokenizer';
import type { Dialect } from '../../../src/lib/model';

interface Parsed {
  rows: { fields: string[]; line: number }[];
  issues: string[];
}

function withPapaparse(text: string, dialect: Dialect, chunks: string[]): Parsed {
  const out: Parsed = { rows: [], issues: [] };
  const reader = new CsvRowReader(dialect, {
    row: (fields, line) => out.rows.push({ fields: [...fields], line }),
    issue: (issue) => out.issues.push(`${issue.code}@${issue.line}:${issue.column}`),
  });
  for (const chunk of chunks) reader.feed(chunk);
  reader.end();
  return out;
}

function withTokenizer(dialect: Dialect, chunks: string[]): Parsed {
  const out: Parsed = { rows: [], issues: [] };
  const tokenizer = new FastCsvTokenizer(dialect, {
    row: (row) =>
      out.rows.push({
        fields: Array.from({ length: row.count }, (_, i) => fieldText(row, i)),
        line: row.line,
      }),
    issue: (issue) => out.issues.push(`${issue.code}@${issue.line}:${issue.column}`),
  });
  for (const chunk of chunks) tokenizer.feed(chunk);
  tokenizer.end();
  return out;
}

function compare(text: string, chunkSize = text.length + 1): void {
  const dialect = sniffDialect(text.slice(0, 65536), false);
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.slice(i, i + chunkSize));
  const expected = withPapaparse(text, dialect, chunks);
  const actual = withTokenizer(dialect, chunks);
  expect(actual.rows).toEqual(expected.rows);
  // On valid input neither reports anything; on broken quoting both report, but each recovers
  // (and so places later issues) in its own way.
  expect(new Set(actual.issues.map((i) => i.split('@')[0]))).toEqual(
    new Set(expected.issues.map((i) => i.split('@')[0])),
  );
}

const spectrum = path.dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const corpus: [string, string][] = readdirSync(path.join(spectrum, 'csvs')).map((f) => [
  `csv-spectrum/${f}`,
  readFileSync(path.join(spectrum, 'csvs', f), 'utf8'),
]);
const shared = path.resolve(__dirname, '../../../../shared/data');
if (existsSync(shared)) {
  const dir = path.join(shared, 'csv-test-data/csv');
  for (const f of readdirSync(dir)) {
    if (!f.startsWith('bad-'))
      corpus.push([`csv-test-data/${f}`, readFileSync(path.join(dir, f), 'utf8')]);
  }
  for (const sub of ['real/sweep_csv', 'real/curves_csv']) {
    for (const f of readdirSync(path.join(shared, sub))) {
      corpus.push([
        `${sub}/${f}`,
        readFileSync(path.join(shared, sub, f), 'utf8').replace(/^\uFEFF/, ''),
      ]);
    }
  }
}

describe('tokenizer matches papaparse', () => {
  it.each(corpus)('%s', (_name, text) => {
    compare(text);
    compare(text, 7);
  });

  it('on 300 generated files with quotes, escapes, newlines and every delimiter', () => {
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    for (let file = 0; file < 300; file++) {
      const delimiter = pick([',', ';', '\t', '|'] as const);
      const newline = pick(['\n', '\r\n'] as const);
      const width = 1 + Math.floor(rand() * 6);
      const lines: string[] = [];
      for (let r = 0; r < 1 + Math.floor(rand() * 40); r++) {
        const fields: string[] = [];
        for (let c = 0; c < width; c++) {
          const plain = pick(['', 'a', '1.5', 'NaN', 'x y', '  pad ', '08123', 'é✓']);
          const kind = rand();
          if (kind < 0.6) fields.push(plain);
          else {
            const inner = pick([
              plain,
              `a${delimiter}b`,
              'say ""hi""',
              'two\nlines',
              'crlf\r\nin',
              '""',
            ]);
            fields.push(`"${inner}"`);
          }
        }
        lines.push(fields.join(delimiter));
      }
      const text = lines.join(newline) + (rand() < 0.5 ? newline : '');
      compare(text);
      compare(text, 1 + Math.floor(rand() * 50));
    }
  });
});
