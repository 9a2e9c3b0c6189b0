/**
 * The rest of a curve CSV after the byte path gave up on a line (see byte-input.ts): decoded
 * text fed to a CsvRowReader, papaparse underneath, rows into the same CurveRows. The reader is
 * first given one empty line per line already read (blank lines are skipped but counted), so its
 * line numbers, and so every issue, are those of the file.
 */
import type { Dialect } from '../../model';
import { CsvRowReader } from '../csv-rows';
import { NotUtf8 } from '../decode';
import type { CurveRows } from './curve-rows';

/** Decodes with `fatal`, reporting invalid UTF-8 as NotUtf8 like decodeText() does. */
export function decodeStrict(
  decoder: TextDecoder,
  bytes: Uint8Array | undefined,
  stream: boolean,
): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch (error) {
    if (error instanceof TypeError) throw new NotUtf8();
    throw error;
  }
}

export class TextFallback {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly reader: CsvRowReader;

  /** `line`: the file's line number of the first byte that will be fed. */
  constructor(dialect: Dialect, rows: CurveRows, line: number) {
    this.reader = new CsvRowReader(dialect, {
      row: (fields, at) => rows.onRow(fields, at),
      issue: (issue) => rows.log.add(issue),
    });
    if (line > 1) this.reader.feed((dialect.newline === '\r' ? '\r' : '\n').repeat(line - 1));
  }

  feed(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const text = decodeStrict(this.decoder, bytes, true);
    if (text) this.reader.feed(text);
  }

  finish(): void {
    const tail = decodeStrict(this.decoder, undefined, false);
    if (tail) this.reader.feed(tail);
    this.reader.end();
  }
}
