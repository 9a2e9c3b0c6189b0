import { describe, expect, it } from 'vitest';
import { handleRequest } from '../../../src/lib/worker/handler';
import type { FigureResult, FromWorker, LoadResult } from '../../../src/lib/worker/protocol';

const SEED = `trial_id,status,lr,batch_size,weight_decay,train_loss,val_loss,train_acc,val_acc,epochs,runtime_sec
1,completed,0.001,64,0.0001,0.35,0.42,0.89,0.86,20,320
2,failed,0.01,64,0.0001,NaN,NaN,NaN,NaN,3,45
3,completed,0.0001,16,0.0,0.15,0.80,0.99,0.60,40,600
4,completed,0.02,32,0.0001,0.50,inf,0.80,0.70,10,200
5,completed,0.005,8,0.0001,0.20,0.25,0.95,0.93,5,100
6,completed,0.0005,128,0.001,0.30,0.32,0.90,0.88,25,350
`;

function recordingHost() {
  const messages: { message: FromWorker; transfer: Transferable[] }[] = [];
  return {
    messages,
    post: (message: FromWorker, transfer: Transferable[] = []) =>
      messages.push({ message, transfer }),
  };
}

describe('worker request handler', () => {
  it('loads, analyses and transfers column buffers', async () => {
    const host = recordingHost();
    await handleRequest(
      {
        type: 'load',
        id: 1,
        files: [{ file: new File([SEED], 'seed.csv'), path: 'seed.csv' }],
        options: { overrides: {} },
      },
      host,
      () => false,
    );
    const last = host.messages.at(-1)!;
    expect(last.message.kind).toBe('response');
    if (last.message.kind !== 'response' || !last.message.ok) throw new Error('expected success');
    const result = last.message.result as LoadResult;
    expect(result.rowCount).toBe(6);
    expect(result.analysis?.reportMarkdown).toContain('## Overview');
    const exported = recordingHost();
    await handleRequest(
      { type: 'export', id: 9, datasetId: result.datasetId, format: 'summary-json' },
      exported,
      () => false,
    );
    const reply0 = exported.messages[0].message;
    if (reply0.kind !== 'response' || !reply0.ok) throw new Error('expected export');
    const json = JSON.parse(await (reply0.result as { blob: Blob }).blob.text());
    expect(json.version).toBe(1);
    expect(json.findings.map((f: { id: string }) => f.id)).toContain('overfitting:3');
    expect(last.transfer.length).toBeGreaterThan(10);
    expect(host.messages.some((m) => m.message.kind === 'progress')).toBe(true);

    const again = recordingHost();
    await handleRequest(
      {
        type: 'analyze',
        id: 2,
        datasetId: result.datasetId,
        options: { overrides: { val_loss: { kind: 'ignore' } } },
      },
      again,
      () => false,
    );
    const reply = again.messages[0].message;
    if (reply.kind !== 'response' || !reply.ok) throw new Error('expected success');
    const summary = (
      reply.result as { summary: { roles: { column: string; overridden: boolean }[] } }
    ).summary;
    expect(summary.roles.find((r) => r.column === 'val_loss')?.overridden).toBe(true);
    expect(JSON.stringify(summary).includes('val_loss / train_loss')).toBe(false);
  });

  it('reports parse errors with file and line, cancellation, and unknown datasets', async () => {
    const host = recordingHost();
    await handleRequest(
      {
        type: 'load',
        id: 3,
        files: [{ file: new File([''], 'empty.csv'), path: 'empty.csv' }],
        options: { overrides: {} },
      },
      host,
      () => false,
    );
    expect(host.messages.at(-1)!.message).toMatchObject({
      ok: false,
      error: { code: 'parse', file: 'empty.csv' },
    });

    await handleRequest(
      {
        type: 'load',
        id: 4,
        files: [{ file: new File([SEED], 'seed.csv'), path: 'seed.csv' }],
        options: { overrides: {} },
      },
      host,
      () => true,
    );
    expect(host.messages.at(-1)!.message).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });

    await handleRequest(
      { type: 'analyze', id: 5, datasetId: 999, options: { overrides: {} } },
      host,
      () => false,
    );
    expect(host.messages.at(-1)!.message).toMatchObject({
      ok: false,
      error: { code: 'unknown-dataset' },
    });
  });
});

describe('figure requests', () => {
  it('builds a figure of the latest analysis in the worker, with the axes for the menu', async () => {
    const host = recordingHost();
    const files = [{ file: new File([SEED], 'seed.csv'), path: 'seed.csv' }];
    await handleRequest(
      { type: 'load', id: 1, files, options: { overrides: {} } },
      host,
      () => false,
    );
    const loaded = host.messages.at(-1)!.message;
    if (loaded.kind !== 'response' || !loaded.ok) throw new Error('expected a load');
    const datasetId = (loaded.result as LoadResult).datasetId;
    const ask = async (id: number, theme: 'light' | 'dark') => {
      await handleRequest(
        { type: 'figure', id, datasetId, request: { kind: 'issue-heatmap' }, theme },
        host,
        () => false,
      );
      const message = host.messages.at(-1)!.message;
      if (message.kind !== 'response' || !message.ok) throw new Error('expected a figure');
      return message.result as FigureResult;
    };
    const light = await ask(2, 'light');
    expect(light.spec.kind).toBe('issue-heatmap');
    expect(light.axes.params).toEqual(expect.arrayContaining(['lr', 'batch_size']));
    expect(light.axes.metrics).toEqual(expect.arrayContaining(['val_loss']));
    const dark = await ask(3, 'dark');
    expect(dark.spec.layout.paper_bgcolor).not.toBe(light.spec.layout.paper_bgcolor);
  });

  it('answers unknown-dataset for a dataset that is gone', async () => {
    const host = recordingHost();
    await handleRequest(
      {
        type: 'figure',
        id: 9,
        datasetId: 999_999,
        request: { kind: 'importance' },
        theme: 'light',
      },
      host,
      () => false,
    );
    const message = host.messages.at(-1)!.message;
    expect(message.kind === 'response' && !message.ok && message.error.code).toBe(
      'unknown-dataset',
    );
  });
});
