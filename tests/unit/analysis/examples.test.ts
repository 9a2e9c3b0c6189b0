/**
 * The committed examples must equal what the generators produce.
 * Regenerate with: UPDATE_EXAMPLES=1 npx vitest run --project unit tests/unit/analysis/examples.test.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, exampleFiles, writeExamples } from '../../../scripts/gen-examples';
import { SEED_SAMPLE_CSV } from '../../../src/lib/fixtures';

const root = join(import.meta.dirname, '../../..');

describe('public/examples', () => {
  if (process.env.UPDATE_EXAMPLES === '1') writeExamples(root);

  it.each(Object.entries(exampleFiles()))('%s is up to date', (name, expected) => {
    const path = join(root, EXAMPLES_DIR, name);
    expect(existsSync(path), `${path} is missing; run with UPDATE_EXAMPLES=1`).toBe(true);
    if (typeof expected === 'string') expect(readFileSync(path, 'utf8')).toBe(expected);
    else expect(new Uint8Array(readFileSync(path))).toEqual(expected);
  });

  const original = resolve(
    __dirname,
    '../../../../shared/data/real/sweep_csv/hpi_sample_results.csv',
  );
  it.skipIf(!existsSync(original))('the seed sample matches the original tool sample', () => {
    const rows = (text: string) => text.trim().split(/\r?\n/);
    expect(rows(SEED_SAMPLE_CSV)).toEqual(rows(readFileSync(original, 'utf8')));
  });
});
