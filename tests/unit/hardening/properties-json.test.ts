/** Property: the tolerant JSON parser agrees with JSON.parse and never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLines, parseJsonTolerant } from '../../../src/lib/ingest/json';
import { readTrainerState } from '../../../src/lib/ingest/curves';
import { fuzzRuns, timeoutFor } from './harness';

const RUNS = fuzzRuns(200);

/** A JSON text whose mutations are single-character edits at arbitrary places. */
const mutatedJson = fc
  .record({
    value: fc.jsonValue({ maxDepth: 4 }),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('insert', 'delete', 'replace'),
        char: fc.constantFrom(...'{}[]",:\\ \n0-.eNaInfty\u2028\ufeff'.split(''), '__proto__'),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ value, edits }) => {
    let text = JSON.stringify(value, null, 1);
    for (const { at, kind, char } of edits) {
      const i = at % (text.length + 1);
      text =
        kind === 'insert'
          ? text.slice(0, i) + char + text.slice(i)
          : kind === 'delete'
            ? text.slice(0, i) + text.slice(i + 1)
            : text.slice(0, i) + char + text.slice(i + 1);
    }
    return text;
  });

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('property: tolerant JSON parser', () => {
  it(
    'agrees with JSON.parse on valid JSON (fast path)',
    () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const text = JSON.stringify(value);
          const parsed = parseJsonTolerant(text, 'p.json');
          expect('value' in parsed && parsed.value).toEqual(JSON.parse(text));
        }),
        { numRuns: RUNS, seed: 9201 },
      );
    },
    timeoutFor(RUNS),
  );

  it(
    'agrees with JSON.parse on valid JSON (its own parser, forced by a NaN beside it)',
    () => {
      fc.assert(
        fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined);
          const parsed = parseJsonTolerant(`[${text}, NaN]`, 'p.json');
          if (!('value' in parsed) || !Array.isArray(parsed.value)) throw new Error('no array');
          expect(parsed.value[0]).toStrictEqual(JSON.parse(text));
          expect(parsed.value[1]).toBeNaN();
          expectNoPollution();
        }),
        { numRuns: RUNS, seed: 9202 },
      );
    },
    timeoutFor(RUNS),
  );

  it(
    'never throws on mutated text; errors carry line and column inside the text',
    () => {
      fc.assert(
        fc.property(mutatedJson, (text) => {
          const parsed = parseJsonTolerant(text, 'm.json');
          if ('error' in parsed) {
            const { line, column, file } = parsed.error;
            expect(file).toBe('m.json');
            if (parsed.error.code === 'invalid-json') {
              expect(line).toBeGreaterThanOrEqual(1);
              expect(line).toBeLessThanOrEqual(text.split('\n').length);
              expect(column).toBeGreaterThanOrEqual(1);
            }
          }
          parseJsonLines(text, 'm.jsonl');
          readTrainerState(`{"log_history": [${text}]}`, 'trainer_state.json', 'run');
          expectNoPollution();
        }),
        { numRuns: RUNS * 2, seed: 9203 },
      );
    },
    timeoutFor(RUNS * 2),
  );
});
