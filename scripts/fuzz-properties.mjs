#!/usr/bin/env node
/**
 * `npm run fuzz:properties [-- RUNS]`: every fast-check property of the hardening suite (CSV
 * write→read, typer idempotence, JSON and event-file readers, detectors never throwing), the
 * notebook file export→import, restore() and the CSV formula guard, at RUNS runs per property
 * (default 10,000; the default `npm test` runs 200). Exits with vitest's status.
 */
import { spawnSync } from 'node:child_process';

const runs = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(runs) || runs <= 0) {
  console.error('usage: node scripts/fuzz-properties.mjs [RUNS]');
  process.exit(2);
}
const files = [
  'tests/unit/hardening/properties-csv.test.ts',
  'tests/unit/hardening/properties-json.test.ts',
  'tests/unit/hardening/properties-events.test.ts',
  'tests/unit/hardening/properties-analyze.test.ts',
  'tests/unit/hardening/fuzz-quick.test.ts',
  'tests/unit/persist/codec.test.ts',
  'tests/unit/persist/restore.test.ts',
  'tests/unit/report/csv-cell.test.ts',
];
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', '--testTimeout', '0', ...files],
  { stdio: 'inherit', env: { ...process.env, HPI_FUZZ_RUNS: String(runs) } },
);
process.exit(result.status ?? 1);
