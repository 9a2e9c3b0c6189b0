import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import { buildMarkdownReport, REPORT_TITLE } from '../../../src/lib/report';
import {
  analyzeTable,
  seedSampleTable,
  sourceOf,
  tableFromColumns,
} from '../analysis/table-helper';

const sections = (md: string) => md.match(/^#{1,2} .+$/gm);

describe('buildMarkdownReport', () => {
  const summary = analyzeTable(seedSampleTable());
  const md = buildMarkdownReport(summary);

  it('has the title and exactly the six sections, in order', () => {
    expect(REPORT_TITLE).toBe('Hyperparameter Sweep Pathology Report');
    expect(sections(md)).toEqual([
      '# Hyperparameter Sweep Pathology Report',
      '## Overview',
      '## Issue breakdown',
      '## Hyperparameter pathologies',
      '## Importance and best region',
      '## Recommendations',
      '## Data quality',
    ]);
  });

  it('reports the overview numbers', () => {
    expect(md).toContain('- Trials: 6');
    expect(md).toContain('- Healthy (no critical or warning finding): 2 (33%)');
    expect(md).toContain('- With issues: 4 (67%)');
  });

  it('lists each finding with its evidence, why and what to try', () => {
    expect(md).toContain('| NaN/Inf metrics | critical | 2 | 2 | 2, 4 |');
    expect(md).toContain('val\\_loss / train\\_loss = 5.333 (threshold: ≥ 1.5)');
    expect(md).toContain('val\\_loss = inf (threshold: not finite)');
    expect(md).toMatch(/Why it matters: /);
    expect(md).toMatch(/What to try: /);
  });

  it('names the hyperparameter pathology with bucket, rate, n, lift, q and trial ids', () => {
    expect(md).toContain(
      '- **lr** 0.01 to 0.02: NaN/Inf metrics in 2 of 2 trials (100%) vs 33% overall; lift 3.0×, p = 0.067, q = 1, not significant. Trials: 2, 4.',
    );
    expect(md).toContain('| lr | 0.01 to 0.02 | 2 | 2 | 100% | 1.5× | 1 | 2, 4 |');
    // Six trials cannot pass the correction: the report says so instead of hiding the pattern.
    expect(md).toMatch(/This sweep is too small for any single pattern to pass that correction/);
  });

  it('gives the primary metric, Spearman correlations and says why importance is missing', () => {
    expect(md).toContain('- Primary metric: **val\\_loss** (validation loss, lower is better)');
    expect(md).toContain('| lr | −0.80 (n = 4, p = 0.33, exact) |');
    expect(md).toMatch(/Hyperparameter importance was not computed/);
    expect(md).toMatch(/No best region/);
  });

  it('says what to log next time', () => {
    expect(md).toMatch(/\d+\. \*\*What to log next time:\*\*\n {3}- Log the number of classes/);
    expect(md).toMatch(/ {3}- Log the random seed of every trial/);
  });

  it('turns patterns into concrete recommendations', () => {
    const recs = md.slice(md.indexOf('## Recommendations'), md.indexOf('## Data quality'));
    expect(recs).toContain('1. Avoid **lr** ≥ 0.01: NaN/Inf metrics in 2 of 2 trials');
    expect(recs).toMatch(/keep lr ≤ 0\.005/);
  });

  it('is deterministic', () => {
    expect(buildMarkdownReport(analyzeTable(seedSampleTable()))).toBe(md);
  });

  it('extends the data-quality section with the tests and what could not be computed', () => {
    const quality = md.slice(md.indexOf('## Data quality'));
    expect(quality).toMatch(/- Association tests: 55 \(one-sided Fisher exact test/);
    expect(quality).toMatch(/importance needs at least 10/);
  });

  it('renders as valid markdown with tables', () => {
    const html = marked.parse(md, { async: false });
    expect(html).toContain('<table>');
    expect(html).toContain('<h2>Hyperparameter pathologies</h2>');
  });
});

describe('buildMarkdownReport with hostile data', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const table = tableFromColumns(
    {
      run_id: ['[click](javascript:alert(1))', 'b', 'c'],
      status: ['<script>alert(1)</script>', 'failed', 'ok'],
      [evil]: [1, 2, 3],
      val_loss: ['NaN', 0.3, 0.2],
    },
    ['run_id'],
  );
  const summary = analyze(
    { source: sourceOf(table, 'evil<b>.csv'), table },
    { overrides: {}, settings: DEFAULT_SETTINGS },
  );
  const html = marked.parse(buildMarkdownReport(summary), { async: false });

  it('never lets column names, run ids, statuses or file names become HTML or links', () => {
    expect(summary.overview.params).toContain(evil);
    expect(html).not.toMatch(/<img|<script|<a |<b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('evil&lt;b&gt;.csv');
  });
});

describe('buildMarkdownReport on quiet data', () => {
  it('says when nothing was found', () => {
    const md = buildMarkdownReport(
      analyzeTable(tableFromColumns({ trial_id: [1, 2], val_loss: [0.2, 0.3] })),
    );
    expect(md).toContain('No detector found anything in this sweep.');
    expect(md).toContain('No issues were found, so there is nothing to link to hyperparameters.');
    expect(md).toMatch(/1\. No pathologies found/);
  });

  it('says when there are no metric columns', () => {
    const md = buildMarkdownReport(
      analyzeTable(tableFromColumns({ trial_id: [1, 2], lr: [0.1, 0.2] })),
    );
    expect(md).toMatch(/No metric columns were recognised/);
    expect(md).toMatch(/1\. Nothing could be checked without metric columns/);
  });
});
