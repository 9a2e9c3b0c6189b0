/** Downloads kept on disk for the rest of a test file (e.g. an HTML report opened from file://). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

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
