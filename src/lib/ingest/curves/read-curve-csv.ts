/**
 * Training-curve CSVs → CurveSet, streaming. Two inputs with the same result:
 * - `feed(text)`: decoded text into the project's CsvRowReader (papaparse underneath);
 * - `feedBytes(chunk)`: UTF-8 bytes straight from the file, read line by line without decoding
 *   (byte-input.ts), several times faster; it hands the rest of the file to the text path at the
 *   first line that needs papaparse's full quoting rules, and throws NotUtf8 on invalid UTF-8.
 * The header decides the layout (detect.ts); row rules live in curve-rows.ts.
 */
import type { CurveSet, Dialect, ParseIssue } from '../../model';
import { CsvRowReader } from '../csv-rows';
import type { ByteSource, DecodeHooks } from '../decode';
import { IngestCancelled } from '../errors';
import { sniffDialect } from '../sniff';
import { ByteInput } from './byte-input';
import { finishRows } from './curve-result';
import { CurveRows } from './curve-rows';
import type { CurveCsvFormat } from './detect';

export interface CurveCsvOptions {
  /**
   * Run id for files that do not name their runs (Lightning, Keras, single-run wide or long
   * files, TensorBoard `run-.-tag-…`), e.g. from runNameFromPath(). Default: the file name.
   */
  runId?: string;
}

export interface CurveCsvResult {
  curves: CurveSet;
  issues: ParseIssue[];
  /** Null when the header matches no curve layout (an error issue says so). */
  format: CurveCsvFormat | null;
  dialect: Dialect | null;
  /** Data rows read (header excluded). */
  rows: number;
}

const SNIFF_CHARS = 64 * 1024;

/** Reads one curve CSV given in chunks: `feed()` text or `feedBytes()` bytes, then `finish()`. */
export class CurveCsvReader {
  private sample = '';
  private reader: CsvRowReader | null = null;
  private dialect: Dialect | null = null;
  private first = true;
  private readonly rowState: CurveRows;
  private bytes: ByteInput | null = null;

  constructor(fileName: string, options: CurveCsvOptions = {}) {
    this.rowState = new CurveRows(fileName, options.runId);
  }

  get rows(): number {
    return this.rowState.rowIndex;
  }

  feed(text: string): void {
    if (this.bytes) throw new Error('CurveCsvReader: feed() after feedBytes()');
    if (this.rowState.stopped) return;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.reader) {
      this.reader.feed(text);
      return;
    }
    this.sample += text;
    if (this.sample.length >= SNIFF_CHARS) this.start();
  }

  /** Feeds raw UTF-8 bytes (a BOM is skipped). Throws NotUtf8 when they are not UTF-8. */
  feedBytes(chunk: Uint8Array): void {
    if (!this.bytes) {
      if (!this.first) throw new Error('CurveCsvReader: feedBytes() after feed()');
      this.first = false;
      this.bytes = new ByteInput(this.rowState, SNIFF_CHARS);
    }
    this.bytes.feed(chunk);
  }

  finish(): CurveCsvResult {
    const rows = this.rowState;
    if (this.bytes) {
      const started = this.bytes.finish();
      this.dialect = this.bytes.dialect;
      if (!started) return this.emptyFile();
    } else {
      if (!this.reader && !rows.stopped) {
        if (this.sample.trim() === '') return this.emptyFile();
        this.start();
      }
      this.reader?.end();
    }
    return finishRows(rows, this.dialect);
  }

  private emptyFile(): CurveCsvResult {
    const rows = this.rowState;
    rows.log.add({
      code: 'empty-file',
      severity: 'error',
      message: 'The file is empty: there is no header and no data.',
    });
    return {
      curves: { runs: [], curves: [] },
      issues: rows.log.finish(),
      format: null,
      dialect: this.dialect,
      rows: 0,
    };
  }

  private start(): void {
    const rows = this.rowState;
    this.dialect = sniffDialect(this.sample.slice(0, SNIFF_CHARS), false);
    rows.decimalComma = this.dialect.decimal === ',';
    this.reader = new CsvRowReader(this.dialect, {
      row: (fields, line) => rows.onRow(fields, line),
      issue: (issue) => rows.log.add(issue),
    });
    const sample = this.sample;
    this.sample = '';
    this.reader.feed(sample);
  }
}

/** Reads a whole curve CSV given as one string. */
export function readCurveCsv(
  text: string,
  fileName: string,
  options: CurveCsvOptions = {},
): CurveCsvResult {
  const reader = new CurveCsvReader(fileName, options);
  reader.feed(text);
  return reader.finish();
}

/** Reads a whole curve CSV given as UTF-8 bytes (throws NotUtf8 when they are not). */
export function readCurveCsvBytes(
  bytes: Uint8Array,
  fileName: string,
  options: CurveCsvOptions = {},
): CurveCsvResult {
  const reader = new CurveCsvReader(fileName, options);
  reader.feedBytes(bytes);
  return reader.finish();
}

/**
 * Streams a UTF-8 curve CSV from its source through the byte path, e.g. in a worker:
 * `readCurveCsvStream(file, hooks, path)`. Throws NotUtf8 (re-read it as Windows-1252 text
 * with `feed()`), and IngestCancelled when `hooks.isCancelled()` says so.
 */
export async function readCurveCsvStream(
  source: ByteSource,
  hooks: DecodeHooks,
  fileName: string,
  options: CurveCsvOptions = {},
): Promise<CurveCsvResult> {
  const reader = new CurveCsvReader(fileName, options);
  const stream = source.stream().getReader();
  let bytesRead = 0;
  try {
    for (;;) {
      if (hooks.isCancelled()) throw new IngestCancelled();
      const { done, value } = await stream.read();
      if (done) break;
      bytesRead += value.byteLength;
      hooks.onBytes(bytesRead);
      reader.feedBytes(value);
    }
  } finally {
    stream.releaseLock();
  }
  return reader.finish();
}
