/** Conformance over the public files in ../shared/data (read in place, never copied). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSources, type SourceInput } from '../../../../src/lib/ingest';
import { input, noHooks } from './helpers';

const DATA = path.resolve(__dirname, '../../../../../shared/data');
const FOLDERS = ['real/trainer_state', 'real/curves_csv', 'tfevents'];

function filesOf(folder: string): SourceInput[] {
  const dir = path.join(DATA, folder);
  // Skipped suites still collect their tests: without the data there is nothing to list.
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => input(`${folder}/${name}`, new Uint8Array(readFileSync(path.join(dir, name)))));
}

describe.runIf(existsSync(path.join(DATA, 'real/trainer_state')))(
  'real logs through readSources',
  () => {
    for (const folder of FOLDERS) {
      for (const file of filesOf(folder)) {
        it(`${file.path} loads as curves without an error issue`, async () => {
          const ds = await readSources([{ path: file.source.name, source: file.source }], noHooks);
          expect(ds.source.format).toBe('curve-logs');
          expect(ds.curves!.runs.length).toBeGreaterThan(0);
          expect(ds.source.issues.filter((i) => i.severity === 'error')).toEqual([]);
          expect(ds.table.rowCount).toBe(ds.curves!.runs.length);
        });
      }
    }

    it('all of them together load as one folder', async () => {
      const all = FOLDERS.flatMap(filesOf).map((f) => ({ ...f, path: `data/${f.path}` }));
      const ds = await readSources(all, noHooks);
      expect(ds.source.format).toBe('curve-logs');
      expect(ds.source.file).toBe(`data (${all.length} files)`);
      expect(ds.source.files!.every((f) => f.kind !== 'skipped')).toBe(true);
      expect(ds.source.issues.filter((i) => i.severity === 'error')).toEqual([]);
      // Every trainer state and curve CSV is its own run (they sit side by side in one folder).
      expect(ds.curves!.runs.length).toBeGreaterThanOrEqual(all.length - 1);
      expect(ds.curves!.curves.length).toBeGreaterThan(all.length);
    });
  },
);
