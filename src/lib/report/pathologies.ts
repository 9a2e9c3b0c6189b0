/** Report parts built from the parameter–issue associations: patterns and the advice they imply. */
import type { AnalysisSummary, Association, AssociationBucket } from '../model';
import { escapeList, escapeMarkdown as esc } from './escape';
import { lift as liftText, num, pEquals, pValue, share } from './format';

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

/**
 * Hot buckets, significant ones first, then strongest lift; an 'any' pattern repeating a
 * detector's pattern (same bucket, same trials) is dropped.
 */
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
    .sort(
      (a, b) =>
        Number(b.association.hotBucketSignificant) - Number(a.association.hotBucketSignificant) ||
        b.bucket.lift - a.bucket.lift ||
        a.bucket.qValue - b.bucket.qValue,
    );
}

function rateText(s: AnalysisSummary, p: Pattern): string {
  const { bucket, association } = p;
  return `${esc(issueLabel(s, association.issue))} in ${bucket.withIssue} of ${bucket.trials} trials (${share(bucket.rate)}) vs ${share(association.baseRate)} overall`;
}

/** "lift 3.0×, p = 0.067, q = 1, not significant". */
function testText(p: Pattern): string {
  const { bucket, association } = p;
  const verdict = association.hotBucketSignificant ? 'significant' : 'not significant';
  return `lift ${liftText(bucket.lift)}, ${pEquals('p', bucket.pValue)}, ${pEquals('q', bucket.qValue)}, ${verdict}`;
}

function testingIntro(s: AnalysisSummary): string[] {
  const t = s.associationTesting;
  const lines = [
    `Each bucket of each hyperparameter is compared with the rest of the sweep by a one-sided Fisher exact test; q-values are Benjamini–Hochberg-adjusted over all ${t.tests} tests. A pattern needs at least 2 affected trials, a rate at least 1.5× and 20 points above the overall rate, and q ≤ ${t.fdr}.`,
  ];
  if (!t.powered) {
    lines.push(
      '',
      `This sweep is too small for any single pattern to pass that correction (even a bucket where every trial is affected would stay above q = ${t.fdr}), so the patterns below rest on their size alone and are marked not significant: confirm them with more trials.`,
    );
  }
  return lines;
}

export function pathologiesSection(s: AnalysisSummary): string {
  const lines = ['## Hyperparameter pathologies', ''];
  if (s.associations.length === 0) {
    lines.push('No issues were found, so there is nothing to link to hyperparameters.');
    return lines.join('\n');
  }
  lines.push(...testingIntro(s), '');
  const patterns = hotPatterns(s);
  for (const p of patterns) {
    lines.push(
      `- **${esc(p.association.param)}** ${esc(p.bucket.label)}: ${rateText(s, p)}; ${testText(p)}. Trials: ${escapeList(p.bucket.runIds)}.`,
    );
  }
  if (patterns.length === 0) {
    lines.push(
      'No hyperparameter bucket has a clearly and significantly higher issue rate than the sweep as a whole.',
    );
  }
  const anyIssue = s.associations.filter((a) => a.issue === 'any');
  if (anyIssue.length > 0) {
    lines.push(
      '',
      'Issue rate (any critical or warning finding) by hyperparameter bucket:',
      '',
      '| Hyperparameter | Bucket | Trials | With issue | Rate | Lift | q | Trials with issue |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const a of anyIssue.slice(0, MAX_TABLE_PARAMS)) {
      for (const b of a.buckets) {
        lines.push(
          `| ${esc(a.param)} | ${esc(b.label)} | ${b.trials} | ${b.withIssue} | ${share(b.rate)} | ${liftText(b.lift)} | ${pValue(b.qValue)} | ${escapeList(b.runIds, 5)} |`,
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

/**
 * "Avoid lr ≥ 0.01: …" — one item per hot bucket, phrased by where the bucket lies, with every
 * issue concentrated there (NaN metrics and failures in the same lr range make one item).
 */
export function patternRecommendations(s: AnalysisSummary): string[] {
  const groups = new Map<string, Pattern[]>();
  for (const p of hotPatterns(s)) {
    const key = JSON.stringify([p.association.param, p.bucket.label]);
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((group) => {
    const param = `**${esc(group[0].association.param)}**`;
    const issues = group.map((p) => `${rateText(s, p)} (${testText(p)})`).join('; ');
    const ids = [...new Set(group.flatMap((p) => p.bucket.runIds))];
    return `${rangeAdvice(param, group[0])}: ${issues}; trials ${escapeList(ids, 5)}.`;
  });
}

function rangeAdvice(param: string, { association, bucket }: Pattern): string {
  if (bucket.label === MISSING_LABEL) return `Check the trials where ${param} is missing`;
  if (association.kind === 'category' || bucket.lo === undefined || bucket.hi === undefined) {
    return `Avoid ${param} = ${esc(bucket.label)} or find out why it fails`;
  }
  if (bucket.lo === bucket.hi) return `Avoid ${param} = ${num(bucket.lo)}`;
  const ranges = association.buckets.filter((b) => b.lo !== undefined);
  if (bucket === ranges[ranges.length - 1]) return `Avoid ${param} ≥ ${num(bucket.lo)}`;
  if (bucket === ranges[0]) return `Avoid ${param} ≤ ${num(bucket.hi)}`;
  return `Avoid ${param} between ${num(bucket.lo)} and ${num(bucket.hi)}`;
}
