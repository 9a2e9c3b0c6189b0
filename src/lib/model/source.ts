/** What was read, how, and what could not be read. */

export interface Dialect {
  delimiter: ',' | ';' | '\t' | '|';
  quoteChar: '"' | "'";
  newline: '\n' | '\r\n' | '\r';
  /** Decimal separator inferred for numbers (`,` in European spreadsheet exports). */
  decimal: '.' | ',';
  hasBom: boolean;
  encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';
  /** Human-readable justification, shown to the user. */
  reason: string;
}

export type IssueSeverity = 'error' | 'warning';

/** A problem found while reading a file. Line and column are 1-based physical positions. */
export interface ParseIssue {
  code: ParseIssueCode;
  severity: IssueSeverity;
  message: string;
  file: string;
  line?: number;
  column?: number;
  excerpt?: string;
}

export type ParseIssueCode =
  | 'empty-file'
  | 'no-header'
  | 'header-only'
  | 'duplicate-header'
  | 'empty-header'
  | 'unclosed-quote'
  | 'malformed-quote'
  | 'too-few-fields'
  | 'too-many-fields'
  | 'binary-content'
  | 'encoding'
  | 'unsupported-format'
  | 'no-metrics'
  | 'too-large'
  | 'invalid-json'
  | 'corrupt-record'
  | 'truncated-file';

/** A row that could not be read; kept so the user sees exactly what was left out. */
export interface QuarantinedRow {
  line: number;
  reason: string;
  excerpt: string;
}

/**
 * What was loaded: one sweep CSV (`csv-table`), training logs only (`curve-logs`: the run table is
 * derived from the curves, one row per run), or a sweep CSV joined with logs (`sweep-with-curves`).
 */
export type SourceFormat = 'csv-table' | 'curve-logs' | 'sweep-with-curves';

/** How one input file was read. */
export type SourceFileKind =
  'sweep-csv' | 'curve-csv' | 'trainer-state' | 'event-file' | 'config' | 'eval-report' | 'skipped';

/** One file of a multi-file (folder) load. */
export interface SourceFile {
  /** Path relative to the dropped folder, or the file name. */
  path: string;
  bytes: number;
  kind: SourceFileKind;
  /** Why it was read this way (or skipped), e.g. "TensorBoard event file: 3 scalar tags". */
  detail: string;
  /** The run its curves or parameters were attached to. */
  runId: string | null;
  /** Number of issues raised while reading it (the issues themselves are in `issues`). */
  issues: number;
}

/** Tools whose sweep-table exports are recognised by their columns. */
export type TableFormatId =
  | 'generic'
  | 'optuna'
  | 'optuna-dashboard'
  | 'wandb'
  | 'mlflow-ui'
  | 'mlflow-search-runs'
  | 'ray-tune'
  | 'ray-progress'
  | 'sklearn-cv';

/** How a sweep table was read: shown as "read as <label> because <reason>", overridable. */
export interface TableFormatInfo {
  id: TableFormatId;
  label: string;
  reason: string;
  /** Original column name → the name used (e.g. `params_lr` → `lr`). */
  renamed: Record<string, string>;
  /** Columns folded away: constant over every trial (e.g. hundreds of logged trainer arguments). */
  folded: string[];
}

export interface SourceInfo {
  /** The file name, or "<folder> (N files)" for a multi-file load. */
  file: string;
  bytes: number;
  format: SourceFormat;
  /** Every input file of a multi-file load; absent for a single sweep CSV. */
  files?: SourceFile[];
  /** Why the format was chosen, e.g. "comma-separated table with a header row". */
  formatReason: string;
  /** The tool that wrote the sweep table, when recognised (absent: not a table, or not checked). */
  tableFormat?: TableFormatInfo;
  dialect: Dialect | null;
  rows: number;
  columns: number;
  issues: ParseIssue[];
  quarantined: QuarantinedRow[];
  /** Total number of quarantined rows; `quarantined` may hold only the first ones. */
  quarantinedCount: number;
}

export type IngestPhase = 'reading' | 'parsing' | 'typing' | 'analysing';

/** Reported by the worker while a file is read and analysed. */
export interface Progress {
  phase: IngestPhase;
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

const DELIMITER_NAMES: Record<Dialect['delimiter'], string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** E.g. "comma-delimited, double quotes, CRLF line endings, UTF-8 with BOM". */
export function describeDialect(d: Dialect): string {
  const newline = d.newline === '\r\n' ? 'CRLF' : d.newline === '\r' ? 'CR' : 'LF';
  const parts = [
    `${DELIMITER_NAMES[d.delimiter]}-delimited`,
    d.quoteChar === '"' ? 'double quotes' : 'single quotes',
    `${newline} line endings`,
    `${d.encoding}${d.hasBom ? ' with BOM' : ''}`,
  ];
  if (d.decimal === ',') parts.push('decimal commas');
  return parts.join(', ');
}

export function delimiterName(d: Dialect['delimiter']): string {
  return DELIMITER_NAMES[d];
}
