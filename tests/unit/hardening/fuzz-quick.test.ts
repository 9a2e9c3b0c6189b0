/**
 * A quick mutation fuzz (a few hundred mutations) of ../shared/data, when that folder exists.
 * Behaviour only: no uncaught exception. The time budget (2 CPU s per MB) is enforced by
 * `npm run fuzz` (scripts/fuzz.mjs prints the time per file and exits 1 over budget), not here:
 * tests assert behaviour, never times.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, fuzz, loadFuzzFiles } from './fuzz-harness';
import { formatReport } from './fuzz-report';
import { fuzzRuns, timeoutFor } from './harness';

const dir = defaultDataDir();
const RUNS = fuzzRuns(200);

describe.skipIf(!existsSync(dir))('quick mutation fuzz of the real files', () => {
  it(
    `${RUNS} mutations: no uncaught exception`,
    async () => {
      const r = await fuzz(loadFuzzFiles(dir), RUNS, 7);
      expect(r.failures, formatReport(r)).toEqual([]);
      expect(r.rows.reduce((n, row) => n + row.mutations, 0)).toBe(RUNS);
    },
    timeoutFor(RUNS, 80),
  );
});
