/** `?src=<url>` links: the app opens hosted files as if they had been dropped. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../scripts/static-server.mjs';
import { SEED_CSV } from './fixtures';
import { testIdText, useHarness, waitForFindings, waitForSettled, type Harness } from './harness';

/** Takes the expected entries out of the problems the harness would fail the test on. */
function expectProblems(h: Harness, pattern: RegExp): void {
  const expected = h.problems.filter((p) => pattern.test(p));
  expect(expected.length).toBeGreaterThan(0);
  for (const p of expected) h.problems.splice(h.problems.indexOf(p), 1);
}

async function loadError(h: Harness, query: string): Promise<string> {
  const page = await h.open(query);
  await page.locator('[data-testid="load-error"]').waitFor({ timeout: 15_000 });
  return testIdText(page, 'load-error');
}

describe('?src= links', () => {
  const h = useHarness();
  let dir = '';
  let other: RunningServer | undefined;
  let open: RunningServer | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hpi-src-'));
    await writeFile(path.join(dir, 'seed.csv'), SEED_CSV);
    // Two other origins (another port): one without CORS headers, one that allows any origin.
    other = await startServer({ root: dir, port: 0 });
    open = await startServer({
      root: dir,
      port: 0,
      headers: { 'Access-Control-Allow-Origin': '*' },
    });
  });
  afterAll(async () => {
    await other?.close();
    await open?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens a file hosted beside the app and shows its findings', async () => {
    const page = await h.open('?src=examples/planted-sweep.csv');
    const found = await waitForFindings(page);
    expect(found.some((f) => f.detector === 'nan-metrics')).toBe(true);
    expect(await page.locator('body').innerText()).toContain('planted-sweep.csv');
    expect(h.requests.some((u) => u.endsWith('/examples/planted-sweep.csv'))).toBe(true);
  });

  it('opens several links as one dataset, run names from their folders', async () => {
    const runs = [
      'run_1_lr-5e-5_rank-8/logs/events.out.tfevents.1700000438.gpu-node-1',
      'run_2_lr-1e-4_rank-8/logs/events.out.tfevents.1700007353.gpu-node-1',
    ];
    const query = runs.map((r) => `src=${encodeURIComponent(`examples/lora-sweep/${r}`)}`);
    const page = await h.open(`?${query.join('&')}`);
    await waitForSettled(page, ['overview-trials']);
    expect(await testIdText(page, 'overview-trials')).toMatch(/\b2\b/);
    const text = await page.locator('body').innerText();
    expect(text).toContain('run_1_lr-5e-5_rank-8');
  });

  it('says which HTTP status a missing file got', async () => {
    h.allowConsoleErrors(/404/);
    const text = await loadError(h, '?src=examples/no-such-file.csv');
    expect(text).toContain('HTTP 404');
    expect(text).toContain('/examples/no-such-file.csv');
    expectProblems(h, /HTTP 404 for .*no-such-file\.csv/);
  });

  it('refuses javascript:, data: and file: links without fetching anything', async () => {
    for (const src of ['javascript:alert(1)', 'data:text/csv,a%0A1', 'file:///etc/passwd']) {
      const text = await loadError(h, `?src=${encodeURIComponent(src)}`);
      expect(text).toContain('only http and https links are loaded');
    }
    expect(h.requests.some((u) => /^(javascript|data|file):/.test(u))).toBe(false);
  });

  it('names a CORS refusal, and reads from a server that allows it', async () => {
    h.allowConsoleErrors(/CORS policy|Failed to load resource/);
    const refused = `${other!.origin}/seed.csv`;
    const text = await loadError(h, `?src=${encodeURIComponent(refused)}`);
    expect(text).toContain(
      `the server at ${other!.origin} does not allow cross-origin reads (CORS)`,
    );
    expectProblems(h, /request failed: .*seed\.csv/);

    const page = await h.open(`?src=${encodeURIComponent(`${open!.origin}/seed.csv`)}`);
    const found = await waitForFindings(page);
    expect(found.some((f) => f.detector === 'failed-status' && f.runs.includes('2'))).toBe(true);
  });

  it('shows progress while downloading and cancel goes back to the empty page', async () => {
    const page = await h.open();
    let release: () => void = () => undefined;
    await page.route('**/slow.csv', async (route) => {
      await new Promise<void>((resolve) => (release = resolve));
      await route.fulfill({ status: 200, body: SEED_CSV }).catch(() => undefined);
    });
    await page.goto(new URL('?src=slow.csv', h.url).href);
    await page.locator('[data-testid="progress"]').waitFor({ timeout: 10_000 });
    await page.click('[data-testid="cancel"]');
    await page.locator('[data-testid="example-planted"]').waitFor({ timeout: 10_000 });
    release();
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid="load-error"]').count()).toBe(0);
    expect(await page.locator('[data-testid="finding"]').count()).toBe(0);
  });
});
