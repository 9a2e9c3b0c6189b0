/** Report parts built from the parameter–issue associations: patterns and the advice they imply. */
import type { AnalysisSummary, Association, AssociationBucket } from '../model';
import { formatNumber as fmt } from '../model';
import { escapeList, escapeMarkdown as esc } from './escape';

/** Hyperparameters shown in the issue-rate table; the JSON summary has all of them. */
const MAX_TABLE_PARAMS = 12;
const MISSING_LABEL = '(missing)';

interface Pattern {
  association: Association;
  bucket: AssociationBucket;
}

function issueLabel(s: AnalysisSummary, issue: Association['issue']): string {
  if (issue === 'any') return 'any issue';
  return s.detectorCounts.find((d) => d.detector === issue)?.label ?? issue;
}

/** Hot buckets, strongest lift first; an 'any' pattern repeating a detector's pattern is dropped. */
export function hotPatterns(s: AnalysisSummary): Pattern[] {
  const patterns: Pattern[] = [];
  for (const association of s.associations) {
    const bucket = association.buckets.find((b) => b.label === association.hotBucket);
    if (bucket) patterns.push({ association, bucket });
  }
  const specific = patterns.filter((p) => p.association.issue !== 'any');
  return patterns
    .filter(
      (p) =>
        p.association.issue !== 'any' ||
        !specific.some(
          (q) =>
            q.association.param === p.association.param &&
            q.bucket.label === p.bucket.label &&
            q.bucket.withIssue === p.bucket.withIssue,
        ),
    )
    .sort((a, b) => lift(b) - lift(a));
}

function lift(p: Pattern): number {
  return p.association.baseRate > 0 ? p.bucket.rate / p.association.baseRate : 0;
}

function rateText(s: AnalysisSummary, p: Pattern): string {
  const { bucket, association } = p;
  return `${esc(issueLabel(s, association.issue))} in ${bucket.withIssue} of ${bucket.trials} trials (${Math.round(100 * bucket.rate)}%) vs ${Math.round(100 * association.baseRate)}% overall`;
}

export function pathologiesSection(s: AnalysisSummary): string {
  const lines = ['## Hyperparameter pathologies', ''];
  if (s.associations.length === 0) {
    lines.push('No issues were found, so there is nothing to link to hyperparameters.');
    return lines.join('\n');
  }
  const patterns = hotPatterns(s);
  for (const p of patterns) {
    lines.push(
      `- **${esc(p.association.param)}** ${esc(p.bucket.label)}: ${rateText(s, p)}. Trials: ${escapeList(p.bucket.runIds)}.`,
    );
  }
  if (patterns.length === 0) {
    lines.push(
      'No hyperparameter bucket has a clearly higher issue rate than the sweep as a whole (a pattern needs at least 2 affected trials and a rate at least 1.5× and 20 points above the overall rate).',
    );
  }
  const anyIssue = s.associations.filter((a) => a.issue === 'any');
  if (anyIssue.length > 0) {
    lines.push(
      '',
      'Issue rate (any critical or warning finding) by hyperparameter bucket:',
      '',
      '| Hyperparameter | Bucket | Trials | With issue | Rate | Trials with issue |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const a of anyIssue.slice(0, MAX_TABLE_PARAMS)) {
      for (const b of a.buckets) {
        lines.push(
          `| ${esc(a.param)} | ${esc(b.label)} | ${b.trials} | ${b.withIssue} | ${Math.round(100 * b.rate)}% | ${escapeList(b.runIds, 5)} |`,
        );
      }
    }
    if (anyIssue.length > MAX_TABLE_PARAMS) {
      lines.push(
        '',
        `${anyIssue.length - MAX_TABLE_PARAMS} more hyperparameters are in the JSON summary.`,
      );
    }
  }
  return lines.join('\n');
}

/** "Avoid lr ≥ 0.01: …" — one item per hot pattern, phrased by where the bucket lies. */
export function patternRecommendations(s: AnalysisSummary): string[] {
  return hotPatterns(s).map((p) => {
    const param = `**${esc(p.association.param)}**`;
    return `${rangeAdvice(param, p)}: ${rateText(s, p)}; trials ${escapeList(p.bucket.runIds, 5)}.`;
  });
}

function rangeAdvice(param: string, { association, bucket }: Pattern): string {
  if (bucket.label === MISSING_LABEL) return `Check the trials where ${param} is missing`;
  if (association.kind === 'category' || bucket.lo === undefined || bucket.hi === undefined) {
    return `Avoid ${param} = ${esc(bucket.label)} or find out why it fails`;
  }
  if (bucket.lo === bucket.hi) return `Avoid ${param} = ${esc(fmt(bucket.lo))}`;
  const ranges = association.buckets.filter((b) => b.lo !== undefined);
  if (bucket === ranges[ranges.length - 1]) return `Avoid ${param} ≥ ${esc(fmt(bucket.lo))}`;
  if (bucket === ranges[0]) return `Avoid ${param} ≤ ${esc(fmt(bucket.hi))}`;
  return `Avoid ${param} between ${esc(fmt(bucket.lo))} and ${esc(fmt(bucket.hi))}`;
}
