/**
 * Complete lines of a curve CSV whose dialect is known, as bytes → CurveRows (the byte path's
 * inner half; byte-input.ts cuts chunks into lines and owns the string-path fallback). Plain lines
 * are split by one table-driven pass, long-format files go through LongLines (byte-long.ts), and
 * lines with quotes or non-ASCII bytes through splitLine() (byte-line.ts).
 */
import { LongLines } from './byte-long';
import { ByteRowHandler } from './byte-rows';
import { fieldText, growRow, isBlankRow, newByteRow, splitLine } from './byte-line';
import type { CurveRows } from './curve-rows';
import { decodeStrict } from './text-fallback';

const LF = 10;
const CR = 13;
const QUOTE = 34;
/** Byte classes for scan(). */
const ORDINARY = 0;
const DELIMITER = 1;
const NEWLINE = 2;
const SPECIAL = 3;

export class ByteLines {
  /** Physical line number of the next line. */
  line = 1;
  /** Where the line that needs the string path starts, after scan() returned -1. */
  failedAt = 0;
  private readonly table = new Uint8Array(256);
  private readonly handler: ByteRowHandler;
  private readonly row = newByteRow();
  /** The long format's loop, once the header says it applies (undefined: no header yet). */
  private fast: LongLines | null | undefined = undefined;
  private readonly validator = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly rows: CurveRows,
    private readonly delimiter: number,
  ) {
    this.handler = new ByteRowHandler(rows);
    this.table.fill(SPECIAL, 0x80);
    this.table[QUOTE] = SPECIAL;
    this.table[LF] = NEWLINE;
    this.table[delimiter] = DELIMITER;
  }

  /** Reads the complete lines of bytes[pos…]; returns as scan() does. */
  read(bytes: Uint8Array, pos: number): number {
    return this.fastPath() ? this.scanFast(bytes, pos) : this.scan(bytes, pos);
  }

  /**
   * Reads every complete line of bytes[pos…]: one pass, one table lookup per byte, fields
   * recorded as they end. A quote or non-ASCII byte sends its line through fullLine() instead.
   * Returns where the unfinished last line starts, or -1 when the line at failedAt needs the
   * string path.
   */
  scan(bytes: Uint8Array, pos: number): number {
    const table = this.table;
    const row = this.row;
    const n = bytes.length;
    let { starts, ends } = row;
    let count = 0;
    let fieldStart = pos;
    let lineStart = pos;
    // Bytes above the delimiter and below 0x80 (letters, digits, '.', '/', '_' with a comma or
    // tab delimiter) are skipped with two compares and no table load.
    const above = this.delimiter <= 44 ? 44 : 0x7f;
    for (let p = pos; p < n; p++) {
      const b = bytes[p];
      if (b > above && b < 0x80) continue;
      const c = table[b];
      if (c === ORDINARY) continue;
      if (c === DELIMITER) {
        if (count === starts.length - 1) ({ starts, ends } = growRow(row));
        starts[count] = fieldStart;
        ends[count++] = p;
        fieldStart = p + 1;
        continue;
      }
      if (c === NEWLINE) {
        // A CR before the LF is not part of the last field (CsvRowReader drops it too).
        starts[count] = fieldStart;
        ends[count] = p > fieldStart && bytes[p - 1] === CR ? p - 1 : p;
        row.bytes = bytes;
        row.count = count + 1;
        row.ascii = true;
        this.lineRow();
        if (this.rows.stopped) return n;
        if (this.fast === undefined && this.fastPath()) return this.scanFast(bytes, p + 1);
        count = 0;
        fieldStart = lineStart = p + 1;
        continue;
      }
      const lf = bytes.indexOf(LF, p);
      if (lf === -1) return lineStart;
      if (!this.fullLine(bytes, lineStart, lf)) {
        this.failedAt = lineStart;
        return -1;
      }
      if (this.fast === undefined && this.fastPath()) return this.scanFast(bytes, lf + 1);
      ({ starts, ends } = row);
      count = 0;
      fieldStart = lineStart = lf + 1;
      p = lf;
    }
    return lineStart;
  }

  /** The long-format loop, decided once the header is read. */
  private fastPath(): LongLines | null | undefined {
    if (this.fast === undefined && this.rows.header)
      this.fast = LongLines.create(this.handler, this.rows, this.delimiter);
    return this.fast;
  }

  /**
   * scan() for long-format files: complete lines go through LongLines, and each line it leaves
   * (quotes, blanks, text cells…) through fullLine(). Returns as scan() does.
   */
  private scanFast(bytes: Uint8Array, pos: number): number {
    const fast = this.fast;
    const limit = bytes.lastIndexOf(LF, bytes.length - 1) + 1;
    if (!fast) return pos;
    let p = pos;
    while (p < limit) {
      p = fast.run(bytes, p, limit);
      this.line += fast.lines;
      if (p >= limit) break;
      const lf = bytes.indexOf(LF, p);
      if (!this.fullLine(bytes, p, lf)) {
        this.failedAt = p;
        return -1;
      }
      p = lf + 1;
    }
    return Math.max(p, pos);
  }

  /** One line bytes[start, end) (end = its LF); false when it needs the string path. */
  fullLine(bytes: Uint8Array, start: number, end: number): boolean {
    const row = this.row;
    if (!splitLine(row, bytes, start, end, this.delimiter)) return false;
    if (!row.ascii) decodeStrict(this.validator, bytes.subarray(start, end), false);
    this.lineRow();
    return true;
  }

  /** Hands the split line in `row` over: the header as strings, data rows as bytes. */
  private lineRow(): void {
    const row = this.row;
    if (!isBlankRow(row)) {
      const rows = this.rows;
      if (rows.header) this.handler.row(row, this.line);
      else {
        const fields: string[] = [];
        for (let i = 0; i < row.count; i++) fields.push(fieldText(row, i));
        rows.onRow(fields, this.line);
      }
    }
    this.line++;
  }
}
