/**
 * The examples behind "Try an example", generated from the fixtures so they never drift.
 *
 * Node 20 cannot run TypeScript and the repo has no TS runner, so the files are written by the
 * unit test that also checks them:
 *
 *   UPDATE_EXAMPLES=1 npx vitest run --project unit tests/unit/analysis/examples.test.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateCurveSweep, generatePlantedSweep, SEED_SAMPLE_CSV } from '../src/lib/fixtures';

export const EXAMPLES_DIR = 'public/examples';

/** The folder example: a generated LoRA sweep of event files, listed by its manifest. */
function loraSweepFiles(): Record<string, string | Uint8Array> {
  const { files } = generateCurveSweep(7);
  const out: Record<string, string | Uint8Array> = {};
  // The generator roots its paths at `lora-sweep/`; the manifest lists them relative to it.
  const relative = files.map((f) => f.path.replace(/^lora-sweep\//, ''));
  files.forEach((f, i) => (out[`lora-sweep/${relative[i]}`] = f.bytes));
  out['lora-sweep/manifest.json'] = `${JSON.stringify({ files: relative }, null, 2)}\n`;
  return out;
}

/** Path under public/examples → contents. */
export function exampleFiles(): Record<string, string | Uint8Array> {
  return {
    'planted-sweep.csv': generatePlantedSweep(42, 60).csv,
    'seed-sample.csv': SEED_SAMPLE_CSV,
    ...loraSweepFiles(),
  };
}

/** Writes every example under `root`/public/examples and returns the paths written. */
export function writeExamples(root: string): string[] {
  const dir = join(root, EXAMPLES_DIR);
  return Object.entries(exampleFiles()).map(([name, contents]) => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
    return path;
  });
}
