/** Report fixtures and real files through readSources and analyze(), as the page runs them. */
import { analyze } from '../../../../src/lib/analysis';
import { DEFAULT_SETTINGS } from '../../../../src/lib/analysis/settings';
import type { ReportFixture } from '../../../../src/lib/fixtures';
import { readSources } from '../../../../src/lib/ingest';
import type { AnalysisSummary, Dataset, DetectorId, Finding } from '../../../../src/lib/model';
import { input, noHooks } from '../../ingest/reports/helpers';

export const REPORT_DETECTORS: readonly DetectorId[] = [
  'tiny-eval-set',
  'val-below-train',
  'implausible-loss-scale',
  'limited-eval',
  'floor-effect',
  'within-noise',
  'dry-run',
  'mc-at-chance',
  'accuracy-vs-f1',
];

export async function datasetOf(files: { path: string; text: string }[]): Promise<Dataset> {
  return readSources(
    files.map((f) => input(f.path, f.text)),
    noHooks,
  );
}

export const fixture = (f: ReportFixture) => ({ path: f.name, text: f.text });

export async function analyzeFiles(
  files: { path: string; text: string }[],
): Promise<{ ds: Dataset; summary: AnalysisSummary }> {
  const ds = await datasetOf(files);
  return { ds, summary: analyze(ds, { overrides: {}, settings: DEFAULT_SETTINGS }) };
}

/** Findings of the report-audit detectors only. */
export function auditFindings(summary: AnalysisSummary): Finding[] {
  return summary.findings.filter((f) => REPORT_DETECTORS.includes(f.detector));
}

export const evidenceText = (f: Finding) =>
  f.evidence.map((e) => `${e.label} = ${e.value}${e.threshold ? ` (${e.threshold})` : ''}`);
