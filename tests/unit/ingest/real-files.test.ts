/** The public files in ../shared/data/real/sweep_csv all read cleanly (when that folder exists). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText, findColumn } from '../../../src/lib/model';
import { readBytes } from './helpers';

const dir = path.resolve(__dirname, '../../../../shared/data/real/sweep_csv');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.csv')) : [];

describe.runIf(files.length > 0)('real sweep CSVs', () => {
  it.each(files)('%s reads with no errors', async (f) => {
    const ds = await readBytes(new Uint8Array(readFileSync(path.join(dir, f))), f);
    expect(ds.table.rowCount).toBeGreaterThan(0);
    expect(ds.source.quarantinedCount).toBe(0);
    expect(ds.source.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('keeps the seed sample NaN and inf apart from missing', async () => {
    const ds = await readBytes(
      new Uint8Array(readFileSync(path.join(dir, 'hpi_sample_results.csv'))),
      'hpi.csv',
    );
    const val = findColumn(ds.table, 'val_loss')!;
    expect([0, 1, 2, 3].map((i) => cellText(val, i))).toEqual(['0.42', 'NaN', '0.8', 'inf']);
  });

  it('reads the MLflow UI export with every field quoted and 200+ columns', async () => {
    const f = 'mlflow_ui_export_sentiment.csv';
    const ds = await readBytes(new Uint8Array(readFileSync(path.join(dir, f))), f);
    expect(ds.table.columns.length).toBeGreaterThan(100);
    expect(ds.source.dialect?.delimiter).toBe(',');
  });
});
