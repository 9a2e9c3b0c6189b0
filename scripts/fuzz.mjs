#!/usr/bin/env node
/**
 * `node scripts/fuzz.mjs [--runs N] [--seed S] [--data DIR] [--file SUBSTRING] [--replay SEED]
 * [--warmup N] [--remeasure N]`: mutation fuzzing of the real files in ../shared/data (bit flips,
 * truncation, spliced quotes and separators, duplicated and deleted chunks) through readSources,
 * the specific readers, analyze and the report. Prints a table of mutations, uncaught exceptions
 * and CPU time per MB, and the 5 most expensive inputs with the seed that replays each one; exits
 * 1 on any exception or > 2 CPU s/MB. Options are documented on main() in fuzz-report.ts.
 *
 * Profile one input: `node --cpu-prof scripts/fuzz.mjs --file NAME --replay SEED`.
 *
 * Node 20 runs no TypeScript, so the harness (tests/unit/hardening/fuzz-harness.ts and
 * fuzz-report.ts) is loaded through Vite's module runner, as scripts/eval-detectors.mjs does.
 */
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('../tests/unit/hardening/fuzz-report.ts', import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
process.exitCode = await module.main(process.argv.slice(2));
