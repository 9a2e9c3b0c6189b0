/** Downloads kept on disk for the rest of a test file, and a report opened from file:// offline. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Harness } from './harness';

export type SaveDownload = (page: Page, testId: string) => Promise<string>;

/**
 * A temporary folder for this test file's downloads, removed after it. The saved name keeps only
 * the suggested name's extension: hostile tests suggest names no file system should be given.
 */
export function useDownloadDir(prefix: string): SaveDownload {
  let dir = '';
  let count = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return async (page, testId) => {
    await page.locator(`[data-testid="${testId}"]`).scrollIntoViewIfNeeded();
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click(`[data-testid="${testId}"]`),
    ]);
    const file = path.join(dir, `${++count}${path.extname(dl.suggestedFilename())}`);
    await dl.saveAs(file);
    return file;
  };
}

export interface OpenedReport {
  page: Page;
  problems: string[];
  requests: string[];
  close: () => Promise<void>;
}

/**
 * Opens a downloaded report from file:// in a context with the network switched off, collecting
 * page errors, console errors, dialogs and every request it tries. The caller calls `close`.
 */
export async function openOffline(
  h: Harness,
  file: string,
  initScript?: string | (() => void),
): Promise<OpenedReport> {
  const context = await h.browser.newContext();
  await context.setOffline(true);
  const problems: string[] = [];
  const requests: string[] = [];
  // Anything but the file itself is a request the report must not make.
  await context.route(/^(?!file:)/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems, requests, close: () => context.close() };
}
