#!/usr/bin/env node
/**
 * `node scripts/fuzz.mjs [--runs N] [--seed S] [--data DIR]`: mutation fuzzing of the real files
 * in ../shared/data (bit flips, truncation, spliced quotes and separators, duplicated and deleted
 * chunks) through readSources, the specific readers, analyze and the report. Prints a table of
 * mutations, uncaught exceptions and time per MB; exits 1 on any exception or > 2 s/MB.
 *
 * Node 20 runs no TypeScript, so the harness (tests/unit/hardening/fuzz-harness.ts) is loaded
 * through Vite's module runner, as scripts/eval-detectors.mjs does.
 */
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('../tests/unit/hardening/fuzz-harness.ts', import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
process.exitCode = await module.main(process.argv.slice(2));
