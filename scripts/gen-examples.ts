/**
 * The examples behind "Try an example", generated from the fixtures so they never drift.
 *
 * Node 20 cannot run TypeScript and the repo has no TS runner, so the files are written by the
 * unit test that also checks them:
 *
 *   UPDATE_EXAMPLES=1 npx vitest run --project unit tests/unit/analysis/examples.test.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePlantedSweep, SEED_SAMPLE_CSV } from '../src/lib/fixtures';

export const EXAMPLES_DIR = 'public/examples';

/** File name → contents. */
export function exampleFiles(): Record<string, string> {
  return {
    'planted-sweep.csv': generatePlantedSweep(42, 60).csv,
    'seed-sample.csv': SEED_SAMPLE_CSV,
  };
}

/** Writes every example under `root`/public/examples and returns the paths written. */
export function writeExamples(root: string): string[] {
  const dir = join(root, EXAMPLES_DIR);
  mkdirSync(dir, { recursive: true });
  return Object.entries(exampleFiles()).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
