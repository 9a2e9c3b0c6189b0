/**
 * "Training curves": what was loaded (runs, metrics, points) and the leaderboard of the default
 * metric with every component of the composite rank, so the ranking can be checked by hand.
 * Curve findings themselves are listed in the issue breakdown with the sweep findings.
 */
import { formatNumber, type AnalysisSummary, type CurveSummary, type RankedRun } from '../model';
import { escapeList, escapeMarkdown as esc } from './escape';

/** Leaderboard rows in the report; the JSON summary has every run. */
export const REPORT_LEADERBOARD_ROWS = 10;

const num = (x: number): string => esc(formatNumber(Number(x.toPrecision(4))));

function leaderboardRow(r: RankedRun): string {
  const cells = [
    formatNumber(r.rank),
    esc(r.runId),
    num(r.finalValue),
    num(r.convergenceStep),
    `${num(100 * r.stability)}%`,
    String(r.spikes),
    `${num(r.score)} (final #${formatNumber(r.componentRanks.finalValue)}, convergence #${formatNumber(r.componentRanks.convergence)}, stability #${formatNumber(r.componentRanks.stability)})`,
  ];
  return `| ${cells.join(' | ')} |`;
}

function leaderboard(c: CurveSummary): string[] {
  const ranking = c.rankings.find((r) => r.metric === c.defaultMetric) ?? c.rankings[0];
  if (!ranking || ranking.runs.length === 0) {
    return [
      'No metric was ranked (no loss or held-out score logged, or the ranking is still running).',
    ];
  }
  const better = ranking.direction === 'min' ? 'lower' : 'higher';
  const lines = [
    `### Leaderboard: ${esc(ranking.metric)} (${better} is better)`,
    '',
    '| Rank | Run | Final value | Converged at step | Noise | Spikes | Composite score (component ranks) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...ranking.runs.slice(0, REPORT_LEADERBOARD_ROWS).map(leaderboardRow),
  ];
  if (ranking.runs.length > REPORT_LEADERBOARD_ROWS) {
    lines.push(
      '',
      `Top ${REPORT_LEADERBOARD_ROWS} of ${ranking.runs.length} runs; the JSON summary has all of them.`,
    );
  }
  lines.push('', `Method: ${esc(ranking.method)}`);
  const others = c.rankings.filter((r) => r !== ranking).map((r) => r.metric);
  if (others.length > 0)
    lines.push('', `Also ranked (in the JSON summary): ${escapeList(others)}.`);
  return lines;
}

export function curvesSection(s: AnalysisSummary): string | null {
  const c = s.curves;
  if (!c) return null;
  const withNotes = c.runs.filter((r) => r.notes.length > 0).length;
  const lines = [
    '## Training curves',
    '',
    `- Runs: ${c.runs.length}${
      c.runs.length > 0
        ? ` (${escapeList(
            c.runs.map((r) => r.runId),
            10,
          )})`
        : ''
    }`,
    `- Metrics (${c.metrics.length}): ${
      c.metrics.length > 0
        ? escapeList(
            c.metrics.map((m) => m.metric),
            20,
          )
        : 'none'
    }`,
    `- Points: ${formatNumber(c.totalPoints)}`,
    `- Default metric: ${c.defaultMetric === null ? 'none' : esc(c.defaultMetric)}`,
    ...(withNotes > 0
      ? [
          `- Runs with reader notes (what the logs do not hold): ${withNotes} (listed in the JSON summary)`,
        ]
      : []),
    '',
    ...leaderboard(c),
  ];
  return lines.join('\n');
}
