/**
 * Shared harness for the browser tests: serves the production build in dist/ with the project's
 * own static server, drives the system Chromium through playwright-core, and fails a test on any
 * uncaught page error, console error, failed request or dialog.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startServer, type RunningServer } from '../../scripts/static-server.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = path.join(repoRoot, 'dist');
/** Public data written by others; tests that use it run only when it exists. */
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium binary to drive, or an error that says how to get one. */
export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    throw new Error(
      `No Chromium binary at ${candidate}. The browser tests need one: install it with ` +
        '`sudo apt-get install chromium` (Debian/Ubuntu; `.ci/run` does this) or set ' +
        'CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export interface Harness {
  /** Where the app is served, e.g. `http://127.0.0.1:41234/` or `…/team/hpi/`. */
  readonly url: string;
  readonly origin: string;
  readonly browser: Browser;
  /** Problems seen in the current test: page errors, console errors, failed requests, dialogs. */
  readonly problems: string[];
  /**
   * Every URL the current test's pages requested (including workers), in order; not the service
   * worker's background precache fetches.
   */
  readonly requests: string[];
  /** Opens the app in a fresh context; `relative` is resolved against `url`. */
  open(relative?: string): Promise<Page>;
  /** Console errors matching one of these patterns do not fail the current test. */
  allowConsoleErrors(...patterns: RegExp[]): void;
}

export interface HarnessOptions {
  /** Serve dist under this URL prefix, e.g. `/team/hpi/`. */
  subPath?: string;
  /** Extra response headers, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
}

/**
 * Registers vitest hooks for one test file: one server and one browser for the file, a fresh
 * browser context per `open()`, and an `afterEach` check that fails the test on any problem.
 */
export function useHarness(options: HarnessOptions = {}): Harness {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let allowed: RegExp[] = [];
  const problems: string[] = [];
  const requests: string[] = [];

  // A missing build or browser fails every test with the reason (vitest would report the tests
  // of a failed beforeAll as skipped, which reads like a pass).
  let setupError: unknown;
  beforeAll(async () => {
    try {
      if (!existsSync(path.join(distDir, 'index.html'))) {
        throw new Error(
          `No production build at ${distDir}. Run \`npx vite build\` first ` +
            '(`npm test` and `npm run test:browser` do).',
        );
      }
      browser = await launchChromium();
      server = await startServer({
        root: distDir,
        port: 0,
        subPath: options.subPath ?? '/',
        headers: options.headers,
      });
    } catch (err) {
      setupError = err;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(() => {
    if (setupError) throw setupError;
    problems.length = 0;
    requests.length = 0;
    allowed = [];
  });

  afterEach(async () => {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((c) => c.close().catch(() => undefined)));
    if (problems.length > 0) {
      const list = problems.map((p) => `  - ${p}`).join('\n');
      problems.length = 0;
      throw new Error(`The page reported problems during this test:\n${list}`);
    }
  });

  const harness: Harness = {
    get url() {
      if (!server) throw new Error('harness not started');
      return `${server.origin}${server.subPath}`;
    },
    get origin() {
      if (!server) throw new Error('harness not started');
      return server.origin;
    },
    get browser() {
      if (!browser) throw new Error('harness not started');
      return browser;
    },
    problems,
    requests,
    allowConsoleErrors(...patterns) {
      allowed.push(...patterns);
    },
    async open(relative = '') {
      const context = await harness.browser.newContext({ acceptDownloads: true });
      contexts.push(context);
      context.on('request', (req) => {
        // The offline service worker's own precache downloads are not the page asking for them.
        if (!req.serviceWorker()) requests.push(req.url());
      });
      const page = await context.newPage();
      watch(page, problems, () => allowed);
      await page.goto(new URL(relative, harness.url).href, { waitUntil: 'load' });
      return page;
    },
  };
  return harness;
}

function watch(page: Page, problems: string[], allowed: () => RegExp[]): void {
  page.on('pageerror', (err) => {
    problems.push(`uncaught page error: ${err.stack || err.message}`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (allowed().some((re) => re.test(text))) return;
    const loc = msg.location();
    problems.push(`console error: ${text}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`unexpected ${dialog.type()} dialog: ${JSON.stringify(dialog.message())}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('requestfailed', (req) => {
    // A download's blob URL or a cancelled fetch is not a broken asset.
    if (req.url().startsWith('blob:') || req.url().startsWith('data:')) return;
    const failure = req.failure()?.errorText ?? 'failed';
    if (failure === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} (${failure})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  page.on('crash', () => problems.push('the page crashed'));
}

export * from './page';
