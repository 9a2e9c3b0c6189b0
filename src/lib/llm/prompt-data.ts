/**
 * What of the summary goes into the prompt, most important first. Each section is a plain value
 * or a list filled item by item until the token budget runs out (see prompt.ts).
 */
import type { Finding, Severity } from '../model/finding';
import type { AnalysisSummary, RegionParam } from '../model/summary';

export type PromptSection =
  | { kind: 'value'; key: string; label: string; value: unknown }
  | { kind: 'list'; key: string; label: string; items: unknown[] };

const MAX_RUNS_PER_FINDING = 8;

export function projectSummary(summary: AnalysisSummary): PromptSection[] {
  const { overview, source } = summary;
  const sections: PromptSection[] = [
    {
      kind: 'value',
      key: 'dataset',
      label: 'the dataset overview',
      value: {
        file: source.file,
        rows: source.rows,
        trials: overview.trials,
        healthy: overview.healthy,
        withIssues: overview.withIssues,
        bySeverity: overview.bySeverity,
        hyperparameters: overview.params,
        metrics: overview.metrics,
        primaryMetric: summary.primaryMetric,
      },
    },
    findings(summary, 'critical'),
  ];
  const region = summary.recommendedRegion;
  if (region) {
    sections.push({
      kind: 'value',
      key: 'bestRuns',
      label: 'the best runs and the region to search next',
      value: {
        metric: region.metric,
        direction: region.direction,
        ranked: region.ranked,
        best: region.runIds.slice(0, 5).map((id, i) => ({ run: id, value: region.values[i] })),
        region: region.params.slice(0, 5).map(regionParam),
      },
    });
  }
  sections.push(findings(summary, 'warning'));
  const hot = summary.associations.filter((a) => a.hotBucket !== null);
  if (hot.length > 0) {
    sections.push({
      kind: 'list',
      key: 'issueHotSpots',
      label: 'issue hot spots by hyperparameter',
      items: hot.map((a) => {
        const b = a.buckets.find((x) => x.label === a.hotBucket);
        return {
          hyperparameter: a.param,
          issue: a.issue,
          bucket: a.hotBucket,
          trials: b?.trials,
          withIssue: b?.withIssue,
          rate: b?.rate,
          baseRate: a.baseRate,
          significant: a.hotBucketSignificant,
        };
      }),
    });
  }
  if (summary.importance && summary.importance.params.length > 0) {
    sections.push({
      kind: 'value',
      key: 'importance',
      label: 'hyperparameter importance',
      value: {
        metric: summary.importance.metric,
        params: summary.importance.params.slice(0, 6),
      },
    });
  }
  if (summary.correlations.length > 0) {
    sections.push({
      kind: 'value',
      key: 'correlations',
      label: 'rank correlations',
      value: [...summary.correlations]
        .sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho))
        .slice(0, 6)
        .map((c) => ({ hyperparameter: c.param, rho: c.rho, n: c.n, pValue: c.pValue })),
    });
  }
  sections.push(findings(summary, 'info'));
  if (summary.dataQuality.length > 0) {
    sections.push({
      kind: 'list',
      key: 'dataQuality',
      label: 'data-quality notes',
      items: summary.dataQuality,
    });
  }
  if (summary.logNextTime.length > 0) {
    sections.push({
      kind: 'list',
      key: 'logNextTime',
      label: '"log next time" notes',
      items: summary.logNextTime,
    });
  }
  return sections.filter((s) => s.kind === 'value' || s.items.length > 0);
}

function findings(summary: AnalysisSummary, severity: Severity): PromptSection {
  const list = summary.findings
    .filter((f) => f.severity === severity)
    .sort((a, b) => b.runIds.length - a.runIds.length);
  return {
    kind: 'list',
    key: 'findings',
    label: `${severity} findings`,
    items: list.map(findingItem),
  };
}

function findingItem(f: Finding): Record<string, unknown> {
  return {
    severity: f.severity,
    detector: f.detector,
    title: f.title,
    runs: f.runIds.slice(0, MAX_RUNS_PER_FINDING),
    ...(f.runIds.length > MAX_RUNS_PER_FINDING
      ? { moreRuns: f.runIds.length - MAX_RUNS_PER_FINDING }
      : {}),
    evidence: f.evidence.map((e) => ({
      label: e.label,
      value: e.value,
      ...(e.threshold ? { threshold: e.threshold } : {}),
    })),
    recommendation: f.recommendation,
  };
}

function regionParam(p: RegionParam): Record<string, unknown> {
  if (p.kind === 'range') {
    return {
      hyperparameter: p.param,
      bestRange: [p.lo, p.hi],
      searched: [p.searchedLo, p.searchedHi],
      edge: p.edge,
      confidence: p.confidence,
    };
  }
  return {
    hyperparameter: p.param,
    bestValues: p.values.slice(0, 3).map((v) => v.value),
    confidence: p.confidence,
  };
}
