/**
 * The one contract between the main thread and the analysis worker.
 * Columns travel as transferred ArrayBuffers inside `WireTable`, never as row objects.
 */
import type {
  AnalysisSummary,
  Column,
  ColumnRole,
  DetectorSettings,
  Progress,
  RoleOverrides,
  SourceInfo,
} from '../model';

export interface AnalyzeOptions {
  overrides: RoleOverrides;
  /** Absent: the worker uses DEFAULT_SETTINGS (state may not import analysis/settings.ts). */
  settings?: DetectorSettings;
}

export type Request =
  | { type: 'load'; id: number; file: File; options: AnalyzeOptions }
  | { type: 'analyze'; id: number; datasetId: number; options: AnalyzeOptions }
  /**
   * The full JSON summary of the latest analysis (every finding), as a Blob: built on demand
   * because a big sweep's JSON is tens of MB, which would block the page if sent as a string.
   */
  | { type: 'export'; id: number; datasetId: number; format: 'summary-json' };

export interface LoadResult {
  datasetId: number;
  source: SourceInfo;
  columns: Column[];
  rowCount: number;
  /**
   * Inferred roles (with overrides applied), also when `analysis` is null, so the Data cell can
   * show them and the user can fix them (e.g. mark a column as a metric).
   */
  roles?: ColumnRole[];
  /** Null when the file was read but cannot be analysed (e.g. no metric columns). */
  analysis: AnalyzeResult | null;
}

export interface AnalyzeResult {
  summary: AnalysisSummary;
  /** The deterministic markdown report, built in the worker from the summary. */
  reportMarkdown: string;
}

export interface ExportResult {
  blob: Blob;
}

export interface ResultMap {
  load: LoadResult;
  analyze: AnalyzeResult;
  export: ExportResult;
}

export type RequestType = Request['type'];

export interface WorkerError {
  code: 'parse' | 'unsupported' | 'cancelled' | 'internal' | 'unknown-dataset';
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Sent by the main thread to stop a running request. */
export interface CancelMessage {
  type: 'cancel';
  id: number;
}

export type ToWorker = Request | CancelMessage;

export type FromWorker =
  | { kind: 'progress'; id: number; progress: Progress }
  | { kind: 'response'; id: number; ok: true; type: RequestType; result: ResultMap[RequestType] }
  | { kind: 'response'; id: number; ok: false; error: WorkerError };
