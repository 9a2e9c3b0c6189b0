import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import { buildMarkdownReport } from '../../../src/lib/report';
import { REPORT_LEADERBOARD_ROWS } from '../../../src/lib/report/curves';
import { curveDataset } from '../analysis/curves/curve-dataset';
import { curve, healthyLoss, run } from '../analysis/curves/helpers';

const sections = (md: string) => md.match(/^#{1,2} .+$/gm);
const analyzeCurves = (d: ReturnType<typeof curveDataset>) =>
  analyze(d, { overrides: {}, settings: DEFAULT_SETTINGS });

describe('Training curves section', () => {
  const md = buildMarkdownReport(analyzeCurves(curveDataset()));

  it('comes right after the overview when curves were loaded', () => {
    expect(sections(md)?.slice(0, 4)).toEqual([
      '# Hyperparameter Sweep Pathology Report',
      '## Overview',
      '## Training curves',
      '## Issue breakdown',
    ]);
  });

  it('states what was loaded and ranks the default metric with every component', () => {
    expect(md).toContain('- Runs: 6 (');
    expect(md).toContain('- Points: 528');
    expect(md).toContain('### Leaderboard: eval/loss (lower is better)');
    expect(md).toMatch(/\| 1 \| run\\_1\\_lr-0\.0001 \| /);
    expect(md).toMatch(/Method: Composite rank = mean of three component ranks/);
  });

  it('lists curve findings in the issue breakdown', () => {
    expect(md).toContain('| NaN/Inf in a curve | critical | 1 | 1 |');
    expect(md).toContain('### Loss spikes');
  });

  it('shows the top rows only and escapes run ids', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `<img src=x onerror=alert(${i})>|*${i}*`);
    const set = {
      runs: ids.map((id) => run(id)),
      curves: ids.map((id, i) => curve(id, 'loss', healthyLoss(20, i + 1))),
    };
    const out = buildMarkdownReport(analyzeCurves(curveDataset('curve-logs', set)));
    const board = out.slice(out.indexOf('### Leaderboard'), out.indexOf('Method:'));
    expect(
      board
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| Rank') && !l.startsWith('| ---'))
        .length,
    ).toBe(REPORT_LEADERBOARD_ROWS);
    expect(out).toContain(`Top ${REPORT_LEADERBOARD_ROWS} of 12 runs`);
    const html = marked.parse(out, { async: false });
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<em>\d+<\/em>/);
  });

  it('is absent without curves', () => {
    const d = curveDataset('csv-table');
    delete d.curves;
    delete d.curveRows;
    expect(buildMarkdownReport(analyzeCurves(d))).not.toContain('## Training curves');
  });
});
