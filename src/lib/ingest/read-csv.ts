/** Reads a CSV sweep table from a file-like source, streaming, with progress and cancel. */
import type { Dataset, Dialect, Progress } from '../model';
import { CsvTableBuilder } from './csv-table';
import { IngestError } from './errors';
import { decodeText, guessEncoding, NotUtf8, type ByteSource, type TextEncoding } from './decode';
import { IssueLog } from './issue-log';
import { commentPreamble, sniffDialect } from './sniff';

export interface IngestHooks {
  onProgress(progress: Progress): void;
  isCancelled(): boolean;
}

const ENCODING_NAMES: Record<TextEncoding, Dialect['encoding']> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1252': 'Windows-1252',
};

const SNIFF_CHARS = 64 * 1024;
const PROGRESS_EVERY_MS = 80;

export async function readCsv(source: ByteSource, hooks: IngestHooks): Promise<Dataset> {
  const guess = await guessEncoding(source);
  try {
    return await readWith(source, guess.encoding, guess.hasBom, hooks);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    const dataset = await readWith(source, 'windows-1252', false, hooks);
    dataset.source.issues.unshift({
      code: 'encoding',
      severity: 'warning',
      file: source.name,
      message:
        'The file is not valid UTF-8; it was read as Windows-1252 (a common Excel export encoding). Check accented characters.',
    });
    return dataset;
  }
}

async function readWith(
  source: ByteSource,
  encoding: TextEncoding,
  hasBom: boolean,
  hooks: IngestHooks,
): Promise<Dataset> {
  const log = new IssueLog(source.name);
  let bytesRead = 0;
  let lastReport = 0;
  let builder: CsvTableBuilder | null = null;
  let sample = '';
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    hooks.onProgress({
      phase: 'parsing',
      bytesRead,
      totalBytes: source.size,
      rows: builder?.rows ?? 0,
    });
  };
  let dialect: Dialect | null = null;
  for await (const text of decodeText(source, encoding, {
    onBytes: (n) => (bytesRead = n),
    isCancelled: hooks.isCancelled,
  })) {
    if (!builder) {
      sample += text;
      if (sample.length < SNIFF_CHARS) continue;
      dialect = sniffDialect(sample.slice(0, SNIFF_CHARS), hasBom, ENCODING_NAMES[encoding]);
      builder = tableBuilder(sample.slice(0, SNIFF_CHARS), dialect, log);
      builder.feed(sample);
      sample = '';
    } else {
      builder.feed(text);
    }
    report(false);
  }
  if (!builder) {
    if (sample.trim() === '')
      throw new IngestError('empty-file', 'The file is empty: there is no header and no data.', {
        file: source.name,
      });
    dialect = sniffDialect(sample.slice(0, SNIFF_CHARS), hasBom, ENCODING_NAMES[encoding]);
    builder = tableBuilder(sample.slice(0, SNIFF_CHARS), dialect, log);
    builder.feed(sample);
  }
  const built = builder.finish();
  report(true);
  if (!built.header)
    throw new IngestError(
      'empty-file',
      'The file holds only blank lines: there is no header and no data.',
      { file: source.name },
    );
  if (built.table.rowCount === 0 && built.quarantinedCount === 0) {
    log.add({
      code: 'header-only',
      severity: 'warning',
      message: 'The file has a header row but no data rows.',
      line: built.headerLine,
    });
  }
  const usedDialect = dialect ?? sniffDialect('', hasBom, ENCODING_NAMES[encoding]);
  return {
    table: built.table,
    source: {
      file: source.name,
      bytes: source.size,
      format: 'csv-table',
      formatReason: `a delimited text table: the first row names ${built.table.columns.length} columns, each further row is one trial`,
      dialect: usedDialect,
      rows: built.table.rowCount,
      columns: built.table.columns.length,
      issues: log.finish(),
      quarantined: built.quarantined,
      quarantinedCount: built.quarantinedCount,
    },
  };
}

/**
 * A builder that skips the `#` comment lines before the header, with one warning saying so.
 * Later issues keep their physical line numbers: the comment lines are skipped, not removed.
 */
function tableBuilder(sample: string, dialect: Dialect, log: IssueLog): CsvTableBuilder {
  const comments = commentPreamble(sample, dialect.delimiter);
  if (comments.length > 0) {
    const n = comments.length;
    const first = comments[0];
    const last = comments[n - 1];
    const where = n === 1 ? `line ${first}` : `lines ${first}–${last}`;
    log.add({
      code: 'no-header',
      severity: 'warning',
      message: `${n === 1 ? '1 comment line' : `${n} comment lines`} before the header (${where}, starting with #) ${n === 1 ? 'was' : 'were'} skipped.`,
      line: first,
    });
  }
  return new CsvTableBuilder(dialect, log, comments);
}
