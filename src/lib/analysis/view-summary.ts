import type { AnalysisSummary, DetectorId, Finding } from '../model';

/** Enough findings per detector to read and act on; thousands of cards would freeze the page. */
export const VIEW_FINDINGS_PER_DETECTOR = 200;
/**
 * Up to this many trials the page's copy keeps every run id (the LLM claim checker needs them to
 * know a "trial 17" exists); 20k ids cost ~12 ms to receive, 100k cost ~60 ms.
 */
export const VIEW_RUN_IDS_MAX = 20_000;
/** Leaderboard rows per metric in the page's copy: the best runs; the JSON export has all. */
export const VIEW_RANKED_RUNS_PER_METRIC = 200;

/**
 * The summary as sent to the page: findings capped per detector (most severe first, as the
 * detectors emit them), with the number left out recorded, and without the per-row `runIds`
 * above VIEW_RUN_IDS_MAX trials (findings and buckets carry their own).
 * Counts, overview and associations are computed over every finding, so they stay exact.
 * Curve leaderboards keep their best VIEW_RANKED_RUNS_PER_METRIC runs (ranks stay the full ones).
 */
export function summaryForView(
  summary: AnalysisSummary,
  perDetector = VIEW_FINDINGS_PER_DETECTOR,
): AnalysisSummary {
  const kept = new Map<DetectorId, number>();
  const omitted: Partial<Record<DetectorId, number>> = {};
  const findings: Finding[] = [];
  for (const finding of summary.findings) {
    const n = kept.get(finding.detector) ?? 0;
    if (n < perDetector) {
      kept.set(finding.detector, n + 1);
      findings.push(finding);
    } else {
      omitted[finding.detector] = (omitted[finding.detector] ?? 0) + 1;
    }
  }
  const capped = findings.length < summary.findings.length;
  const curves = summary.curves && {
    ...summary.curves,
    rankings: summary.curves.rankings.map((r) =>
      r.runs.length > VIEW_RANKED_RUNS_PER_METRIC
        ? { ...r, runs: r.runs.slice(0, VIEW_RANKED_RUNS_PER_METRIC) }
        : r,
    ),
  };
  return {
    ...summary,
    runIds: summary.runIds.length <= VIEW_RUN_IDS_MAX ? summary.runIds : [],
    findings,
    curves,
    ...(capped ? { findingsOmitted: omitted } : {}),
  };
}
