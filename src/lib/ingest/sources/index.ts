/**
 * Every input the page can be given — one sweep CSV, one log, several files, a whole folder —
 * read into one Dataset: a run table plus, when logs were among the inputs, the training curves.
 *
 * A lone sweep CSV (or a lone file of unknown kind) goes straight to readCsv, exactly as before
 * folders were supported. Anything else: classify every file, read each with its reader
 * (streaming, progress over the total bytes, cancel between chunks), group curves by run,
 * attach hyperparameters, then use the sweep CSV as the table or derive one from the curves.
 * Evaluation and fine-tuning reports add their runs to the derived table (or are the table).
 */
import type { Dataset, ParseIssue, SourceFormat } from '../../model';
import { IngestError } from '../errors';
import { readCsv, type IngestHooks } from '../read-csv';
import { adaptTable, adaptTableAs } from '../tables';
import { assembleCurves } from './assemble';
import { classify } from './classify';
import { buildSourceInfo, countKinds, formatReason } from './describe';
import { noteNotJoined, reportHints, reportReason } from './report-load';
import { appendReportRuns, emptyRunTable } from './report-table';
import { deriveRunTable } from './derive-table';
import { joinIssue, joinRuns } from './join';
import { LoadProgress } from './progress';
import { sniffCsv } from './read-csv-input';
import { readInput } from './read-input';
import { RunLocator } from './run-locator';
import {
  chosenFormat,
  extension,
  type FileRead,
  type PlannedInput,
  type ReadOptions,
  type SourceInput,
} from './types';

export type { ReadOptions, SourceInput } from './types';
export { isBookkeepingSeries } from './derive-table';
export { normaliseRunName } from './join';

/** `options.tableFormats`: sweep tables the user chose a format for, read as that format. */
export async function readSources(
  inputs: SourceInput[],
  hooks: IngestHooks,
  options: ReadOptions = {},
): Promise<Dataset> {
  if (inputs.length === 0) throw new IngestError('empty-file', 'No file was given.', { file: '' });
  const planned = await Promise.all(inputs.map(classify));
  if (planned.length === 1 && (await isLoneTable(planned[0]))) {
    const raw = await readCsv(inputs[0].source, hooks);
    const format = chosenFormat(options, inputs[0].path);
    return format ? adaptTableAs(raw, format) : adaptTable(raw);
  }

  const locator = new RunLocator(planned);
  const progress = new LoadProgress(
    hooks,
    inputs.reduce((n, i) => n + i.source.size, 0),
  );
  const reads: FileRead[] = [];
  for (const p of planned) {
    progress.checkCancelled();
    const read = await readInput(p, locator, progress, options);
    read.issues = read.issues.map((issue): ParseIssue => ({ ...issue, file: p.input.path }));
    read.file.issues = read.issues.length;
    reads.push(read);
    progress.endFile(p.input.source.size);
  }
  keepNewestTrainerStates(reads);
  const tables = reads.filter((r) => r.table !== null);
  for (const extra of tables.slice(1)) {
    extra.file.detail += `; not used: only the first sweep table (${tables[0].file.path}) is read`;
    extra.issues.push({
      code: 'unsupported-format',
      severity: 'warning',
      file: extra.file.path,
      message: `A second sweep table; only ${tables[0].file.path} is used as the run table.`,
    });
    extra.file.issues = extra.issues.length;
  }
  const table = tables[0]?.table ?? null;
  const curves = assembleCurves(reads, locator);
  const paths = inputs.map((i) => i.path);

  const reports = reads.filter((r) => r.report !== null);
  const reportRuns = reports.flatMap((r) => r.report?.runs ?? []);
  if (curves.runs.length === 0 && table === null && reportRuns.length === 0)
    throw nothingFound(reads);
  let format: SourceFormat;
  let dataset: Pick<Dataset, 'table' | 'curves' | 'curveRows' | 'roleHints'>;
  let joinColumn: string | null = null;
  if (curves.runs.length === 0 && table !== null) {
    format = 'csv-table';
    dataset = { table: table.table, roleHints: table.roleHints };
  } else if (table === null && curves.runs.length === 0) {
    // Reports alone: a table of runs like a sweep CSV, so every table detector runs on it.
    format = 'csv-table';
    dataset = { table: appendReportRuns(emptyRunTable(), reportRuns), ...reportHints(reports) };
  } else if (table === null) {
    format = 'curve-logs';
    // Curve runs keep rows 0…n-1; report runs join them by id or are appended after them.
    const derived = appendReportRuns(deriveRunTable(curves), reportRuns);
    dataset = {
      table: derived,
      curves,
      curveRows: Int32Array.from(curves.runs, (_, i) => i),
      ...reportHints(reports),
    };
  } else {
    format = 'sweep-with-curves';
    const join = joinRuns(table.table, curves);
    joinColumn = join.column;
    dataset = {
      table: table.table,
      roleHints: table.roleHints,
      curves,
      curveRows: join.curveRows,
    };
    const issue = joinIssue(join, curves, tables[0].file.path);
    if (issue) {
      tables[0].issues.push(issue);
      tables[0].file.issues = tables[0].issues.length;
    }
  }
  if (table !== null) for (const r of reports) noteNotJoined(r, tables[0].file.path);
  const files = reads.map((r) => r.file);
  const reason =
    table === null && reportRuns.length > 0
      ? reportReason(files, dataset.curves ?? null, reportRuns.length)
      : formatReason(format, files, dataset.curves ?? null, table, joinColumn);
  const source = buildSourceInfo(paths, reads, format, reason, dataset, table);
  if (table?.source.tableFormat) source.tableFormat = table.source.tableFormat;
  progress.endFile(0);
  // Run ids are final here (a report inside a run folder takes the folder's name).
  const samples = reportRuns.flatMap((r) =>
    (r.samples ?? []).map((s) => ({ ...s, runId: r.runId })),
  );
  return { ...dataset, source, ...(samples.length > 0 ? { samples } : {}) };
}

/** JSON of any kind is never a delimited table: reading it as one gives `{"step": 1` columns. */
const JSON_FAMILY = new Set(['json', 'jsonl', 'ndjson']);

/**
 * A lone CSV whose header is no curve layout, or a lone file of no known kind dropped by itself
 * (not the only file of a folder): today's path, with readCsv's errors for binary content.
 */
async function isLoneTable(p: PlannedInput): Promise<boolean> {
  if (p.kind === 'skipped')
    return !JSON_FAMILY.has(extension(p.input.path)) && !/[\\/]/.test(p.input.path);
  if (p.kind !== 'csv') return false;
  try {
    return (await sniffCsv(p.input.source)).curveFormat === null;
  } catch (error) {
    // Binary or compressed: readCsv raises the same clear error as before.
    if (error instanceof IngestError) return true;
    throw error;
  }
}

/**
 * Hugging Face saves a trainer_state.json in every checkpoint folder, each a prefix of the last;
 * merging them would repeat points. Per run, only the one that reaches the furthest step is read.
 */
function keepNewestTrainerStates(reads: FileRead[]): void {
  const newest = new Map<string, FileRead>();
  for (const r of reads) {
    if (r.file.kind !== 'trainer-state' || r.curves === null || r.file.runId === null) continue;
    const best = newest.get(r.file.runId);
    if (!best || r.lastStep > best.lastStep) newest.set(r.file.runId, r);
  }
  for (const r of reads) {
    if (r.file.kind !== 'trainer-state' || r.curves === null || r.file.runId === null) continue;
    const best = newest.get(r.file.runId);
    if (best && best !== r) {
      r.curves = null;
      r.file.detail += `; not merged: ${best.file.path} is a later state of the same run`;
    }
  }
}

function nothingFound(reads: readonly FileRead[]): IngestError {
  const lone = reads.length === 1 ? whyNotRead(reads[0]) : null;
  if (lone) return lone;
  const shown = reads
    .slice(0, 8)
    .map((r) => `${r.file.path} (${r.file.detail.replace(/\.$/, '')})`)
    .join('; ');
  const more = reads.length > 8 ? `; and ${reads.length - 8} more` : '';
  const file = reads.length === 1 ? reads[0].file.path : `${reads.length} files`;
  return new IngestError(
    'no-metrics',
    `No training curves and no sweep table were found in ${countKinds(reads.map((r) => r.file))}: ${shown}${more}. ` +
      'Drop a sweep CSV, TensorBoard event files (events.out.tfevents.*), trainer_state.json, training-log CSVs or evaluation reports (all_results.json, lm-evaluation-harness results).',
    { file },
  );
}

/**
 * Why a lone file gave nothing, when its reader said so: its first error (a truncated
 * trainer_state.json keeps the line and column of the syntax error), else a format it cannot
 * read (JSON Lines). Null leaves the general "nothing found" message.
 */
function whyNotRead(read: FileRead): IngestError | null {
  const issue =
    read.issues.find((i) => i.severity === 'error') ??
    read.issues.find((i) => i.code === 'unsupported-format');
  if (!issue) return null;
  const file = read.file.path;
  const message = issue.message.startsWith(file) ? issue.message : `${file}: ${issue.message}`;
  return new IngestError(issue.code, message, { file, line: issue.line, column: issue.column });
}
