/**
 * One command-line path → its analysis summary, or the reason it could not be read. A file is
 * read alone; a folder is read as one load (a sweep folder of logs, configs and maybe a sweep
 * CSV), exactly as if it were dropped on the page.
 */
import { stat } from 'node:fs/promises';
import nodePath from 'node:path';
import { analyze, DEFAULT_SETTINGS } from '../lib/analysis';
import { IngestError, readSources, type SourceInput } from '../lib/ingest';
import type { AnalysisSummary, ParseIssue } from '../lib/model';
import { fileSource, folderInputs, InputError } from './inputs';

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
  let inputs: SourceInput[];
  /** Issue locations of a folder load are relative to its parent; stderr shows usable paths. */
  let locate = (file: string) => file;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      inputs = await folderInputs(path);
      const parent = nodePath.dirname(nodePath.resolve(path));
      locate = (file) => nodePath.relative(process.cwd(), nodePath.join(parent, file)) || file;
    } else if (info.isFile()) {
      // Named like a file dropped alone (its folders are not a sweep's run folders).
      const base = nodePath.basename(path);
      inputs = [{ path: base, source: await fileSource(path, path, info.size) }];
      locate = (file) => (file === base ? path : file);
    } else return failed('This is not a regular file or folder.');
  } catch (error) {
    if (error instanceof InputError) return failed(error.message);
    return failed(fsMessage(error));
  }
  try {
    const dataset = await readSources(inputs, NO_HOOKS);
    const issues = dataset.source.issues.map((i) => ({ ...i, file: locate(i.file) }));
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
    default:
      return `Cannot open the file: ${error instanceof Error ? error.message : String(error)}`;
  }
}
