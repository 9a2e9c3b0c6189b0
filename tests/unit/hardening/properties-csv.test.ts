/** Property tests: CSV write → read round trip, and the typer's idempotence. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enc } from '../../../src/lib/fixtures/bad-inputs';
import { csvField } from '../../../src/lib/fixtures/hostile';
import { classifyCell, readCsv } from '../../../src/lib/ingest';
import { formatNumber } from '../../../src/lib/model';
import { fuzzRuns, noHooks, numbersOf, splitSource, textsOf, timeoutFor } from './harness';

const RUNS = fuzzRuns(200);

/** Text cells: any unicode with quotes, delimiters and newlines, behind a letter so they stay text. */
const textCell = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('"', ',', ';', '\t', '\n', '\r\n', ' ', '|', "'", 'é', '€', '𝄞', '中'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 12,
  })
  .map((s) => `t${s}x`);

const numberCell = fc.double({ noNaN: true, noDefaultInfinity: true });

const table = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }))
  .chain(([textCols, rows]) =>
    fc.record({
      text: fc.array(fc.array(textCell, { minLength: rows, maxLength: rows }), {
        minLength: textCols,
        maxLength: textCols,
      }),
      numbers: fc.array(numberCell, { minLength: rows, maxLength: rows }),
      splits: fc.array(fc.nat(), { maxLength: 4 }),
    }),
  );

describe('property: CSV round trip (comma, double quotes, LF)', () => {
  it(
    'random tables serialised with RFC 4180 quoting read back cell for cell',
    async () => {
      await fc.assert(
        fc.asyncProperty(table, async ({ text, numbers, splits }) => {
          const header = ['num', ...text.map((_, i) => `col${i}`)];
          const rows = numbers.map((x, r) => [String(x), ...text.map((col) => col[r])]);
          const csv = [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
          const bytes = enc(csv);
          const cuts = splits.map((s) => s % bytes.length).sort((a, b) => a - b);
          const d = await readCsv(splitSource(bytes, 'rt.csv', cuts), noHooks);
          expect(d.source.dialect?.delimiter).toBe(',');
          expect(d.table.columns.map((c) => c.name)).toEqual(header);
          expect(numbersOf(d, 'num')).toEqual(numbers.map((x) => (x === 0 ? 0 : x)));
          text.forEach((col, i) => expect(textsOf(d, `col${i}`)).toEqual(col));
          expect(d.source.issues).toEqual([]);
        }),
        { numRuns: RUNS, seed: 9001 },
      );
    },
    timeoutFor(RUNS),
  );
});

describe('property: the cell typer', () => {
  it(
    'String(x) of any finite double reads back as exactly x',
    () => {
      fc.assert(
        fc.property(numberCell, (x) => {
          expect(classifyCell(String(x), false)).toEqual({
            kind: 'number',
            value: x === 0 ? 0 : x,
          });
        }),
        { numRuns: RUNS * 5, seed: 9002 },
      );
    },
    timeoutFor(RUNS * 5),
  );

  const reread = (shown: string): number | null => {
    const cell = classifyCell(shown, false);
    return cell.kind === 'number' ? cell.value : cell.kind === 'nan' ? NaN : null;
  };

  /**
   * formatNumber → typer is a projection: the value read back is a number, and formatting and
   * reading it again changes nothing (1000000.0000000001 shows as "1e+6", reads as 1e6, which
   * then shows as "1000000" and reads as 1e6).
   */
  function expectIdempotent(x: number): void {
    const y = reread(formatNumber(x));
    expect(y).not.toBeNull();
    if (Number.isFinite(x)) expect(Number.isFinite(y)).toBe(true);
    expect(reread(formatNumber(y ?? 0))).toBe(y);
  }

  // Was BUG(format-overflow): formatNumber(-Number.MAX_VALUE) rounded to "-1.798e+308", beyond
  // Number.MAX_VALUE: it re-read as -Infinity. The exact value is shown there instead.
  it('formatNumber near ±Number.MAX_VALUE re-reads as a finite number', () => {
    // Every value from ~1.7975e308 up rounds to "1.798e+308" at 4 digits, beyond MAX_VALUE.
    const near = [1, 0.99999, 0.99995].map((f) => Number.MAX_VALUE * f);
    for (const x of [...near, ...near.map((v) => -v)]) expectIdempotent(x);
    expect(formatNumber(1.2346e300)).toBe('1.235e+300');
  });

  it(
    'formatNumber is idempotent through the typer (NaN and ±inf included)',
    () => {
      const doubles = fc.oneof(
        fc.double({ min: -1e300, max: 1e300 }),
        fc.double({ min: 999_000, max: 1_001_000 }),
        fc.constantFrom(NaN, Infinity, -Infinity, 0, -0),
      );
      fc.assert(
        fc.property(doubles, (x) => {
          expectIdempotent(x);
        }),
        { numRuns: RUNS * 5, seed: 9003 },
      );
    },
    timeoutFor(RUNS * 5),
  );

  it(
    'decimal-comma spelling reads the same number',
    () => {
      fc.assert(
        fc.property(
          fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
          (x) => {
            const s = String(x);
            fc.pre(!s.includes('e'));
            const cell = classifyCell(s.replace('.', ','), true);
            expect(cell).toEqual({ kind: 'number', value: x === 0 ? 0 : x });
          },
        ),
        { numRuns: RUNS * 5, seed: 9004 },
      );
    },
    timeoutFor(RUNS * 5),
  );
});
