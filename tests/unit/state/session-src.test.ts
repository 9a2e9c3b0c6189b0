import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/lib/state/session.svelte';
import { FakeClient, flush } from './fake-client';
import { loadResult } from './fixtures';

const PAGE = 'https://team.example/hpi/';

describe('Session.loadUrls', () => {
  it('downloads with progress, then loads the file under its name', async () => {
    const client = new FakeClient();
    const fetch = vi.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response('a,b\n1,2\n', { headers: { 'content-length': '8' } }),
    );
    const session = new Session(client, { fetch, storage: null });
    const done = session.loadUrls(['sweeps/run%2042.csv?v=2'], PAGE);
    expect(session.phase).toBe('loading');
    expect(session.progress).toMatchObject({ phase: 'reading', bytesRead: 0 });
    await flush();
    await flush();
    expect(fetch.mock.calls[0][0]).toBe('https://team.example/hpi/sweeps/run%2042.csv?v=2');
    const req = client.last().req;
    if (req.type !== 'load') throw new Error('expected a load');
    expect(req.files.map((f) => f.path)).toEqual(['run 42.csv']);
    expect(session.fileName).toBe('run 42.csv');
    client.last().resolve(loadResult());
    await done;
    expect(session.phase).toBe('ready');
  });

  it('a refused scheme is an error naming the link, and nothing is fetched', async () => {
    const fetch = vi.fn();
    const session = new Session(new FakeClient(), { fetch, storage: null });
    await session.loadUrl('javascript:alert(1)');
    expect(session.phase).toBe('error');
    expect(session.error?.message).toContain('only http and https links are loaded');
    expect(session.error?.file).toBe('javascript:alert(1)');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('cancel during the download aborts it and returns to the empty page', async () => {
    let signal: AbortSignal | undefined;
    const fetch = vi.fn(
      (_url: string, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
    );
    const client = new FakeClient();
    const session = new Session(client, { fetch, storage: null });
    const done = session.loadUrls(['a.csv'], PAGE);
    await flush();
    session.cancel();
    await done;
    expect(signal?.aborted).toBe(true);
    expect(session.phase).toBe('empty');
    expect(client.calls).toHaveLength(0);
  });
});
