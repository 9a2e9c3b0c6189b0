/**
 * Evaluation and fine-tuning reports among the inputs: a JSON that is no trainer_state.json, or
 * JSON Lines of per-run records, read with readReport. Run ids follow the folder the file sits in,
 * so that a report beside a run's logs lands on that run's row.
 */
import { isPerRunJsonLines, readReport, type ReportResult } from '../reports';
import { JSON_LINES_REASON } from './classify';
import { newFileRead, type FileRead, type SourceInput } from './types';

/** The run a hand-made training report describes, and a comparison's fine-tuned variant. */
const FINE_TUNED = 'fine-tuned';

const plural = (n: number, word: string) =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function readReportInput(
  input: SourceInput,
  text: string,
  folderRun: string | null,
): FileRead {
  const lines = /\.(?:jsonl|ndjson)$/i.test(input.path);
  if (lines && !isPerRunJsonLines(text, input.path)) {
    const read = newFileRead(input, 'skipped', `Skipped: ${JSON_LINES_REASON}.`);
    read.issues.push({
      code: 'unsupported-format',
      severity: 'warning',
      file: input.path,
      message: `${input.path} is ${JSON_LINES_REASON}. Export the metrics as a CSV (a step column and a column per metric), or load the run's TensorBoard event files or trainer_state.json.`,
    });
    return read;
  }
  const report = readReport(text, input.path);
  if (report.kind === 'invalid') {
    const read = newFileRead(
      input,
      'skipped',
      `Could not be read: ${report.reason.replace(/\.$/, '')}`,
    );
    read.issues = report.issues;
    return read;
  }
  if (report.kind === 'generic') {
    // Tokenizers, vocabularies and other JSON beside the logs are full of numbers that are no
    // metrics: a JSON of no known report layout is left out rather than read as one.
    const n = report.runs.reduce((k, r) => k + Object.keys(r.metrics).length, 0);
    return newFileRead(
      input,
      'skipped',
      `Skipped: JSON without a "log_history" list (not a trainer_state.json) and of no known report layout (${plural(n, 'numeric value')}).`,
    );
  }
  assignRunIds(report, folderRun);
  const read = newFileRead(input, 'eval-report', describeReport(report));
  read.issues = report.issues;
  read.report = report;
  if (report.curves && report.curves.curves.length > 0) read.curves = report.curves;
  read.file.runId = report.runs.length === 1 ? report.runs[0].runId : null;
  return read;
}

/**
 * Inside a run folder a single-run report (and a comparison's fine-tuned variant) is that run;
 * the base model becomes `<run>/base`. Reports that name their runs (tracker lists, JSON Lines
 * tables) keep those names.
 */
function assignRunIds(report: ReportResult, folderRun: string | null): void {
  if (folderRun === null) return;
  const rename = (id: string): string => {
    if (report.runs.length === 1 || id === FINE_TUNED) return folderRun;
    if (report.kind === 'evaluation-comparison') return `${folderRun}/${id}`;
    return id;
  };
  for (const run of report.runs) run.runId = rename(run.runId);
  if (report.curves) {
    for (const run of report.curves.runs) run.runId = rename(run.runId);
    for (const curve of report.curves.curves) curve.runId = rename(curve.runId);
  }
}

function describeReport(report: ReportResult): string {
  const metrics = new Set(report.runs.flatMap((r) => Object.keys(r.metrics)));
  const runs =
    report.runs.length === 1 ? `run ${report.runs[0].runId}` : plural(report.runs.length, 'run');
  const missed =
    report.notUnderstood.length > 0
      ? `; not understood: ${report.notUnderstood.slice(0, 5).join(', ')}${report.notUnderstood.length > 5 ? ', …' : ''}`
      : '';
  return `${capitalize(report.label)}, read as such because of ${report.reason}: ${plural(metrics.size, 'metric')}, ${runs}${missed}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
