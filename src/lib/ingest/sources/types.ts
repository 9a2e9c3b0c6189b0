/** Internal shapes shared by the modules of the multi-file reader. */
import type {
  CurveSet,
  Dataset,
  Dialect,
  ParseIssue,
  SourceFile,
  TableFormatId,
} from '../../model';
import type { ByteSource } from '../decode';
import type { Params } from '../runs';
import type { ReportResult } from '../reports';

/** One input file; `path` is relative to the dropped folder (the file name for a lone file). */
export interface SourceInput {
  path: string;
  source: ByteSource;
}

/**
 * What the user decided after seeing a first read: the format of a sweep table, keyed by the
 * file's path, read with it instead of the detected one (see adaptTableAs).
 */
export interface ReadOptions {
  tableFormats?: Readonly<Record<string, TableFormatId>>;
}

/** The format the user chose for this path, if any (own keys only: paths are data). */
export function chosenFormat(options: ReadOptions, path: string): TableFormatId | undefined {
  const formats = options.tableFormats;
  return formats && Object.hasOwn(formats, path) ? formats[path] : undefined;
}

/** How an input will be read, decided from its name and first bytes before any reading. */
export type PlannedKind =
  'event-file' | 'trainer-state' | 'json' | 'report' | 'json-lines' | 'config' | 'csv' | 'skipped';

export interface PlannedInput {
  input: SourceInput;
  kind: PlannedKind;
  /** Why, shown in SourceFile.detail (for skipped files: why they were left out). */
  reason: string;
}

/** What reading one file produced. */
export interface FileRead {
  file: SourceFile;
  issues: ParseIssue[];
  /** Curves with their run ids already assigned. */
  curves: CurveSet | null;
  /** The subset folder (train/validation…) the file sits in, to keep equal tags apart. */
  split: string | null;
  /** Hyperparameters of a config file, for the run its folder belongs to. */
  config: { runId: string; params: Params } | null;
  /** A sweep table CSV. */
  table: Dataset | null;
  dialect: Dialect | null;
  /** trainer_state.json: its largest logged step, to prefer the newest of a run's checkpoints. */
  lastStep: number;
  /** An evaluation or fine-tuning report, its run ids already assigned (see read-report-input). */
  report: ReportResult | null;
}

export function newFileRead(
  input: SourceInput,
  kind: SourceFile['kind'],
  detail: string,
): FileRead {
  return {
    file: {
      path: input.path,
      bytes: input.source.size,
      kind,
      detail,
      runId: null,
      issues: 0,
    },
    issues: [],
    curves: null,
    split: null,
    config: null,
    table: null,
    dialect: null,
    lastStep: -Infinity,
    report: null,
  };
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function extension(path: string): string {
  const base = baseName(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
