/**
 * The one contract between the main thread and the analysis worker.
 * Columns travel as transferred ArrayBuffers inside `WireTable`, never as row objects.
 */
import type { FigureAxes, FigureRequest, FigureSpec, ThemeName } from '../report/figures';
import type {
  CurveQuery,
  CurveView,
  AnalysisSummary,
  CompareRequest,
  CompareResult,
  Column,
  ColumnRole,
  DetectorSettings,
  Progress,
  RoleOverrides,
  SourceInfo,
  TableFormatId,
} from '../model';

export interface AnalyzeOptions {
  overrides: RoleOverrides;
  /**
   * Detector thresholds: complete, or only some values (e.g. those restored from storage before
   * the page knows the schema). The worker checks every value against the default's type and
   * fills in the rest from DEFAULT_SETTINGS; absent: the defaults. State may not import
   * analysis/settings.ts, so the defaults reach the page only through `SettingsSchema`.
   */
  settings?: DetectorSettings | SettingsOverrides;
  /**
   * `load` only: sweep tables to read as the format the user chose instead of the detected one,
   * keyed by file path (the `path` of the InputFile).
   */
  tableFormats?: Record<string, TableFormatId>;
}

/** Every sweep-table format with its label, for the page's "Read as" choice. */
export { TABLE_FORMAT_LABELS } from '../ingest/tables/detect';

/** A threshold value: the settings hold numbers, booleans and "automatic" (null) numbers. */
export type SettingValue = number | boolean | null;

/** Settings as plain records, section → key → value; any subset of `DetectorSettings`. */
export type SettingsOverrides = Record<string, Record<string, SettingValue>>;

/**
 * How a setting is edited: `number` (any real ≥ `min`), `integer` (a count), `boolean`, or
 * `optional-number` (null = decided automatically; its default is null).
 */
export type SettingKind = 'number' | 'integer' | 'boolean' | 'optional-number';

export interface SettingField {
  section: string;
  key: string;
  /** `section.key`, e.g. `overfitting.lossRatio`. */
  path: string;
  label: string;
  /** One line: why the default has this value (from SETTING_RATIONALES). */
  rationale: string;
  kind: SettingKind;
  default: SettingValue;
  /** Step for number inputs, from the default's magnitude (1 for integers). */
  step?: number;
  min?: number;
}

export interface SettingsSection {
  /** The key in `DetectorSettings`, e.g. `shortRun`. */
  key: string;
  /** The detector's label when the section belongs to one, else the key in words. */
  label: string;
  description?: string;
  fields: SettingField[];
}

/**
 * Every detector threshold with its default and rationale, derived in the worker from
 * DEFAULT_SETTINGS and SETTING_RATIONALES, so the page needs no copy of either.
 */
export interface SettingsSchema {
  defaults: DetectorSettings;
  sections: SettingsSection[];
}

export type { CurveQuery, CurveView, CurveViewSeries, CurveMarker, CurveXAxis } from '../model';
export type {
  Aggregate,
  FigureAxes,
  FigureKind,
  FigureRequest,
  FigureSpec,
  LineBrush,
  ParallelColor,
  SelectionMap,
  ThemeName,
  TraceSelection,
  TrialRef,
} from '../report/figures';

/** A figure spec built in the worker, and the columns the add-a-figure menu can offer. */
export interface FigureResult {
  spec: FigureSpec;
  axes: FigureAxes;
}

/** One input file; `path` is relative to the dropped or picked folder (the name for a lone file). */
export interface InputFile {
  file: File;
  path: string;
}

export type Request =
  | { type: 'load'; id: number; files: InputFile[]; options: AnalyzeOptions }
  /** Compare 2–4 runs (config diff, metrics, significance) and rank all runs by one metric. */
  | { type: 'compare'; id: number; datasetId: number; request: CompareRequest }
  | { type: 'curves'; id: number; datasetId: number; query: CurveQuery }
  /** A figure of the latest analysis, built next to the columns (the page never bins 100k rows). */
  | { type: 'figure'; id: number; datasetId: number; request: FigureRequest; theme: ThemeName }
  | { type: 'analyze'; id: number; datasetId: number; options: AnalyzeOptions }
  /**
   * The full JSON summary of the latest analysis (every finding), as a Blob: built on demand
   * because a big sweep's JSON is tens of MB, which would block the page if sent as a string.
   */
  | {
      type: 'export';
      id: number;
      datasetId: number;
      format: ExportFormat;
      /** Required by 'html-report'. */
      report?: HtmlReportOptions;
    };

/** summary-json: the full summary; findings-csv: one row per (finding, run); html-report: one file. */
export type ExportFormat = 'summary-json' | 'findings-csv' | 'html-report';

/**
 * A notebook cell the HTML report shows besides the summary. Structurally a subset of the
 * notebook's figure and note cell specs, so the page can pass those cells as they are.
 */
export type HtmlReportCell =
  { kind: 'figure'; request: FigureRequest } | { kind: 'note'; markdown: string };

export interface HtmlReportOptions {
  /** Figure and note cells, in notebook order. */
  cells: HtmlReportCell[];
  /**
   * plotly's self-contained script as the page fetched it (a Blob crosses to the worker by
   * reference), inlined so the report draws its figures from `file://` with no network.
   */
  plotly?: Blob;
}

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
  /** The settings in use after validation (complete), also when `analysis` is null. */
  settings: DetectorSettings;
  /** What the settings cell shows: every threshold, its default and its rationale. */
  settingsSchema: SettingsSchema;
}

export interface AnalyzeResult {
  summary: AnalysisSummary;
  /** The settings this analysis used, after validation. */
  settings: DetectorSettings;
  /** The deterministic markdown report, built in the worker from the summary. */
  reportMarkdown: string;
}

export interface ExportResult {
  blob: Blob;
}

export interface ResultMap {
  load: LoadResult;
  compare: CompareResult;
  curves: CurveView;
  figure: FigureResult;
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
