import { describe, expect, it, vi } from 'vitest';
import {
  createAnalysisClient,
  isCancelled,
  toWorkerError,
  WorkerRequestError,
  type WorkerLike,
} from '../../../src/lib/worker/client';
import type { AnalyzeResult, FromWorker, ToWorker } from '../../../src/lib/worker/protocol';
import type { AnalysisSummary, DetectorSettings } from '../../../src/lib/model';

/** A worker that records what it is sent and lets the test answer. */
class FakeWorker implements WorkerLike {
  sent: ToWorker[] = [];
  terminated = false;
  private listeners = new Map<string, ((event: Event) => void)[]>();

  postMessage(message: ToWorker): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.sent.push(message);
  }
  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(message: FromWorker): void {
    for (const l of this.listeners.get('message') ?? []) l({ data: message } as MessageEvent);
  }
  crash(message = 'boom'): void {
    const event = { message, preventDefault: vi.fn() } as unknown as ErrorEvent;
    for (const l of this.listeners.get('error') ?? []) l(event);
  }
  lastId(): number {
    const last = this.sent[this.sent.length - 1];
    return last.id;
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const factory = vi.fn(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const client = createAnalysisClient(factory);
  return { client, factory, workers };
}

const analyzeResult = {
  summary: { version: 1 } as unknown as AnalysisSummary,
  reportMarkdown: '# Report',
  settings: {} as DetectorSettings,
} satisfies AnalyzeResult;

describe('createAnalysisClient', () => {
  it('starts the worker lazily, on the first request, and reuses it', async () => {
    const { client, factory, workers } = setup();
    expect(factory).not.toHaveBeenCalled();
    expect(client.running).toBe(false);

    const a = client.request({ type: 'analyze', datasetId: 3, options: { overrides: {} } });
    const b = client.request({ type: 'analyze', datasetId: 3, options: { overrides: {} } });
    expect(factory).toHaveBeenCalledTimes(1);
    expect(client.running).toBe(true);
    expect(workers[0].sent).toEqual([
      { type: 'analyze', id: a.id, datasetId: 3, options: { overrides: {} } },
      { type: 'analyze', id: b.id, datasetId: 3, options: { overrides: {} } },
    ]);
    expect(a.id).not.toBe(b.id);

    workers[0].emit({
      kind: 'response',
      id: b.id,
      ok: true,
      type: 'analyze',
      result: analyzeResult,
    });
    workers[0].emit({
      kind: 'response',
      id: a.id,
      ok: true,
      type: 'analyze',
      result: analyzeResult,
    });
    await expect(a).resolves.toBe(analyzeResult);
    await expect(b).resolves.toBe(analyzeResult);
  });

  it('routes progress events to the request they belong to', async () => {
    const { client, workers } = setup();
    const onProgress = vi.fn();
    const other = vi.fn();
    const file = new File(['a,b\n1,2\n'], 'x.csv');
    const p = client.request(
      { type: 'load', files: [{ file, path: 'x.csv' }], options: { overrides: {} } },
      onProgress,
    );
    client.request(
      { type: 'load', files: [{ file, path: 'x.csv' }], options: { overrides: {} } },
      other,
    );
    const progress = { phase: 'reading', bytesRead: 4, totalBytes: 8, rows: 1 } as const;
    workers[0].emit({ kind: 'progress', id: p.id, progress });
    expect(onProgress).toHaveBeenCalledWith(progress);
    expect(other).not.toHaveBeenCalled();
  });

  it('rejects with a typed WorkerRequestError carrying file, line and column', async () => {
    const { client, workers } = setup();
    const p = client.request({
      type: 'load',
      files: [{ file: new File([''], 'bad.csv'), path: 'bad.csv' }],
      options: { overrides: {} },
    });
    workers[0].emit({
      kind: 'response',
      id: p.id,
      ok: false,
      error: { code: 'parse', message: 'Unclosed quote', file: 'bad.csv', line: 7, column: 12 },
    });
    const error = await p.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerRequestError);
    expect(error).toMatchObject({
      code: 'parse',
      message: 'Unclosed quote',
      file: 'bad.csv',
      line: 7,
      column: 12,
    });
    expect(toWorkerError(error)).toEqual({
      code: 'parse',
      message: 'Unclosed quote',
      file: 'bad.csv',
      line: 7,
      column: 12,
    });
  });

  it('cancel rejects at once, tells the worker, and ignores the late answer', async () => {
    const { client, workers } = setup();
    const p = client.request({ type: 'analyze', datasetId: 1, options: { overrides: {} } });
    client.cancel(p.id);
    expect(workers[0].sent[1]).toEqual({ type: 'cancel', id: p.id });
    const error = await p.catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    // A late response must not throw or resolve anything.
    workers[0].emit({
      kind: 'response',
      id: p.id,
      ok: true,
      type: 'analyze',
      result: analyzeResult,
    });
    client.cancel(p.id); // cancelling twice is harmless
    expect(workers[0].sent).toHaveLength(2);
  });

  it('a crash rejects every pending request, and the next request starts a fresh worker', async () => {
    const { client, factory, workers } = setup();
    const a = client.request({ type: 'analyze', datasetId: 1, options: { overrides: {} } });
    const b = client.request({ type: 'analyze', datasetId: 2, options: { overrides: {} } });
    workers[0].crash('SyntaxError: Unexpected token');
    for (const p of [a, b]) {
      const error = await p.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerRequestError);
      expect((error as WorkerRequestError).code).toBe('internal');
      expect((error as Error).message).toMatch(/worker stopped unexpectedly/);
      expect((error as Error).message).toMatch(/SyntaxError: Unexpected token/);
    }
    expect(workers[0].terminated).toBe(true);
    expect(client.running).toBe(false);

    const c = client.request({ type: 'analyze', datasetId: 1, options: { overrides: {} } });
    expect(factory).toHaveBeenCalledTimes(2);
    // Messages from the dead worker are ignored.
    workers[0].emit({
      kind: 'response',
      id: c.id,
      ok: false,
      error: { code: 'internal', message: 'x' },
    });
    workers[1].emit({
      kind: 'response',
      id: c.id,
      ok: true,
      type: 'analyze',
      result: analyzeResult,
    });
    await expect(c).resolves.toBe(analyzeResult);
  });

  it('rejects when the factory throws, and recovers on the next request', async () => {
    let fail = true;
    const fake = new FakeWorker();
    const client = createAnalysisClient(() => {
      if (fail) throw new Error('workers are disabled');
      return fake;
    });
    const p = client.request({ type: 'analyze', datasetId: 1, options: { overrides: {} } });
    await expect(p).rejects.toThrow(/Could not start the analysis worker: workers are disabled/);
    fail = false;
    const q = client.request({ type: 'analyze', datasetId: 1, options: { overrides: {} } });
    fake.emit({ kind: 'response', id: q.id, ok: true, type: 'analyze', result: analyzeResult });
    await expect(q).resolves.toBe(analyzeResult);
  });

  it('dispose terminates the worker, rejects pending requests and refuses new ones', async () => {
    const { client, workers } = setup();
    const p = client.request({ type: 'analyze', datasetId: 1, options: { overrides: {} } });
    client.dispose();
    expect(workers[0].terminated).toBe(true);
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    await expect(
      client.request({ type: 'analyze', datasetId: 1, options: { overrides: {} } }),
    ).rejects.toThrow(/disposed/);
    expect(workers).toHaveLength(1);
    client.dispose(); // idempotent
  });

  it('toWorkerError wraps foreign errors as internal', () => {
    expect(toWorkerError(new TypeError('nope'))).toEqual({ code: 'internal', message: 'nope' });
    expect(toWorkerError('plain')).toEqual({ code: 'internal', message: 'plain' });
  });
});
