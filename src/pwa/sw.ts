/// <reference lib="webworker" />
/**
 * The offline service worker. Built by src/pwa/vite-plugin.ts into dist/sw.js with the precache
 * manifest prepended; it has no imports, so nothing (workbox included) is loaded from elsewhere.
 *
 * - Precache: every file the app needs to open and analyse offline (shell, chunks, workers,
 *   plotly, examples) is fetched at install into a cache named after the build's version.
 * - Lazy: the web-llm code (two ~6 MB chunks most users never load) is cached on first use, so
 *   the narrative works offline once it has been used online. Model weights never pass through
 *   here: they are cross-origin (or outside the app's files) and web-llm caches them itself.
 * - Updates: skipWaiting + clientsClaim, and the app's navigations are network-first, so the next
 *   load after a deployment runs it without a "reload" prompt. The previous version's cache is
 *   kept one more deployment so a tab still running it can lazily load its old chunks.
 */
import type { PrecacheManifest } from './manifest';

declare const self: ServiceWorkerGlobalScope;
declare const __HPI_PRECACHE__: PrecacheManifest;

const PREFIX = 'hpi-precache-';
const CACHE = PREFIX + __HPI_PRECACHE__.version;
/** Where install records the revisions it cached, to reuse unchanged files next time. */
const MANIFEST_KEY = '__hpi-precache-manifest__';
/** A navigation waits this long for the network before it falls back to the cached app. */
const NAVIGATION_TIMEOUT_MS = 4000;

const scope = self.registration.scope;
const abs = (url: string): string => new URL(url, scope).href;
const revisions = new Map(__HPI_PRECACHE__.entries.map((e) => [abs(e.url), e.revision]));
const lazy = new Set(__HPI_PRECACHE__.lazy.map(abs));
const shell = abs('index.html');
const assetsPrefix = abs('assets/');

self.addEventListener('install', (event) => {
  // A failed install (offline half-way) leaves no half-filled cache to be taken for a version.
  const install = precache().catch(async (error: unknown) => {
    await caches.delete(CACHE);
    throw error;
  });
  event.waitUntil(install.then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(pruneCaches().then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  // Third parties (model weights, an LLM endpoint, `?src=` data on another host) and files
  // outside the app folder go straight to the network.
  if (url.origin !== self.location.origin || !url.href.startsWith(scope)) return;
  const bare = url.origin + url.pathname;
  if (request.mode === 'navigate' && (bare === scope || bare === shell)) {
    event.respondWith(navigate(request));
  } else if (revisions.has(url.href)) {
    event.respondWith(cacheFirst(url.href, false));
  } else if (lazy.has(url.href)) {
    event.respondWith(cacheFirst(url.href, true));
  } else if (url.href.startsWith(assetsPrefix)) {
    // A hashed file of the previous version, asked for by a tab that still runs it.
    event.respondWith(cacheFirst(url.href, false));
  }
});

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const previous = await previousCache();
  const old = previous ? await readRevisions(previous) : new Map<string, string>();
  const keep = async (url: string, revision: string): Promise<boolean> => {
    if (!previous || old.get(url) !== revision) return false;
    const hit = await previous.match(url);
    if (hit) await cache.put(url, hit);
    return hit !== undefined;
  };
  await Promise.all(
    [...revisions].map(async ([url, revision]) => {
      if (await keep(url, revision)) return;
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`precache: ${url} answered HTTP ${response.status}`);
      await cache.put(url, await unredirected(response));
    }),
  );
  // web-llm chunks already fetched by the previous version stay offline-ready when unchanged.
  await Promise.all([...lazy].map((url) => keep(url, 'lazy')));
  const record = Object.fromEntries([...revisions, ...[...lazy].map((u) => [u, 'lazy'])]);
  await cache.put(MANIFEST_KEY, new Response(JSON.stringify(record)));
}

/** The most recently created cache of an earlier version, if any. */
async function previousCache(): Promise<Cache | undefined> {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  const last = names.at(-1);
  return last ? caches.open(last) : undefined;
}

async function readRevisions(cache: Cache): Promise<Map<string, string>> {
  const hit = await cache.match(MANIFEST_KEY);
  if (!hit) return new Map();
  try {
    return new Map(Object.entries((await hit.json()) as Record<string, string>));
  } catch {
    return new Map();
  }
}

/** Keeps the current cache and the one before it; older versions have no tab left to serve. */
async function pruneCaches(): Promise<void> {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  await Promise.all(names.slice(0, -1).map((n) => caches.delete(n)));
}

/** A redirected response cannot answer a navigation: copy it into a fresh one. */
async function unredirected(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

async function navigate(request: Request): Promise<Response> {
  const network = fetch(request);
  network.catch(() => undefined); // a late failure after the timeout is not an error
  const timeout = new Promise<undefined>((resolve) =>
    setTimeout(resolve, NAVIGATION_TIMEOUT_MS, undefined),
  );
  try {
    const response = await Promise.race([network, timeout]);
    if (response) return response;
  } catch {
    // Offline or the host is down: the cached app below.
  }
  const cached = await matchOurs(shell);
  return cached ?? network;
}

async function cacheFirst(url: string, store: boolean): Promise<Response> {
  const cached = await matchOurs(url);
  if (cached) return cached;
  const response = await fetch(url);
  if (store && response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(url, response.clone());
  }
  return response;
}

/** Looks in this version's cache first, then in the previous version's. */
async function matchOurs(url: string): Promise<Response | undefined> {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  for (const name of [CACHE, ...names.reverse()]) {
    const hit = await (await caches.open(name)).match(url);
    if (hit) return hit;
  }
  return undefined;
}
