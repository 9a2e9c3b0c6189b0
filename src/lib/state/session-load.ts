/**
 * Pure helpers of the session's load and re-read orchestration: the downloads that precede a
 * load (a bundled example, `?src=` links) with their failures in the page's words, which sweep
 * table a format choice applies to, and which role overrides survive a re-read.
 */
import type { Progress, RoleOverrides, SourceInfo, TableFormatId } from '../model';
import type { InputFile, WorkerError } from '../worker/protocol';
import { TABLE_FORMAT_LABELS } from '../worker/protocol';
import { EXAMPLES, type ExampleName } from './examples';
import { fetchExample, type FetchLike } from './example-fetch';
import type { LoadOrigin, TableFormatChoice } from './session-types';
import { fetchSrcFiles, SrcError } from './src-url';

const TABLE_FORMAT_OPTIONS = Object.entries(TABLE_FORMAT_LABELS).map(([id, label]) => ({
  id: id as TableFormatId,
  label,
}));

/** Progress of a download or read that has just started or is still reading bytes. */
export function readingProgress(bytesRead: number, totalBytes: number): Progress {
  return { phase: 'reading', bytesRead, totalBytes, rows: 0 };
}

/** Main-thread time spent sizing files before the page gets a turn (see sizeOfFiles). */
const SIZE_SLICE_MS = 8;

/**
 * The files' total size, in slices of about 8 ms with a yield to the page between them. In
 * Chromium the first `size` of a file picked from a folder is a synchronous disk stat (~0.4 ms;
 * 200 files: 75–140 ms), and posting the files to the worker would take every stat in one task
 * if nothing had sized them before. A load of a few files finishes in the first slice and gets
 * a number, not a promise, so it starts at once. `stop` ends the sizing early (a cancelled load).
 */
export function sizeOfFiles(
  files: readonly InputFile[],
  stop: () => boolean = () => false,
  now: () => number = () => performance.now(),
): number | Promise<number> {
  let total = 0;
  let index = 0;
  const slice = (): boolean => {
    const start = now();
    while (index < files.length) {
      total += files[index++].file.size;
      if (now() - start >= SIZE_SLICE_MS) break;
    }
    return index >= files.length;
  };
  if (slice()) return total;
  return (async () => {
    do await new Promise((resolve) => setTimeout(resolve, 0));
    while (!stop() && !slice());
    return total;
  })();
}

/** The format choice offered for the read table; null when no sweep table was read. */
export function tableFormatChoice(
  source: SourceInfo | undefined,
  detected: TableFormatId | null,
  files: readonly InputFile[],
  chosenByPath: Record<string, TableFormatId>,
): TableFormatChoice | null {
  // The table used is the first sweep CSV of a multi-file load, or the lone file.
  const path = source?.files
    ? source.files.find((f) => f.kind === 'sweep-csv')?.path
    : files.length === 1
      ? files[0].path
      : undefined;
  if (!source?.tableFormat || detected === null || path === undefined) return null;
  const chosen = Object.hasOwn(chosenByPath, path) ? chosenByPath[path] : null;
  return { path, detected, chosen, options: TABLE_FORMAT_OPTIONS };
}

/** The overrides whose column still exists after a re-read. */
export function overridesOfColumns(
  overrides: RoleOverrides,
  columns: readonly { name: string }[],
): RoleOverrides {
  const names = columns.map((c) => c.name);
  return Object.fromEntries(Object.entries(overrides).filter(([column]) => names.includes(column)));
}

/** The origin of a load that follows a download; its files are the array the load reads. */
export type DownloadedOrigin = LoadOrigin & { files: InputFile[] };

/** A download that precedes a load: what the page shows meanwhile, the download and its failure. */
export interface InputDownload {
  /** The name on the page while downloading. */
  label: string;
  /** Resolves to the origin of the load that follows, its files included. */
  fetch(
    signal: AbortSignal,
    onProgress: (bytesRead: number, totalBytes: number) => void,
  ): Promise<DownloadedOrigin>;
  /** The download failed: the error the page shows. */
  failure(error: unknown): WorkerError;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One of the bundled examples (a CSV, or a folder of logs). */
export function exampleDownload(
  name: ExampleName,
  base: string,
  fetchFn: FetchLike,
): InputDownload {
  const kind = EXAMPLES.find((e) => e.name === name)?.kind ?? 'csv';
  const label = kind === 'csv' ? `${name}.csv` : name;
  return {
    label,
    async fetch(signal) {
      const fetched = await fetchExample(name, base, fetchFn, signal);
      return { kind: 'example', name, label: fetched.label, files: fetched.files };
    },
    failure: (error) => ({
      code: 'internal',
      message: `Could not fetch the example ${label}: ${messageOf(error)}`,
      file: label,
    }),
  };
}

/** `?src=` links (http(s); relative ones against `pageUrl`), see src-url.ts. */
export function srcDownload(
  urls: readonly string[],
  pageUrl: string,
  fetchFn: FetchLike,
): InputDownload {
  return {
    label: urls.length === 1 ? urls[0] : `${urls.length} links`,
    async fetch(signal, onProgress) {
      const fetched = await fetchSrcFiles(urls, { fetch: fetchFn, signal, pageUrl, onProgress });
      return { kind: 'url', urls: [...urls], label: fetched.label, files: fetched.files };
    },
    failure: (error) => ({
      code: 'unsupported',
      message: messageOf(error),
      file: error instanceof SrcError ? error.url : undefined,
    }),
  };
}
