/**
 * The offline app: dist/sw.js precaches everything the app needs, and after one visit the page
 * opens, reads a dropped file, and runs the embedded examples (plotly included) with no network.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/static-server.mjs';
import type { PrecacheManifest } from '../../src/pwa/manifest';
import { SEED_CSV } from './fixtures';
import {
  distDir,
  upload,
  useHarness,
  waitForCurvePlot,
  waitForFindings,
  type Harness,
} from './harness';

async function readManifest(): Promise<PrecacheManifest> {
  const sw = await readFile(path.join(distDir, 'sw.js'), 'utf8');
  const json = sw.match(/^const __HPI_PRECACHE__ = (\{.*\});$/m)?.[1];
  if (!json) throw new Error('dist/sw.js has no precache manifest line');
  return JSON.parse(json) as PrecacheManifest;
}

async function distFiles(): Promise<string[]> {
  const found = await readdir(distDir, { recursive: true, withFileTypes: true });
  return found
    .filter((d) => d.isFile())
    .map((d) => path.relative(distDir, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
}

/** Resolves once the service worker is active and controls this page. */
async function waitForController(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
    return registration.scope;
  });
}

/** URLs held by this build's precache (the install finished before the worker activated). */
async function cachedUrls(page: Page, version: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    const cache = await caches.open(name);
    return (await cache.keys()).map((r) => r.url);
  }, `hpi-precache-${version}`);
}

/**
 * Proves the context really is offline: a request the worker does not answer must fail. The
 * failure it causes is expected, so it is taken back out of the harness's problem list.
 */
async function expectOffline(h: Harness, page: Page): Promise<void> {
  h.allowConsoleErrors(/ERR_INTERNET_DISCONNECTED/);
  const probe = new URL('not-precached.txt', h.url).href;
  const outcome = await page.evaluate(
    (url) =>
      fetch(url, { cache: 'no-store' }).then(
        () => 'online',
        () => 'offline',
      ),
    probe,
  );
  expect(outcome).toBe('offline');
  for (let i = h.problems.length - 1; i >= 0; i--) {
    if (h.problems[i].includes(probe)) h.problems.splice(i, 1);
  }
}

describe('the precache manifest in dist/sw.js', () => {
  it('lists every file of the build except source maps and the web-llm code', async () => {
    const manifest = await readManifest();
    const entries = manifest.entries.map((e) => e.url);
    const files = await distFiles();
    const app = files.filter((f) => !f.endsWith('.map') && f !== 'sw.js');
    // Nothing is forgotten: each file is precached or cached on first use, never both.
    expect([...entries, ...manifest.lazy].sort()).toEqual(app.sort());
    expect(entries.filter((u) => manifest.lazy.includes(u))).toEqual([]);

    const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
    const linked = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(linked.length).toBeGreaterThanOrEqual(3);
    for (const url of ['index.html', 'manifest.webmanifest', ...linked]) {
      expect(entries).toContain(url);
    }
    expect(entries.some((u) => /^assets\/analysis\.worker-[\w-]+\.js$/.test(u))).toBe(true);
    expect(entries.some((u) => /^assets\/plotly[\w.-]*\.js$/.test(u))).toBe(true);
    const lora = JSON.parse(
      await readFile(path.join(distDir, 'examples/lora-sweep/manifest.json'), 'utf8'),
    ) as { files: string[] };
    for (const file of ['planted-sweep.csv', 'seed-sample.csv', 'lora-sweep/manifest.json']) {
      expect(entries).toContain(`examples/${file}`);
    }
    for (const file of lora.files) expect(entries).toContain(`examples/lora-sweep/${file}`);

    // The web-llm worker and library are cached on first use only; no weights live in dist.
    expect(manifest.lazy.some((u) => /webllm\.worker-/.test(u))).toBe(true);
    expect(entries.some((u) => /webllm|\.wasm$|\.bin$/.test(u))).toBe(false);
    expect(new Set(manifest.entries.map((e) => e.revision)).size).toBeGreaterThan(1);
  });
});

describe('offline after the first visit', () => {
  const h = useHarness();

  it('reloads with no network, reads a dropped file and runs the examples', async () => {
    const manifest = await readManifest();
    const page = await h.open();
    expect(await waitForController(page)).toBe(h.url);
    const cached = await cachedUrls(page, manifest.version);
    for (const entry of manifest.entries) expect(cached).toContain(new URL(entry.url, h.url).href);

    await page.context().setOffline(true);
    const response = await page.reload({ waitUntil: 'load' });
    expect(response?.fromServiceWorker()).toBe(true);
    await expectOffline(h, page);

    await upload(page, { name: 'seed.csv', content: SEED_CSV });
    const found = await waitForFindings(page);
    expect(found.some((f) => f.detector === 'failed-status' && f.runs.includes('2'))).toBe(true);

    await page.click('[data-testid="new-analysis"]');
    await page.click('[data-testid="example-planted"]');
    expect((await waitForFindings(page)).some((f) => f.detector === 'nan-metrics')).toBe(true);

    // The folder example (tfevents files) and its plotly curves, all from the cache.
    await page.click('[data-testid="new-analysis"]');
    await page.click('[data-testid="example-lora"]');
    expect((await waitForFindings(page)).length).toBeGreaterThan(0);
    await waitForCurvePlot(page);
  });
});

describe('offline under a sub-path', () => {
  const h = useHarness({ subPath: '/team/hpi/' });

  it('scopes the worker to the deployment folder and opens offline there', async () => {
    const page = await h.open();
    expect(await waitForController(page)).toBe(h.url);
    await page.context().setOffline(true);
    // A query string (a `?src=` link) still gets the cached app.
    const response = await page.goto(new URL('?v=2', h.url).href, { waitUntil: 'load' });
    expect(response?.fromServiceWorker()).toBe(true);
    await page.click('[data-testid="example-seed"]');
    expect((await waitForFindings(page)).length).toBeGreaterThan(0);
  });
});

describe('a new deployment', () => {
  const h = useHarness();

  it('is what the next load runs, online and then offline, refetching only what changed', async () => {
    // A deployment of our own to change: dist without its source maps.
    const root = await mkdtemp(path.join(os.tmpdir(), 'hpi-deploy-'));
    await cp(distDir, root, { recursive: true, filter: (f) => !f.endsWith('.map') });
    const served: string[] = [];
    const server = await startServer({ root, port: 0, log: (line) => served.push(line) });
    const context = await h.browser.newContext();
    try {
      const errors: string[] = [];
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${server.origin}/`);
      await waitForController(page);
      const first = await readManifest();

      // Deploy: a changed index.html, and the sw.js a build would write for it.
      const html = await readFile(path.join(root, 'index.html'), 'utf8');
      await writeFile(path.join(root, 'index.html'), html.replace(/<title>[^<]*/, '<title>v2'));
      const sw = await readFile(path.join(root, 'sw.js'), 'utf8');
      const second: PrecacheManifest = {
        ...first,
        version: 'deploy2',
        entries: first.entries.map((e) => (e.url === 'index.html' ? { ...e, revision: 'x' } : e)),
      };
      await writeFile(
        path.join(root, 'sw.js'),
        sw.replace(
          /^const __HPI_PRECACHE__ = .*$/m,
          `const __HPI_PRECACHE__ = ${JSON.stringify(second)};`,
        ),
      );

      // The next load runs the new version (navigations are network-first)...
      served.length = 0;
      await page.reload({ waitUntil: 'load' });
      expect(await page.title()).toBe('v2');
      // ...and the new worker takes over without a prompt, fetching only the changed file.
      await expect
        .poll(() => page.evaluate(() => caches.keys()), { timeout: 20_000 })
        .toContain('hpi-precache-deploy2');
      await expect
        .poll(
          () =>
            page.evaluate(async () => {
              const registration = await navigator.serviceWorker.getRegistration();
              return (
                registration?.active?.state === 'activated' &&
                !registration.installing &&
                !registration.waiting
              );
            }),
          { timeout: 20_000 },
        )
        .toBe(true);
      const paths = served.map((line) => line.split(' ')[2]);
      expect(paths).toContain('/index.html');
      expect(paths.filter((p) => p !== '/' && p !== '/sw.js' && p !== '/index.html')).toEqual([]);
      // The previous version's cache stays for tabs still running it; older ones go.
      expect(await page.evaluate(() => caches.keys())).toEqual([
        `hpi-precache-${first.version}`,
        'hpi-precache-deploy2',
      ]);

      await context.setOffline(true);
      await page.reload({ waitUntil: 'load' });
      expect(await page.title()).toBe('v2');
      await page.click('[data-testid="example-seed"]');
      expect((await waitForFindings(page)).length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
