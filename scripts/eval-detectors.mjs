#!/usr/bin/env node
/**
 * `npm run eval:detectors`: the detector accuracy harness (scripts/eval/main.ts).
 *
 * Node 20 cannot run TypeScript and the repo has no TypeScript runner, so the harness is loaded
 * through Vite's module runner (`runnerImport`): the same source files as the app, transformed on
 * the fly, with no build step and no temporary files. No config file is loaded (the harness needs
 * no Svelte plugin).
 */
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('./eval/main.ts', import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
await module.main(process.argv.slice(2));
