import { describe, expect, it } from 'vitest';
import { readSources } from '../../../../src/lib/ingest';
import { generateOptunaCsv } from '../../../../src/lib/fixtures/exports';
import { input, noHooks } from './helpers';

const names = (ds: Awaited<ReturnType<typeof readSources>>) => ds.table.columns.map((c) => c.name);

const GENERIC = 'trial,params_lr,loss\n1,0.1,0.5\n2,0.2,0.4\n3,0.3,0.6\n';

describe('readSources with a chosen table format', () => {
  it('reads an Optuna export as generic when asked: prefixed names stay as they are', async () => {
    const csv = generateOptunaCsv(3);
    const detected = await readSources([input('study.csv', csv)], noHooks);
    expect(detected.source.tableFormat?.id).toBe('optuna');
    expect(names(detected)).toContain('lr');
    expect(names(detected)).not.toContain('params_lr');

    const chosen = await readSources([input('study.csv', csv)], noHooks, {
      tableFormats: { 'study.csv': 'generic' },
    });
    expect(chosen.source.tableFormat).toMatchObject({ id: 'generic', renamed: {} });
    expect(chosen.source.tableFormat?.reason).toMatch(
      /^you chose it \(detected: an Optuna trials_dataframe\(\) export\)/,
    );
    expect(names(chosen)).toContain('params_lr');
    expect(names(chosen)).not.toContain('lr');
    expect(chosen.table.rowCount).toBe(detected.table.rowCount);
  });

  it('reads a generic table as Optuna when asked', async () => {
    const chosen = await readSources([input('sweep.csv', GENERIC)], noHooks, {
      tableFormats: { 'sweep.csv': 'optuna' },
    });
    expect(chosen.source.tableFormat?.id).toBe('optuna');
    expect(chosen.source.tableFormat?.renamed).toEqual({ params_lr: 'lr' });
    expect(names(chosen)).toEqual(['trial', 'lr', 'loss']);
  });

  it('choosing the detected format reads exactly as detection does', async () => {
    const csv = generateOptunaCsv(3);
    const detected = await readSources([input('study.csv', csv)], noHooks);
    const chosen = await readSources([input('study.csv', csv)], noHooks, {
      tableFormats: { 'study.csv': 'optuna' },
    });
    expect(chosen.source.tableFormat).toEqual(detected.source.tableFormat);
    expect(names(chosen)).toEqual(names(detected));
  });

  it('applies to the sweep table of a folder, by its path only', async () => {
    const files = (formats?: Record<string, 'generic'>) =>
      readSources(
        [input('study/trials.csv', generateOptunaCsv(5)), input('study/notes.md', '# notes\n')],
        noHooks,
        { tableFormats: formats },
      );
    const detected = await files();
    expect(detected.source.files).toHaveLength(2);
    expect(detected.source.tableFormat?.id).toBe('optuna');

    const other = await files({ 'trials.csv': 'generic' });
    expect(other.source.tableFormat?.id).toBe('optuna');

    const chosen = await files({ 'study/trials.csv': 'generic' });
    expect(chosen.source.tableFormat?.id).toBe('generic');
    expect(names(chosen)).toContain('params_lr');
    const file = chosen.source.files?.find((f) => f.path === 'study/trials.csv');
    expect(file?.detail).toMatch(/^sweep table: 8 rows/);
  });

  it('a path named like an Object property is no choice', async () => {
    const ds = await readSources([input('constructor', GENERIC)], noHooks, { tableFormats: {} });
    expect(ds.source.tableFormat?.id).toBe('generic');
    expect(names(ds)).toEqual(['trial', 'params_lr', 'loss']);
  });
});
