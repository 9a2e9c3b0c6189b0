/**
 * End to end on the public files in ../shared/data (skipped when that folder is absent):
 * every sweep CSV is read and analysed without an error, and the original tool's sample gives
 * the findings the issue asks for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import { readCsv, type ByteSource } from '../../../src/lib/ingest';
import type { AnalysisSummary } from '../../../src/lib/model';
import { buildMarkdownReport } from '../../../src/lib/report';

const DIR = join(import.meta.dirname, '../../../../shared/data/real/sweep_csv');
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.csv')) : [];

function fileSource(path: string, name: string): ByteSource {
  const blob = new Blob([readFileSync(path)]);
  return { name, size: blob.size, stream: () => blob.stream(), slice: (a, b) => blob.slice(a, b) };
}

async function analyzeFile(name: string): Promise<AnalysisSummary> {
  const hooks = { onProgress: () => {}, isCancelled: () => false };
  const dataset = await readCsv(fileSource(join(DIR, name), name), hooks);
  return analyze(dataset, { overrides: {}, settings: DEFAULT_SETTINGS });
}

describe.skipIf(files.length === 0)('real sweep CSVs', () => {
  it.each(files)('%s is analysed and reported', async (name) => {
    const summary = await analyzeFile(name);
    expect(buildMarkdownReport(summary)).toContain('## Overview');
    if (summary.overview.metrics.length === 0) {
      expect(summary.dataQuality.join(' ')).toMatch(/No metric columns/);
    }
  });

  it.skipIf(!files.includes('hpi_sample_results.csv'))(
    'hpi_sample_results.csv: trials 2, 3, 4 and 5 with their evidence',
    async () => {
      const summary = await analyzeFile('hpi_sample_results.csv');
      const ids = summary.findings.map((f) => f.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'failed-status:2',
          'nan-metrics:2',
          'nan-metrics:4',
          'overfitting:3',
          'short-run:5',
        ]),
      );
      const ratio = summary.findings
        .find((f) => f.id === 'overfitting:3')
        ?.evidence.find((e) => e.label === 'val_loss / train_loss');
      expect(Number(ratio?.value)).toBeCloseTo(5.33, 1);
      const markdown = buildMarkdownReport(summary);
      const sections = markdown.match(/^## .+$/gm);
      expect(sections).toEqual([
        '## Overview',
        '## Issue breakdown',
        '## Hyperparameter pathologies',
        '## Importance and best region',
        '## Recommendations',
        '## Data quality',
      ]);
    },
  );
});
