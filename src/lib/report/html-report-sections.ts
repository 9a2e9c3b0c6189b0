/**
 * The summary parts of the HTML report other than findings: overview, parameter–issue patterns,
 * importance and best region, curve leaderboards, data quality. Built from the summary only,
 * every data-derived string through `html()`.
 */
import { formatNumber, type AnalysisSummary } from '../model';
import { percent, pValue, share } from './format';
import { html } from './html-escape';
import { section } from './html-report-findings';
import { hotPatterns } from './pathologies';

/** Rows per table; the JSON summary has the rest. */
const MAX_ROWS = 15;

const num = (x: number) => html(formatNumber(x));

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${html(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function list(items: readonly string[]): string {
  return `<ul>${items.map((i) => `<li>${html(i)}</li>`).join('')}</ul>`;
}

export function overviewSection(s: AnalysisSummary): string {
  const o = s.overview;
  const fired = s.detectorCounts.filter((d) => d.findings > 0).length;
  const rows: [string, string][] = [
    ['Trials', String(o.trials)],
    ['Healthy (no critical or warning finding)', `${o.healthy} (${percent(o.healthy, o.trials)})`],
    ['With issues', `${o.withIssues} (${percent(o.withIssues, o.trials)})`],
    [
      'Trials by worst severity',
      `critical ${o.bySeverity.critical}, warning ${o.bySeverity.warning}, info ${o.bySeverity.info}`,
    ],
    ['Findings', `${s.findings.length} from ${fired} of ${s.detectorCounts.length} detectors`],
    ['Hyperparameters', o.params.length ? o.params.join(', ') : 'none'],
    ['Metrics', o.metrics.length ? o.metrics.join(', ') : 'none'],
    [
      'Primary metric',
      s.primaryMetric
        ? `${s.primaryMetric.column} (${s.primaryMetric.split} ${s.primaryMetric.family}, ${s.primaryMetric.direction === 'min' ? 'lower' : 'higher'} is better)`
        : 'none recognised',
    ],
  ];
  const dl = rows.map(([k, v]) => `<dt>${html(k)}</dt><dd>${html(v)}</dd>`).join('');
  return section('overview', 'Overview', `<dl class="overview">${dl}</dl>`);
}

export function associationsSection(s: AnalysisSummary): string | null {
  const patterns = hotPatterns(s);
  if (patterns.length === 0) return null;
  const label = (issue: string) =>
    issue === 'any'
      ? 'any issue'
      : (s.detectorCounts.find((d) => d.detector === issue)?.label ?? issue);
  const rows = patterns
    .slice(0, MAX_ROWS)
    .map(({ association: a, bucket: b }) => [
      `<code>${html(a.param)}</code>`,
      html(b.label),
      html(label(a.issue)),
      `${b.withIssue} of ${b.trials} (${share(b.rate)}) vs ${share(a.baseRate)}`,
      Number.isFinite(b.lift) ? `${b.lift.toFixed(1)}×` : num(b.lift),
      html(pValue(b.qValue)),
      a.hotBucketSignificant ? 'yes' : 'no',
    ]);
  const t = s.associationTesting;
  const intro = `<p>Issue rate per hyperparameter bucket where it stands out: ${html(t.method)}, ${t.tests} tests, q ≤ ${t.fdr}${t.powered ? '' : ' (too few trials for any test to reach significance)'}.</p>`;
  return section(
    'associations',
    'Hyperparameter pathologies',
    intro + table(['Hyperparameter', 'Bucket', 'Issue', 'Rate', 'Lift', 'q', 'Significant'], rows),
  );
}

export function importanceSection(s: AnalysisSummary): string {
  const title = 'Importance and best region';
  if (!s.primaryMetric) {
    return section(
      'importance',
      title,
      '<p>No metric column was recognised, so there is nothing to rank trials by.</p>',
    );
  }
  const parts: string[] = [];
  const imp = s.importance;
  if (!imp || imp.params.length === 0) {
    parts.push(
      '<p>Hyperparameter importance was not computed: it needs at least 10 finished trials with a finite value of the metric and a hyperparameter that varies.</p>',
    );
    if (s.correlations.length > 0) {
      parts.push(
        table(
          ['Hyperparameter', 'Spearman ρ', 'p', 'Trials'],
          s.correlations
            .slice(0, MAX_ROWS)
            .map((c) => [
              `<code>${html(c.param)}</code>`,
              c.rho.toFixed(2),
              html(pValue(c.pValue)),
              String(c.n),
            ]),
        ),
      );
    }
  } else {
    parts.push(
      `<p>${html(imp.method)} Metric <code>${html(imp.metric)}</code>, ${imp.trials} finished trials; interactions explain ${share(imp.interactions)}.</p>`,
      table(
        ['Hyperparameter', 'Importance'],
        imp.params
          .slice(0, MAX_ROWS)
          .map((p) => [`<code>${html(p.param)}</code>`, share(p.importance)]),
      ),
    );
  }
  const region = s.recommendedRegion;
  if (region) {
    const best = region.runIds
      .slice(0, 10)
      .map((id, i) => [String(i + 1), `<code>${html(id)}</code>`, num(region.values[i])]);
    parts.push(
      `<h3>Best trials by ${html(region.metric)} (${region.direction === 'max' ? 'higher' : 'lower'} is better)</h3>`,
      table(['Rank', 'Trial', html(region.metric)], best),
      table(
        ['Hyperparameter', 'Best trials', 'Confidence'],
        region.params.map((p) => [
          `<code>${html(p.param)}</code>`,
          p.kind === 'range'
            ? `${num(p.lo)} to ${num(p.hi)} (searched ${num(p.searchedLo)} to ${num(p.searchedHi)})`
            : html(p.values.map((v) => `${v.value} (${v.best} of ${region.topK})`).join(', ')),
          html(p.confidence),
        ]),
      ),
    );
  }
  return section('importance', title, parts.join(''));
}

export function leaderboardSection(s: AnalysisSummary): string | null {
  const rankings = s.curves?.rankings ?? [];
  if (rankings.length === 0) return null;
  const body = rankings
    .map((r) => {
      const rows = r.runs
        .slice(0, MAX_ROWS)
        .map((run) => [
          String(run.rank),
          `<code>${html(run.runId)}</code>`,
          num(run.finalValue),
          html(run.explanation),
        ]);
      return `<h3>${html(r.metric)} (${r.direction === 'max' ? 'higher' : 'lower'} is better)</h3><p class="muted">${html(r.method)}</p>${table(['Rank', 'Run', 'Final value', 'Why'], rows)}`;
    })
    .join('');
  return section('leaderboard', 'Leaderboard', body);
}

export function dataQualitySection(s: AnalysisSummary): string | null {
  const parts: string[] = [];
  if (s.dataQuality.length > 0) parts.push(list(s.dataQuality));
  if (s.logNextTime.length > 0) parts.push('<h3>Log next time</h3>', list(s.logNextTime));
  return parts.length > 0 ? section('data-quality', 'Data quality', parts.join('')) : null;
}
