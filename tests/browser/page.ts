/** Page helpers for the browser tests, written against the UI's test ids (see README.md). */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

export const FILE_INPUT = 'input[type=file][data-testid="file-input"]';

export interface FileSpec {
  name: string;
  content: string | Buffer;
  mimeType?: string;
}

/** Uploads files through the real file input (a path for big files, a buffer otherwise). */
export async function upload(page: Page, files: FileSpec | FileSpec[] | string): Promise<void> {
  if (typeof files === 'string') {
    await page.setInputFiles(FILE_INPUT, files);
    return;
  }
  const list = Array.isArray(files) ? files : [files];
  await page.setInputFiles(
    FILE_INPUT,
    list.map((f) => ({
      name: f.name,
      mimeType: f.mimeType ?? 'text/csv',
      buffer: typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content,
    })),
  );
}

export interface RenderedFinding {
  detector: string;
  severity: string;
  runs: string[];
  text: string;
}

export async function findings(page: Page): Promise<RenderedFinding[]> {
  return page.$$eval('[data-testid="finding"]', (els) =>
    els.map((el) => ({
      detector: el.getAttribute('data-detector') ?? '',
      severity: el.getAttribute('data-severity') ?? '',
      runs: (el.getAttribute('data-runs') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
      text: (el as HTMLElement).innerText || el.textContent || '',
    })),
  );
}

export async function waitForFindings(page: Page, timeout = 20_000): Promise<RenderedFinding[]> {
  await page.locator('[data-testid="finding"]').first().waitFor({ state: 'attached', timeout });
  // Cards mount a few per frame: wait until the count has stopped growing.
  let last = -1;
  let stable = 0;
  const deadline = Date.now() + timeout;
  while (stable < 3 && Date.now() < deadline) {
    const count = await page.locator('[data-testid="finding"]').count();
    stable = count === last ? stable + 1 : 0;
    last = count;
    await page.waitForTimeout(100);
  }
  return findings(page);
}

/** Waits until no progress bar is shown and one of the given test ids is present. */
export async function waitForSettled(
  page: Page,
  testIds: string[] = ['overview-trials', 'finding', 'load-error', 'parse-issue'],
  timeout = 20_000,
): Promise<string> {
  const handle = await page.waitForFunction(
    (ids: string[]) => {
      if (document.querySelector('[data-testid="progress"]')) return false;
      return ids.find((id) => document.querySelector(`[data-testid="${id}"]`)) ?? false;
    },
    testIds,
    { timeout, polling: 100 },
  );
  return (await handle.jsonValue()) as string;
}

export function pick(
  list: RenderedFinding[],
  detector: string,
  run?: string,
): RenderedFinding | undefined {
  return list.find((f) => f.detector === detector && (run === undefined || f.runs.includes(run)));
}

/** Clicks a download button and returns the downloaded file's name and text. */
export async function download(
  page: Page,
  testId: string,
): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 15_000 }),
    page.click(`[data-testid="${testId}"]`),
  ]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: await readFile(file, 'utf8') };
}

export async function testIdText(page: Page, testId: string): Promise<string> {
  return page.locator(`[data-testid="${testId}"]`).first().innerText();
}

export const FOLDER_INPUT = 'input[type=file][data-testid="folder-input"]';

/** Uploads a whole directory through the real `webkitdirectory` input. */
export async function uploadFolder(page: Page, dir: string): Promise<void> {
  await page.setInputFiles(FOLDER_INPUT, dir);
}

export interface PlotTrace {
  uid: string;
  points: number;
  firstY: number | null;
}

/** The traces plotly drew in the Curves cell (read from the plot element's `data`). */
export async function curveTraces(page: Page): Promise<PlotTrace[]> {
  return page.$eval('[data-testid="curve-plot"]', (el) => {
    const data = (el as HTMLElement & { data?: { uid?: string; y?: ArrayLike<number> }[] }).data;
    return (data ?? []).map((t) => {
      const ys = Array.from(t.y ?? []);
      const mid = ys[Math.floor(ys.length / 2)];
      return {
        uid: t.uid ?? '',
        points: ys.length,
        firstY: typeof mid === 'number' && Number.isFinite(mid) ? mid : null,
      };
    });
  });
}

/** Scrolls a cell into view (cells use content-visibility: auto) and waits for the plot to draw. */
export async function waitForCurvePlot(page: Page, minDrawn = 1, timeout = 30_000): Promise<void> {
  await page.locator('[data-testid="cell-curves"]').scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (min: number) => {
      const el = document.querySelector('[data-testid="curve-plot"]');
      return (
        !!el &&
        Number(el.getAttribute('data-drawn')) >= min &&
        !!el.querySelector('.main-svg') &&
        !document.querySelector('[data-testid="curves-caption"]')?.textContent?.includes('updating')
      );
    },
    minDrawn,
    { timeout, polling: 100 },
  );
}
