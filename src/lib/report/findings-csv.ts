/**
 * The findings as a CSV an engineer filters in a spreadsheet: one row per (finding, run).
 *
 * Why per run rather than one row per finding with the ids joined: the questions asked of this
 * file are "what is wrong with trial 17?" and "how many issues does each run have?", which an
 * autofilter or a pivot on a `run_id` column answers directly; a joined list needs text search
 * and breaks on ids that contain the separator. `finding_id` groups the rows of one finding back
 * together and `finding_runs` lets a sweep-level finding (hundreds of runs) be filtered out.
 * A finding about no run in particular (e.g. a confounded pair of hyperparameters) gets one row
 * with an empty `run_id`.
 */
import type { AnalysisSummary, Finding } from '../model';
import { csvRow, type CsvValue } from './csv-cell';

export const FINDINGS_CSV_COLUMNS = [
  'finding_id',
  'detector',
  'severity',
  'title',
  'metric',
  'run_id',
  'finding_runs',
  'first_step',
  'steps',
  'evidence',
  'explanation',
  'suggestion',
] as const;

/** UTF-8 byte order mark: without it Excel reads the file as the local code page. */
const BOM = '\uFEFF';

/**
 * The CSV as lines (each CRLF-terminated, the first with the BOM and header), so the worker can
 * make a Blob of them without one multi-megabyte string.
 */
export function findingsCsvLines(summary: AnalysisSummary): string[] {
  const lines = [BOM + csvRow(FINDINGS_CSV_COLUMNS)];
  for (const finding of summary.findings) {
    const shared = sharedCells(finding);
    const runs = finding.runIds.length > 0 ? finding.runIds : [null];
    for (const runId of runs) lines.push(csvRow(shared(runId)));
  }
  return lines;
}

export function buildFindingsCsv(summary: AnalysisSummary): string {
  return findingsCsvLines(summary).join('');
}

/** The cells of one finding, with the run id slotted in per row. */
function sharedCells(f: Finding): (runId: string | null) => CsvValue[] {
  const steps = f.curve?.steps ?? [];
  const evidence = f.evidence
    .map((e) => `${e.label} = ${e.value}${e.threshold ? ` (threshold ${e.threshold})` : ''}`)
    .join('; ');
  return (runId) => [
    f.id,
    f.detector,
    f.severity,
    f.title,
    metricOf(f),
    runId,
    f.runIds.length,
    steps.length > 0 ? steps[0] : null,
    steps.join(' '),
    evidence,
    f.explanation,
    f.recommendation,
  ];
}

/** A curve finding's metric, else the columns its evidence was measured on. */
function metricOf(f: Finding): string {
  if (f.curve) return f.curve.metric;
  const columns = f.evidence.map((e) => e.column).filter((c): c is string => !!c);
  return [...new Set(columns)].join('; ');
}
