import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { generatePlantedSweep } from '../../../src/lib/fixtures';
import { buildMarkdownReport } from '../../../src/lib/report';
import { analyzeTable, tableFromColumns, tableFromCsv } from '../analysis/table-helper';
import { oneDriverSweep } from '../analysis/stats/sweeps';

const section = (md: string, title: string) => {
  const start = md.indexOf(`## ${title}`);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end < 0 ? undefined : end);
};

describe('importance and best region in the report', () => {
  const summary = analyzeTable(oneDriverSweep(5, 100, 0.1));
  const md = buildMarkdownReport(summary);
  const insights = section(md, 'Importance and best region');

  it('ranks hyperparameters by importance with their Spearman ρ', () => {
    expect(insights).toMatch(/Hyperparameter importance: fANOVA main effects of a random forest/);
    const rows = insights.match(/^\| [a-z\\_]+ \| [\d.<]+% \| .+ \|$/gm) ?? [];
    expect(rows[0]).toMatch(/^\| lr \| \d+% \| −?0\.\d\d \(n = 100, p = [\d.]+\) \|$/);
    expect(insights).toMatch(/Interactions between hyperparameters explain the remaining \d+%/);
  });

  it('shows the best region with the searched range and how sure it is', () => {
    expect(insights).toMatch(/Best region: the 10 best of 100 ranked trials by val\\_loss/);
    expect(insights).toMatch(
      /^\| lr \| [\de.-]+ to [\de.-]+ \| [\de.-]+ to [\de.-]+ \(log\) \| \d+% \| high \(p [<=] [\d.]+\) \|$/m,
    );
  });

  it('recommends where to search next and what to stop tuning', () => {
    const recs = section(md, 'Recommendations');
    expect(recs).toMatch(
      /Narrow \*\*lr\*\* to [\de.-]+ to [\de.-]+, sampled log-uniformly: the best trials use/,
    );
    expect(recs).toMatch(
      /high confidence, p [<=] [\d.]+; importance \d+%; from the 10 best trials by val\\_loss/,
    );
    expect(recs).toMatch(/barely matters? for val\\_loss/);
    expect(recs).toMatch(/No pathologies found/);
  });

  it('tells the user to extend the range when the best trials sit on its edge', () => {
    const x = Array.from({ length: 30 }, (_, i) => i + 1);
    const edge = buildMarkdownReport(
      analyzeTable(tableFromColumns({ trial_id: x, warmup: x, val_acc: x.map((v) => v / 100) })),
    );
    expect(edge).toMatch(/Search \*\*warmup\*\* from 26 upwards and extend the range above 30/);
  });
});

describe('every pattern carries its evidence', () => {
  const summary = analyzeTable(tableFromCsv(generatePlantedSweep(42, 60).csv));
  const md = buildMarkdownReport(summary);

  it('bucket, rate, n, lift, q and trial ids for each hot bucket', () => {
    const patterns = section(md, 'Hyperparameter pathologies').match(/^- \*\*.+$/gm) ?? [];
    const hot = summary.associations.filter((a) => a.hotBucket !== null);
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.length).toBeLessThanOrEqual(hot.length);
    for (const line of patterns) {
      expect(line).toMatch(
        /^- \*\*.+\*\* .+: .+ in \d+ of \d+ trials \(\d+%\) vs \d+% overall; lift [\d.]+×, p [<=] [\d.]+, q [<=] [\d.]+, (not )?significant\. Trials: .+\.$/,
      );
    }
    expect(md).toContain('Avoid **lr** ≥ 0.0033: NaN/Inf metrics in 9 of 15 trials (60%)');
    expect(md).toContain('Avoid **weight\\_decay** = 0: Overfitting in 6 of 19 trials');
  });
});

describe('hostile names in the statistics sections', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const n = 24;
  const table = tableFromColumns({
    trial_id: Array.from({ length: n }, (_, i) => `[r${i}](javascript:alert(1))`),
    [evil]: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? '<b>x</b>' : `*v${i % 2}*`)),
    lr: Array.from({ length: n }, (_, i) => 10 ** (-5 + (4 * i) / n)),
    val_loss: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 'NaN' : 1 - i / n)),
  });
  const summary = analyzeTable(table, { trial_id: { kind: 'id' } });
  const html = marked.parse(buildMarkdownReport(summary), { async: false });

  it('never lets names, values or run ids become HTML or links', () => {
    expect(summary.recommendedRegion?.params.some((p) => p.param === evil)).toBe(true);
    expect(html).not.toMatch(/<img|<a |<b>|<em>v/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
