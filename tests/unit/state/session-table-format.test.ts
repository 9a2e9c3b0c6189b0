import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/lib/state/session.svelte';
import type { Column, Role, TableFormatId } from '../../../src/lib/model';
import type { LoadResult } from '../../../src/lib/worker/protocol';
import { FakeClient, flush } from './fake-client';
import { analyzeResult, columns, loadResult, source } from './fixtures';

const file = () => new File(['trial_id,lr,val_loss,epochs\na,1,2,3\n'], 'study.csv');

/** A load whose table was read as `id`; `renameLr` stands for a format that keeps `params_lr`. */
function readAs(id: TableFormatId, datasetId: number, renameLr = false): LoadResult {
  const base = loadResult(datasetId);
  const cols: Column[] = renameLr
    ? columns.map((c) => (c.name === 'lr' ? { ...c, name: 'params_lr' } : c))
    : columns;
  return {
    ...base,
    columns: cols,
    source: {
      ...source,
      file: 'study.csv',
      tableFormat: { id, label: `label of ${id}`, reason: 'why', renamed: {}, folded: [] },
    },
  };
}

async function loaded() {
  const client = new FakeClient();
  const session = new Session(client, { storage: null });
  const done = session.loadFile(file());
  client.last().resolve(readAs('optuna', 1));
  await done;
  return { client, session };
}

const param: Role = { kind: 'param' };
const budget: Role = { kind: 'budget', unit: 'epochs' };

describe('Session.reloadWithFormat', () => {
  it('offers every format, the detected one in use', async () => {
    const { session } = await loaded();
    const choice = session.tableFormatChoice;
    expect(choice).toMatchObject({ path: 'study.csv', detected: 'optuna', chosen: null });
    expect(choice?.options.map((o) => o.id)).toContain('sklearn-cv');
    expect(choice?.options).toHaveLength(9);
  });

  it('in a folder, the choice is for its first sweep CSV', async () => {
    const client = new FakeClient();
    const session = new Session(client, { storage: null });
    const done = session.loadFiles([
      { file: file(), path: 'study/notes.md' },
      { file: file(), path: 'study/trials.csv' },
      { file: file(), path: 'study/old.csv' },
    ]);
    const result = readAs('optuna', 1);
    const entry = (path: string, kind: 'skipped' | 'sweep-csv') =>
      ({ path, kind, bytes: 1, detail: '', runId: null, issues: 0 }) as const;
    result.source.files = [
      entry('study/notes.md', 'skipped'),
      entry('study/trials.csv', 'sweep-csv'),
      entry('study/old.csv', 'sweep-csv'),
    ];
    client.last().resolve(result);
    await done;
    expect(session.tableFormatChoice?.path).toBe('study/trials.csv');
  });

  it('re-reads the same files as the chosen format, with the settings', async () => {
    const { client, session } = await loaded();
    const files = (client.calls[0].req as { files: unknown }).files;
    const done = session.reloadWithFormat('study.csv', 'generic');
    expect(session.analyzing).toBe(true);
    expect(session.phase).toBe('ready');
    const req = client.last().req;
    if (req.type !== 'load') throw new Error('expected a load');
    expect(req.files).toBe(files);
    expect(req.options.tableFormats).toEqual({ 'study.csv': 'generic' });
    expect(req.options.settings).toBeDefined();
    client.last().resolve(readAs('generic', 2, true));
    await done;
    expect(session.analyzing).toBe(false);
    expect(session.loaded?.datasetId).toBe(2);
    expect(session.tableFormatChoice).toMatchObject({ detected: 'optuna', chosen: 'generic' });
    expect(session.columns.map((c) => c.name)).toContain('params_lr');
  });

  it('keeps the role overrides whose column still exists, inferred roles from the new read', async () => {
    const { client, session } = await loaded();
    const role = session.setRole('lr', budget);
    client.last().resolve(analyzeResult({ lr: budget }));
    await role;
    const epochs = session.setRole('epochs', param);
    client.last().resolve(analyzeResult({ lr: budget, epochs: param }));
    await epochs;

    const done = session.reloadWithFormat('study.csv', 'generic');
    expect(client.last().req.options.overrides).toEqual({});
    client.last().resolve(readAs('generic', 2, true));
    await flush();
    // `lr` is `params_lr` now: only the `epochs` override applies, in a second pass.
    const again = client.last().req;
    expect(again).toMatchObject({ type: 'analyze', datasetId: 2 });
    expect(again.options.overrides).toEqual({ epochs: param });
    client.last().resolve(analyzeResult({ epochs: param }));
    await done;
    expect(session.overrides).toEqual({ epochs: param });
    expect(session.columnViews.find((v) => v.name === 'epochs')?.inferred).toEqual(budget);
  });

  it('the choice survives a role change and a worker restart; the detected one drops it', async () => {
    const { client, session } = await loaded();
    const done = session.reloadWithFormat('study.csv', 'generic');
    client.last().resolve(readAs('generic', 2, true));
    await done;

    const role = session.setRole('epochs', param);
    client.last().reject({ code: 'unknown-dataset', message: 'gone' });
    await flush();
    const reload = client.last().req;
    if (reload.type !== 'load') throw new Error('expected a load');
    expect(reload.options.tableFormats).toEqual({ 'study.csv': 'generic' });
    client.last().resolve(readAs('generic', 3, true));
    await role;
    expect(session.tableFormatChoice?.chosen).toBe('generic');

    const back = session.reloadWithFormat('study.csv', 'optuna');
    expect(client.last().req.options.tableFormats).toEqual({});
    client.last().resolve(readAs('optuna', 4));
    await flush();
    client.last().resolve(analyzeResult({ epochs: param }));
    await back;
    expect(session.tableFormatChoice).toMatchObject({ detected: 'optuna', chosen: null });
  });

  it('a cancelled re-read keeps the table and the format on screen', async () => {
    const { client, session } = await loaded();
    const done = session.reloadWithFormat('study.csv', 'wandb');
    session.cancel();
    await done;
    expect(client.cancelled).toHaveLength(1);
    expect(session.analyzing).toBe(false);
    expect(session.loaded?.datasetId).toBe(1);
    expect(session.tableFormatChoice?.chosen).toBeNull();
  });

  it('a new file forgets the choice; nothing to choose without a sweep table', async () => {
    const { client, session } = await loaded();
    const done = session.reloadWithFormat('study.csv', 'generic');
    client.last().resolve(readAs('generic', 2, true));
    await done;
    const next = session.loadFile(file());
    expect(client.last().req.options.tableFormats).toBeUndefined();
    client.last().resolve(loadResult(3));
    await next;
    expect(session.tableFormatChoice).toBeNull();
  });
});
