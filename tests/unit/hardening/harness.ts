/** Shared plumbing of the hardening suite: sources, the pipeline every case goes through. */
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import type { BadInput } from '../../../src/lib/fixtures/bad-inputs';
import { IngestError, readSources, type ByteSource } from '../../../src/lib/ingest';
import { cellText, type AnalysisSummary, type Dataset } from '../../../src/lib/model';
import { buildMarkdownReport, summaryToJson } from '../../../src/lib/report';

export const noHooks = { onProgress: () => {}, isCancelled: () => false };

/** A file whose stream yields chunks split at the given byte offsets. */
export function splitSource(
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
  splits: readonly number[] = [],
): ByteSource {
  const blob = new Blob([bytes]);
  const cuts = [0, ...splits.filter((s) => s > 0 && s < bytes.length), bytes.length];
  return {
    name,
    size: bytes.byteLength,
    slice: (start, end) => blob.slice(start, end),
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i + 1 < cuts.length; i++)
            if (cuts[i + 1] > cuts[i]) controller.enqueue(bytes.slice(cuts[i], cuts[i + 1]));
          controller.close();
        },
      }),
  };
}

export function sourceOf(input: BadInput): ByteSource {
  return splitSource(input.bytes, input.name.split('/').pop() ?? input.name, input.splits);
}

export interface PipelineResult {
  dataset: Dataset | null;
  /** The IngestError that stopped reading, when one did. */
  error: IngestError | null;
  summary: AnalysisSummary | null;
  markdown: string | null;
  json: string | null;
}

/**
 * readSources → analyze → markdown + JSON. An IngestError is an expected outcome (a clear
 * message); any other exception propagates and fails the test.
 */
export async function runPipeline(
  inputs: { path: string; source: ByteSource }[],
): Promise<PipelineResult> {
  let dataset: Dataset;
  try {
    dataset = await readSources(inputs, noHooks);
  } catch (error) {
    if (error instanceof IngestError)
      return { dataset: null, error, summary: null, markdown: null, json: null };
    throw error;
  }
  const summary = analyze(dataset, { overrides: {}, settings: DEFAULT_SETTINGS });
  return {
    dataset,
    error: null,
    summary,
    markdown: buildMarkdownReport(summary),
    json: summaryToJson(summary),
  };
}

export function runInput(input: BadInput): Promise<PipelineResult> {
  return runPipeline([{ path: input.name, source: sourceOf(input) }]);
}

/** The numbers of a column, by name (NaN where missing), or null when it is not numeric. */
export function numbersOf(dataset: Dataset, name: string): number[] | null {
  const column = dataset.table.columns.find((c) => c.name === name);
  return column?.kind === 'number' ? Array.from(column.values) : null;
}

/** Runs per HPI_FUZZ_RUNS (default `base`). */
export function fuzzRuns(base: number): number {
  const env = Number(process.env.HPI_FUZZ_RUNS);
  return Number.isFinite(env) && env > 0 ? env : base;
}

/** Issue codes that point at a place in a text file: they must carry a line. */
const LINE_CODES = new Set([
  'unclosed-quote',
  'malformed-quote',
  'too-few-fields',
  'too-many-fields',
  'duplicate-header',
  'empty-header',
  'header-only',
  'invalid-json',
]);

/**
 * What every case must satisfy: either a clear IngestError naming the file, or a dataset whose
 * issues name the file (and the line where there is one), analysed and reported without throwing.
 */
export function expectWellFormed(result: PipelineResult, file: string): void {
  if (result.error) {
    if (result.error.file !== file)
      throw new Error(`error names "${result.error.file}", expected "${file}"`);
    if (result.error.message.length < 20) throw new Error(`terse error: ${result.error.message}`);
    return;
  }
  const { dataset, markdown, json } = result;
  if (!dataset || !markdown || !json) throw new Error('no dataset, no error');
  for (const issue of dataset.source.issues) {
    if (!issue.file.endsWith(file)) throw new Error(`issue names "${issue.file}", not ${file}`);
    if (issue.message.length < 10) throw new Error(`terse issue: ${issue.message}`);
    if (LINE_CODES.has(issue.code) && issue.line === undefined)
      throw new Error(`${issue.code} without a line: ${issue.message}`);
  }
  if (!markdown.startsWith('# ')) throw new Error('markdown report has no title');
  JSON.parse(json);
}

/** The issue of a code, or a failure listing what was there. */
export function issueOf(dataset: Dataset, code: string) {
  const found = dataset.source.issues.find((i) => i.code === code);
  if (!found)
    throw new Error(
      `no ${code} issue; got: ${dataset.source.issues.map((i) => i.code).join(', ') || 'none'}`,
    );
  return found;
}

/** Every cell of a column as text (cellText), by name or position. */
export function textsOf(dataset: Dataset, column: string | number): string[] {
  const c =
    typeof column === 'number'
      ? dataset.table.columns[column]
      : dataset.table.columns.find((x) => x.name === column);
  if (!c) throw new Error(`no column ${column}`);
  return Array.from({ length: dataset.table.rowCount }, (_, row) => cellText(c, row));
}

/** A test timeout that grows with the number of runs (HPI_FUZZ_RUNS may raise them). */
export function timeoutFor(runs: number, msPerRun = 20): number {
  return Math.max(20_000, runs * msPerRun);
}

/** CPU milliseconds of this process since `start` (robust to a busy machine, unlike wall time). */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
