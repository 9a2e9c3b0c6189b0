import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/lib/state/session.svelte';
import { FakeClient, flush } from './fake-client';
import { analyzeResult, loadResult, source, testDefaults } from './fixtures';
import type { Role } from '../../../src/lib/model';

const file = () => new File(['trial_id,lr,val_loss,epochs\na,1,2,3\n'], 'sweep.csv');

async function loaded() {
  const client = new FakeClient();
  const session = new Session(client);
  const done = session.loadFile(file());
  client.last().resolve(loadResult());
  await done;
  return { client, session };
}

describe('Session', () => {
  it('starts empty', () => {
    const session = new Session(new FakeClient());
    expect(session.phase).toBe('empty');
    expect(session.fileName).toBeNull();
    expect(session.summary).toBeNull();
    expect(session.columnViews).toEqual([]);
    expect(session.busy).toBe(false);
  });

  it('loads a file: loading with progress, then ready with source, columns and summary', async () => {
    const client = new FakeClient();
    const session = new Session(client);
    const done = session.loadFile(file());
    expect(session.phase).toBe('loading');
    expect(session.fileName).toBe('sweep.csv');
    expect(session.progress).toMatchObject({ phase: 'reading', bytesRead: 0 });
    expect(client.last().req).toMatchObject({ type: 'load', options: { overrides: {} } });
    expect(client.last().req.options.settings).toBeUndefined();

    client.last().onProgress?.({ phase: 'parsing', bytesRead: 10, totalBytes: 40, rows: 2 });
    expect(session.progress).toEqual({ phase: 'parsing', bytesRead: 10, totalBytes: 40, rows: 2 });

    client.last().resolve(loadResult());
    await done;
    expect(session.phase).toBe('ready');
    expect(session.progress).toBeNull();
    expect(session.source).toBe(source);
    expect(session.columns.map((c) => c.name)).toEqual(['trial_id', 'lr', 'val_loss', 'epochs']);
    expect(session.rowCount).toBe(3);
    expect(session.summary?.overview.trials).toBe(3);
    expect(session.reportMarkdown).toBe('# Report\n');
    expect(session.findingGroups.map((g) => g.detector)).toEqual(['nan-metrics']);
    expect(session.columnViews[2]).toMatchObject({
      name: 'val_loss',
      kind: 'number',
      role: { kind: 'metric', split: 'val' },
      reason: 'named like a validation loss',
      overridden: false,
    });
  });

  it('follows a first-pass load of a big sweep with the full analysis', async () => {
    const client = new FakeClient();
    const session = new Session(client);
    const done = session.loadFile(file());
    const first = loadResult();
    first.analysis!.summary.firstPass = true;
    client.last().resolve(first);
    await vi.waitFor(() => expect(client.last().req.type).toBe('analyze'));
    expect(session.phase).toBe('ready');
    expect(session.summary?.firstPass).toBe(true);
    client.last().resolve(analyzeResult());
    await done;
    expect(session.summary?.firstPass).toBeUndefined();
    expect(session.analyzing).toBe(false);
  });

  it('asks the worker for the JSON export of the current analysis', async () => {
    const { client, session } = await loaded();
    const pending = session.exportSummaryJson();
    expect(client.last().req).toMatchObject({ type: 'export', format: 'summary-json' });
    const blob = new Blob(['{"version":1}'], { type: 'application/json' });
    client.last().resolve({ blob });
    expect(await pending).toBe(blob);
    session.reset();
    expect(await session.exportSummaryJson()).toBeNull();
  });

  it('a fatal load error moves to the error phase with file, line and column', async () => {
    const client = new FakeClient();
    const session = new Session(client);
    const done = session.loadFile(file());
    client.last().reject({
      code: 'parse',
      message: 'Unclosed quote',
      file: 'sweep.csv',
      line: 4,
      column: 9,
    });
    await done;
    expect(session.phase).toBe('error');
    expect(session.error).toEqual({
      code: 'parse',
      message: 'Unclosed quote',
      file: 'sweep.csv',
      line: 4,
      column: 9,
    });
    expect(session.progress).toBeNull();
  });

  it('a file read but not analysable is ready without a summary, with a reason and roles', async () => {
    const client = new FakeClient();
    const session = new Session(client);
    const done = session.loadFile(file());
    const result = loadResult(1, false);
    result.source = {
      ...source,
      issues: [
        {
          code: 'no-metrics',
          severity: 'error',
          message: 'No metric columns: nothing to diagnose.',
          file: 'sweep.csv',
        },
      ],
    };
    client.last().resolve(result);
    await done;
    expect(session.phase).toBe('ready');
    expect(session.summary).toBeNull();
    expect(session.notAnalysedReason).toBe('No metric columns: nothing to diagnose.');
    expect(session.columnViews.map((v) => v.role?.kind)).toEqual([
      'id',
      'param',
      'metric',
      'budget',
    ]);
  });

  it('cancel during a load tells the client and returns to the empty page', async () => {
    const client = new FakeClient();
    const session = new Session(client);
    const done = session.loadFile(file());
    const id = client.last().id;
    session.cancel();
    expect(client.cancel).toHaveBeenCalledWith(id);
    expect(session.phase).toBe('empty');
    expect(session.fileName).toBeNull();
    await done;
    expect(session.phase).toBe('empty');
  });

  it('a second load cancels the first and ignores its late answer', async () => {
    const client = new FakeClient();
    const session = new Session(client);
    const first = session.loadFile(file());
    const firstCall = client.last();
    const second = session.loadFile(new File(['x'], 'other.csv'));
    expect(client.cancel).toHaveBeenCalledWith(firstCall.id);
    client.last().resolve(loadResult(2));
    await Promise.all([first, second]);
    expect(session.fileName).toBe('other.csv');
    expect(session.loaded?.datasetId).toBe(2);
  });

  it('setRole re-runs analyze on the same dataset with the overrides', async () => {
    const { client, session } = await loaded();
    const param: Role = { kind: 'param' };
    const done = session.setRole('epochs', param);
    expect(session.analyzing).toBe(true);
    expect(session.busy).toBe(true);
    expect(client.last().req).toEqual({
      type: 'analyze',
      datasetId: 1,
      options: { overrides: { epochs: param }, settings: testDefaults },
    });
    expect(session.columnViews[3]).toMatchObject({
      role: param,
      reason: 'set by you',
      overridden: true,
      inferred: { kind: 'budget', unit: 'epochs' },
    });
    client.last().resolve(analyzeResult({ epochs: param }));
    await done;
    expect(session.analyzing).toBe(false);
    expect(session.overrides).toEqual({ epochs: param });
    expect(session.summary?.roles[3]).toMatchObject({ role: param, overridden: true });
  });

  it('setting a role back to the inferred one drops the override; resetRoles drops all', async () => {
    const { client, session } = await loaded();
    const p1 = session.setRole('lr', { kind: 'ignore' });
    client.last().resolve(analyzeResult({ lr: { kind: 'ignore' } }));
    await p1;
    const p2 = session.setRole('lr', { kind: 'param' });
    expect(client.last().req.options.overrides).toEqual({});
    client.last().resolve(analyzeResult());
    await p2;
    expect(session.overrides).toEqual({});

    const p3 = session.setRole('val_loss', null);
    client.last().resolve(analyzeResult());
    await p3;
    const p4 = session.setRole('trial_id', { kind: 'ignore' });
    client.last().resolve(analyzeResult({ trial_id: { kind: 'ignore' } }));
    await p4;
    const p5 = session.resetRoles();
    expect(client.last().req.options.overrides).toEqual({});
    client.last().resolve(analyzeResult());
    await p5;
    expect(session.overrides).toEqual({});
  });

  it('a failed re-analysis keeps the file, clears the summary and explains why', async () => {
    const { client, session } = await loaded();
    const done = session.setRole('val_loss', { kind: 'ignore' });
    client.last().reject({ code: 'unsupported', message: 'No metric columns left.' });
    await done;
    expect(session.phase).toBe('ready');
    expect(session.loaded).not.toBeNull();
    expect(session.summary).toBeNull();
    expect(session.analysisError?.message).toBe('No metric columns left.');
    expect(session.notAnalysedReason).toBe('No metric columns left.');
    expect(session.overrides).toEqual({ val_loss: { kind: 'ignore' } });
  });

  it('after a worker restart (unknown dataset) the file is read again with the overrides', async () => {
    const { client, session } = await loaded();
    const done = session.setRole('lr', { kind: 'ignore' });
    client.last().reject({ code: 'unknown-dataset', message: 'Unknown dataset 1' });
    await flush();
    expect(client.last().req).toMatchObject({
      type: 'load',
      options: { overrides: { lr: { kind: 'ignore' } } },
    });
    const reloaded = loadResult(7);
    reloaded.analysis = analyzeResult({ lr: { kind: 'ignore' } });
    client.last().resolve(reloaded);
    await done;
    expect(session.loaded?.datasetId).toBe(7);
    expect(session.summary?.roles[1].overridden).toBe(true);
    expect(session.analysisError).toBeNull();
  });

  it('cancel during a re-analysis restores the overrides on screen', async () => {
    const { client, session } = await loaded();
    const done = session.setRole('lr', { kind: 'ignore' });
    session.cancel();
    expect(client.cancel).toHaveBeenCalledWith(client.last().id);
    await done;
    expect(session.analyzing).toBe(false);
    expect(session.overrides).toEqual({});
    expect(session.summary?.overview.trials).toBe(3);
  });

  it('setRole is ignored unless a file is ready', async () => {
    const client = new FakeClient();
    const session = new Session(client);
    await session.setRole('lr', { kind: 'ignore' });
    expect(client.calls).toHaveLength(0);
  });

  it('reset forgets everything and cancels what runs', async () => {
    const { client, session } = await loaded();
    session.toggleRun('b');
    const done = session.setRole('lr', { kind: 'ignore' });
    session.reset();
    expect(client.cancel).toHaveBeenCalled();
    await done;
    expect(session.phase).toBe('empty');
    expect(session.loaded).toBeNull();
    expect(session.summary).toBeNull();
    expect(session.overrides).toEqual({});
    expect(session.selectedRunIds).toEqual([]);
    expect(session.analyzing).toBe(false);
  });

  it('selects runs for cross-cell highlighting', async () => {
    const { session } = await loaded();
    session.toggleRun('b');
    expect(session.isSelected('b')).toBe(true);
    session.toggleRun('c');
    expect(session.selectedRunIds).toEqual(['b', 'c']);
    session.toggleRun('b');
    expect(session.selectedRunIds).toEqual(['c']);
    expect(session.isSelected('b')).toBe(false);
    session.selectRuns(['a']);
    expect(session.selectedRunIds).toEqual(['a']);
    session.clearSelection();
    expect(session.selectedRunIds).toEqual([]);
  });

  it('dispose cancels and disposes the client', async () => {
    const client = new FakeClient();
    const session = new Session(client);
    session.dispose();
    expect(client.dispose).toHaveBeenCalled();
  });
});

describe('Session.loadExample', () => {
  it('fetches ./examples/<name>.csv and loads it as a File', async () => {
    const client = new FakeClient();
    const fetch = vi.fn(async (_url: string) => new Response('a,b\n1,2\n', { status: 200 }));
    const session = new Session(client, { fetch });
    const done = session.loadExample('planted-sweep');
    expect(session.phase).toBe('loading');
    expect(session.fileName).toBe('planted-sweep.csv');
    await flush();
    expect(fetch.mock.calls[0][0]).toBe('./examples/planted-sweep.csv');
    const req = client.last().req;
    expect(req.type).toBe('load');
    if (req.type !== 'load') throw new Error('expected a load');
    expect(req.files.map((f) => f.path)).toEqual(['planted-sweep.csv']);
    expect(await req.files[0].file.text()).toBe('a,b\n1,2\n');
    client.last().resolve(loadResult());
    await done;
    expect(session.phase).toBe('ready');
  });

  it('a missing example is a clear error', async () => {
    const fetch = vi.fn(async () => new Response('nope', { status: 404, statusText: 'Not Found' }));
    const session = new Session(new FakeClient(), { fetch });
    await session.loadExample('seed-sample');
    expect(session.phase).toBe('error');
    expect(session.error).toMatchObject({
      message: 'Could not fetch the example seed-sample.csv: HTTP 404 Not Found',
      file: 'seed-sample.csv',
    });
  });

  it('cancel while fetching aborts the fetch and returns to the empty page', async () => {
    let signal: AbortSignal | undefined;
    const fetch = vi.fn(
      (_url: string, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const client = new FakeClient();
    const session = new Session(client, { fetch });
    const done = session.loadExample('seed-sample');
    session.cancel();
    await done;
    expect(signal?.aborted).toBe(true);
    expect(session.phase).toBe('empty');
    expect(client.calls).toHaveLength(0);
  });
});
