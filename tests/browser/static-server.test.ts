/** The dependency-free static server behind `npm start`, the browser tests and the bench. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../scripts/static-server.mjs';

let base: string;
let root: string;

/** Raw GET so paths like `/../x` reach the server un-normalised. */
function get(
  port: number,
  rawPath: string,
  method = 'GET',
): Promise<{ status: number; type: string; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body,
          location: res.headers.location,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

afterAll(() => rm(base, { recursive: true, force: true }));

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'hpi-serve-'));
  root = path.join(base, 'dist');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(base, 'secret.txt'), 'outside the root');
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>hpi</title>');
  const assets: Record<string, string> = {
    'app.js': 'export {}',
    'worker.mjs': 'export {}',
    'style.css': 'body{}',
    'icon.svg': '<svg/>',
    'data.json': '{}',
    'mod.wasm': '\0asm',
    'sample.csv': 'a,b\n1,2\n',
    'app.js.map': '{}',
    'odd name.csv': 'x\n1\n',
  };
  for (const [name, text] of Object.entries(assets)) {
    await writeFile(path.join(root, 'assets', name), text);
  }
});

describe('static server at /', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer({ root, port: 0 });
  });
  afterAll(() => s.close());

  it('serves index.html for / with an html type', async () => {
    const r = await get(s.port, '/');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/html/);
    expect(r.body).toContain('<title>hpi</title>');
    expect(s.url).toBe(`http://localhost:${s.port}/`);
  });

  it.each([
    ['app.js', /^text\/javascript/],
    ['worker.mjs', /^text\/javascript/],
    ['style.css', /^text\/css/],
    ['icon.svg', /^image\/svg\+xml/],
    ['data.json', /^application\/json/],
    ['mod.wasm', /^application\/wasm$/],
    ['sample.csv', /^text\/csv/],
    ['app.js.map', /^application\/json/],
  ])('serves %s with the right MIME type', async (name, type) => {
    const r = await get(s.port, `/assets/${name}`);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(type);
  });

  it('decodes percent-escapes and ignores query strings', async () => {
    expect((await get(s.port, '/assets/odd%20name.csv?v=1')).status).toBe(200);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(s.port, '/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get(s.port, '/', 'POST')).status).toBe(405);
  });

  it.each([
    '/missing.js',
    '/assets',
    '/assets/',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%00index.html',
    '/%E0%A4%A',
  ])('returns 404 for %s', async (p) => {
    const r = await get(s.port, p);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('outside the root');
  });
});

describe('static server under a sub-path', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer({ root, port: 0, subPath: 'team/hpi' });
  });
  afterAll(() => s.close());

  it('serves the folder under the prefix only', async () => {
    expect(s.url).toBe(`http://localhost:${s.port}/team/hpi/`);
    expect((await get(s.port, '/team/hpi/')).status).toBe(200);
    expect((await get(s.port, '/team/hpi/assets/app.js')).status).toBe(200);
    expect((await get(s.port, '/')).status).toBe(404);
    expect((await get(s.port, '/assets/app.js')).status).toBe(404);
    expect((await get(s.port, '/team/hpi/../secret.txt')).status).toBe(404);
  });

  it('redirects the prefix without its trailing slash', async () => {
    const r = await get(s.port, '/team/hpi?x=1');
    expect(r.status).toBe(301);
    expect(r.location).toBe('/team/hpi/?x=1');
  });
});

describe('static server with extra headers', () => {
  it('sends them with every file, e.g. a Content-Security-Policy', async () => {
    const csp = "default-src 'self'";
    const s = await startServer({ root, port: 0, headers: { 'Content-Security-Policy': csp } });
    try {
      for (const p of ['/', '/assets/app.js']) {
        const r = await new Promise<string | undefined>((resolve, reject) => {
          request({ host: '127.0.0.1', port: s.port, path: p }, (res) => {
            res.resume();
            resolve(res.headers['content-security-policy'] as string | undefined);
          })
            .on('error', reject)
            .end();
        });
        expect(r).toBe(csp);
      }
    } finally {
      await s.close();
    }
  });
});

describe('port selection', () => {
  it('moves to the next port when the requested one is busy', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as { port: number }).port;
    try {
      const s = await startServer({ root, port: busy });
      try {
        expect(s.port).toBeGreaterThan(busy);
        expect((await get(s.port, '/')).status).toBe(200);
      } finally {
        await s.close();
      }
    } finally {
      blocker.close();
    }
  });

  it('fails clearly when there is nothing to serve', async () => {
    await expect(startServer({ root: path.join(root, 'nope'), port: 0 })).rejects.toThrow(
      /npm run build/,
    );
  });
});
