/** Property: the event-file reader never throws and never invents scalars, whatever the damage. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventFile, type ScalarEvent } from '../../../src/lib/fixtures/bad-inputs';
import { createEventFileReader, readEventFile } from '../../../src/lib/ingest/tfevents';
import { fuzzRuns, timeoutFor } from './harness';
import { mutateSome, NON_DUPLICATING } from './mutate';

const RUNS = fuzzRuns(200);

const scalars = fc.array(
  fc.record({
    tag: fc.constantFrom('loss', 'eval/loss', 'lr', 'accuracy'),
    step: fc.integer({ min: 0, max: 1_000_000 }),
    value: fc.float({ noDefaultInfinity: false }).map(Number),
  }),
  { maxLength: 20 },
);

const total = (result: ReturnType<typeof readEventFile>) =>
  result.curves.reduce((n, c) => n + c.values.length, 0);

describe('property: event-file reader under mutation', () => {
  it(
    'valid files read back every scalar',
    () => {
      fc.assert(
        fc.property(scalars, (events: ScalarEvent[]) => {
          const result = readEventFile(eventFile(events), 'events.out.tfevents.1.h', 'r');
          expect(result.stats.scalars).toBe(events.length);
          expect(total(result)).toBe(events.length);
          expect(result.stats.corruptRecords).toBe(0);
        }),
        { numRuns: RUNS, seed: 9301 },
      );
    },
    timeoutFor(RUNS),
  );

  it(
    'mutated files: no throw, no more scalars than written, same result in any chunking',
    () => {
      fc.assert(
        fc.property(scalars, fc.nat(), fc.integer({ min: 1, max: 64 }), (events, seed, chunk) => {
          const { bytes } = mutateSome(eventFile(events), seed, NON_DUPLICATING);
          const whole = readEventFile(bytes, 'events.out.tfevents.1.h', 'r');
          expect(whole.stats.scalars).toBeLessThanOrEqual(events.length);
          expect(total(whole)).toBe(whole.stats.scalars);
          for (const issue of whole.issues) expect(issue.message.length).toBeGreaterThan(10);
          const reader = createEventFileReader('events.out.tfevents.1.h', 'r');
          for (let i = 0; i < bytes.length; i += chunk) reader.push(bytes.subarray(i, i + chunk));
          expect(reader.finish().stats).toEqual(whole.stats);
        }),
        { numRuns: RUNS * 2, seed: 9302 },
      );
    },
    timeoutFor(RUNS * 2),
  );
});
