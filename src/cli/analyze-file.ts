/** One file path → its analysis summary, or the reason it could not be read. */
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { analyze, DEFAULT_SETTINGS } from '../lib/analysis';
import { IngestError, readCsv, type ByteSource } from '../lib/ingest';
import type { AnalysisSummary, ParseIssue } from '../lib/model';

/** A problem that stops a file from being analysed, located where possible. */
export interface FileError {
  file: string;
  message: string;
  line?: number;
  column?: number;
}

export type FileOutcome =
  | {
      kind: 'analysed';
      file: string;
      summary: AnalysisSummary;
      /** Parse problems that lost data (e.g. an unclosed quote): the file exits 2. */
      errors: ParseIssue[];
      warnings: ParseIssue[];
    }
  | { kind: 'failed'; file: string; error: FileError };

const NO_HOOKS = { onProgress: () => {}, isCancelled: () => false };

export async function analyzeFile(path: string): Promise<FileOutcome> {
  const failed = (message: string, where: Partial<FileError> = {}): FileOutcome => ({
    kind: 'failed',
    file: path,
    error: { file: path, message, ...where },
  });
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      return failed('This is a directory; pass the CSV files inside it (e.g. `dir/*.csv`).');
    if (!info.isFile()) return failed('This is not a regular file.');
    size = info.size;
  } catch (error) {
    return failed(fsMessage(error));
  }
  let source: ByteSource;
  try {
    // A file-backed Blob: read as a stream, chunk by chunk, never whole into memory.
    const blob = await openAsBlob(path);
    source = {
      name: path,
      size,
      stream: () => blob.stream() as ReadableStream<Uint8Array>,
      slice: (start, end) => blob.slice(start, end),
    };
  } catch (error) {
    return failed(fsMessage(error));
  }
  try {
    const dataset = await readCsv(source, NO_HOOKS);
    const issues = dataset.source.issues;
    if (dataset.table.rowCount === 0) {
      const why = issues.find((i) => i.severity === 'error') ?? issues.find((i) => i.line);
      return failed(
        why && why.code !== 'header-only'
          ? `No trial could be read: ${why.message}`
          : 'The file has a header row but no data rows: there are no trials to analyse.',
        { line: why?.line, column: why?.column },
      );
    }
    const summary = analyze(dataset, { overrides: {}, settings: DEFAULT_SETTINGS });
    return {
      kind: 'analysed',
      file: path,
      summary,
      errors: issues.filter((i) => i.severity === 'error'),
      warnings: issues.filter((i) => i.severity !== 'error'),
    };
  } catch (error) {
    if (error instanceof IngestError)
      return failed(error.message, { line: error.line, column: error.column });
    throw error;
  }
}

function fsMessage(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'No such file.';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied: the file cannot be read.';
    case 'EISDIR':
      return 'This is a directory; pass the CSV files inside it.';
    default:
      return `Cannot open the file: ${error instanceof Error ? error.message : String(error)}`;
  }
}
