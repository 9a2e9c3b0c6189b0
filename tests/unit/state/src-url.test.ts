import { describe, expect, it } from 'vitest';
import {
  fetchSrc,
  fetchSrcFiles,
  fileNameOf,
  resolveSrc,
  SrcError,
  srcParams,
} from '../../../src/lib/state/src-url';

const PAGE = 'https://team.example/hpi/?src=x';
type Init = RequestInit | undefined;

function fakeFetch(routes: Record<string, (init: Init) => Response | Promise<Response>>) {
  const calls: { url: string; init: Init }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const route = routes[url];
    if (!route) throw new TypeError('Failed to fetch');
    return route(init);
  };
  return { fetch, calls };
}

const signal = new AbortController().signal;

describe('src parameters', () => {
  it('reads every src, in order, skipping empty ones', () => {
    expect(srcParams('?src=a.csv&src=&x=1&src=https%3A%2F%2Fo.example%2Fb.csv')).toEqual([
      'a.csv',
      'https://o.example/b.csv',
    ]);
    expect(srcParams('')).toEqual([]);
  });

  it('resolves relative links against the page', () => {
    expect(resolveSrc('examples/planted-sweep.csv', PAGE).href).toBe(
      'https://team.example/hpi/examples/planted-sweep.csv',
    );
    expect(resolveSrc('/data/a.csv', PAGE).href).toBe('https://team.example/data/a.csv');
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/csv,a,b',
    'file:///etc/passwd',
    'blob:https://team.example/x',
    'ftp://host/a.csv',
  ])('refuses %j', (raw) => {
    expect(() => resolveSrc(raw, PAGE)).toThrow(/only http and https links/);
  });
});

describe('file names', () => {
  const url = new URL('https://h.example/runs/lr%3D1e-3/results%20final.csv?sig=1');
  it('take the last path segment, decoded', () => {
    expect(fileNameOf(url, null)).toBe('results final.csv');
  });
  it('prefer Content-Disposition, RFC 5987 first', () => {
    expect(fileNameOf(url, 'attachment; filename="sweep.csv"')).toBe('sweep.csv');
    expect(fileNameOf(url, "attachment; filename=a.csv; filename*=UTF-8''%C3%A9t%C3%A9.csv")).toBe(
      'été.csv',
    );
  });
  it('never yield a path or nothing', () => {
    expect(fileNameOf(url, 'attachment; filename="../../x.csv"')).toBe('.._.._x.csv');
    expect(fileNameOf(new URL('https://h.example/'), null)).toBe('download');
  });
});

describe('fetchSrc', () => {
  it('returns the bytes as a named File and reports progress', async () => {
    const { fetch } = fakeFetch({
      'https://team.example/hpi/a.csv': () =>
        new Response('a,b\n1,2\n', {
          headers: { 'content-length': '8', 'content-type': 'text/csv' },
        }),
    });
    const seen: number[] = [];
    const file = await fetchSrc(new URL('https://team.example/hpi/a.csv'), {
      fetch,
      signal,
      pageOrigin: 'https://team.example',
      onProgress: (read) => seen.push(read),
    });
    expect(file.name).toBe('a.csv');
    expect(await file.text()).toBe('a,b\n1,2\n');
    expect(seen.at(-1)).toBe(8);
  });

  it('names the HTTP status', async () => {
    const { fetch } = fakeFetch({
      'https://team.example/missing.csv': () =>
        new Response('nope', { status: 404, statusText: 'Not Found' }),
    });
    await expect(
      fetchSrc(new URL('https://team.example/missing.csv'), {
        fetch,
        signal,
        pageOrigin: 'https://team.example',
      }),
    ).rejects.toThrow('the server answered HTTP 404 Not Found');
  });

  it('tells a CORS refusal from a network failure', async () => {
    // Reachable without CORS (the no-cors probe answers), refused with it.
    const cors = fakeFetch({});
    const probe = async (url: string, init?: RequestInit) => {
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      return cors.fetch(url, init);
    };
    await expect(
      fetchSrc(new URL('https://other.example/a.csv'), {
        fetch: probe,
        signal,
        pageOrigin: 'https://team.example',
      }),
    ).rejects.toThrow(
      'the server at https://other.example does not allow cross-origin reads (CORS)',
    );
    const offline = fakeFetch({});
    await expect(
      fetchSrc(new URL('https://other.example/a.csv'), {
        fetch: offline.fetch,
        signal,
        pageOrigin: 'https://team.example',
      }),
    ).rejects.toThrow('the network request failed');
    // Same origin: no probe, it is the network.
    const same = fakeFetch({});
    await expect(
      fetchSrc(new URL('https://team.example/a.csv'), {
        fetch: same.fetch,
        signal,
        pageOrigin: 'https://team.example',
      }),
    ).rejects.toThrow('the network request failed');
    expect(same.calls).toHaveLength(1);
  });

  it('refuses files over the limit, declared or streamed', async () => {
    const big = 'x'.repeat(2000);
    const declared = fakeFetch({
      'https://team.example/big.csv': () =>
        new Response(big, { headers: { 'content-length': '2000' } }),
    });
    const options = { signal, pageOrigin: 'https://team.example', maxBytes: 1000 };
    await expect(
      fetchSrc(new URL('https://team.example/big.csv'), { ...options, fetch: declared.fetch }),
    ).rejects.toThrow(/it is 0 MiB, more than the 0 MiB a link may load/);
    const streamed = fakeFetch({
      'https://team.example/big.csv': () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode(big));
              c.close();
            },
          }),
        ),
    });
    await expect(
      fetchSrc(new URL('https://team.example/big.csv'), { ...options, fetch: streamed.fetch }),
    ).rejects.toBeInstanceOf(SrcError);
  });
});

describe('fetchSrcFiles', () => {
  it('refuses the lot before fetching when one link has a bad scheme', async () => {
    const { fetch, calls } = fakeFetch({});
    await expect(
      fetchSrcFiles(['a.csv', 'javascript:alert(1)'], { fetch, signal, pageUrl: PAGE }),
    ).rejects.toThrow(/Refused to open "javascript:alert\(1\)"/);
    expect(calls).toHaveLength(0);
  });

  it('keeps the folders of several links in the paths', async () => {
    const ok = (text: string) => () => new Response(text);
    const { fetch } = fakeFetch({
      'https://team.example/hpi/runs/lr-1e-3/log.csv': ok('a'),
      'https://team.example/hpi/runs/lr-1e-2/log.csv': ok('bb'),
    });
    const { files, label } = await fetchSrcFiles(['runs/lr-1e-3/log.csv', 'runs/lr-1e-2/log.csv'], {
      fetch,
      signal,
      pageUrl: PAGE,
    });
    expect(label).toBe('2 files');
    expect(files.map((f) => f.path)).toEqual(['runs/lr-1e-3/log.csv', 'runs/lr-1e-2/log.csv']);
  });
});
