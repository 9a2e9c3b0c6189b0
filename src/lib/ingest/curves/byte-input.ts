/**
 * The byte-level input of CurveCsvReader: one pass over each UTF-8 chunk records field ranges
 * line by line (scan()), and ByteRowHandler applies them without TextDecoder. Lines with a quote
 * or a non-ASCII byte are split by byte-line.ts, which accepts plain quoted fields.
 * The first line that needs papaparse's full rules (a `""` escape, a stray quote, a quoted line
 * break, a CR-only file) switches the rest of the file to the string path (text-fallback.ts),
 * with the file's line numbers.
 */
import type { Dialect } from '../../model';
import { MAX_CARRY_CHARS } from '../csv-rows';
import { sniffDialect } from '../sniff';
import { ByteRowHandler } from './byte-rows';
import { fieldText, growRow, isBlankRow, newByteRow, splitLine } from './byte-line';
import type { CurveRows } from './curve-rows';
import { TextFallback, decodeStrict } from './text-fallback';

const LF = 10;
const CR = 13;
const QUOTE = 34;
/** Byte classes for scan(). */
const ORDINARY = 0;
const DELIMITER = 1;
const NEWLINE = 2;
const SPECIAL = 3;

export class ByteInput {
  /** Bytes before the dialect is known (the sniff needs the first `sniffChars` characters). */
  private head: Uint8Array[] = [];
  private headLength = 0;
  dialect: Dialect | null = null;
  private delimiter = 44;
  private readonly table = new Uint8Array(256);
  private readonly handler: ByteRowHandler;
  private readonly row = newByteRow();
  /** The unfinished last line, carried to the next chunks (copied: chunks are not retained). */
  private carryParts: Uint8Array[] = [];
  private carryLength = 0;
  /** Physical line number of the next line. */
  private line = 1;
  private fallback: TextFallback | null = null;
  private readonly validator = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly rows: CurveRows,
    private readonly sniffChars: number,
  ) {
    this.handler = new ByteRowHandler(rows);
  }

  feed(chunk: Uint8Array): void {
    if (this.rows.stopped || chunk.length === 0) return;
    if (!this.dialect) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      // A UTF-16 code unit takes at most 3 bytes: enough for the sniff sample.
      if (this.headLength >= 3 * this.sniffChars + 3) this.start(false);
      return;
    }
    this.consume(chunk, false);
  }

  /** Reads what is left; returns false when the file held only whitespace (nothing started). */
  finish(): boolean {
    if (!this.dialect && !this.start(true)) return false;
    if (!this.fallback && this.carryLength > 0) this.lastLine();
    this.fallback?.finish();
    return true;
  }

  private start(final: boolean): boolean {
    let bytes = concat(this.head, this.headLength);
    this.head = [];
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const sample = decodeStrict(
      new TextDecoder('utf-8', { fatal: true }),
      bytes.subarray(0, 3 * this.sniffChars + 3),
      !final,
    );
    // The string path reports an empty file only when it never reached its sniff size.
    if (final && sample.length < this.sniffChars && sample.trim() === '') return false;
    const dialect = sniffDialect(sample.slice(0, this.sniffChars), false);
    this.dialect = dialect;
    this.rows.decimalComma = dialect.decimal === ',';
    this.delimiter = dialect.delimiter.charCodeAt(0);
    this.table.fill(SPECIAL, 0x80);
    this.table[QUOTE] = SPECIAL;
    this.table[LF] = NEWLINE;
    this.table[this.delimiter] = DELIMITER;
    if (dialect.newline === '\r') this.fallback = new TextFallback(dialect, this.rows, 1);
    this.consume(bytes, final);
    return true;
  }

  private consume(chunk: Uint8Array, final: boolean): void {
    let pos = 0;
    if (this.carryLength > 0 && !this.fallback) {
      const lf = chunk.indexOf(LF);
      if (lf === -1) {
        // Pieces are joined once the line ends, so a long line costs linear time.
        this.carryParts.push(chunk.slice());
        this.carryLength += chunk.length;
        // A line this long is most likely an unclosed quote: let CsvRowReader judge it.
        if (this.carryLength > MAX_CARRY_CHARS) this.switchAt(this.takeCarry(), 0);
        if (final) this.lastLine();
        return;
      }
      this.carryParts.push(chunk.subarray(0, lf + 1));
      this.carryLength += lf + 1;
      const line = this.takeCarry();
      if (!this.fullLine(line, 0, line.length - 1)) {
        this.switchAt(line, 0);
        return this.feedFallback(chunk.subarray(lf + 1));
      }
      pos = lf + 1;
    }
    if (this.fallback) return this.feedFallback(pos === 0 ? chunk : chunk.subarray(pos));
    const tail = this.scan(chunk, pos);
    if (tail === -1) return;
    if (tail < chunk.length) {
      this.carryParts.push(chunk.slice(tail));
      this.carryLength = chunk.length - tail;
    }
    if (final) this.lastLine();
  }

  /**
   * Reads every complete line of bytes[pos…]: one pass, one table lookup per byte, fields
   * recorded as they end. A quote or non-ASCII byte sends its line through fullLine() instead.
   * Returns where the unfinished last line starts, or -1 after switching to the string path.
   */
  private scan(bytes: Uint8Array, pos: number): number {
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
        count = 0;
        fieldStart = lineStart = p + 1;
        continue;
      }
      const lf = bytes.indexOf(LF, p);
      if (lf === -1) return lineStart;
      if (!this.fullLine(bytes, lineStart, lf)) {
        this.switchAt(bytes, lineStart);
        return -1;
      }
      ({ starts, ends } = row);
      count = 0;
      fieldStart = lineStart = lf + 1;
      p = lf;
    }
    return lineStart;
  }

  /** The carried line in one piece; the carry is left empty. */
  private takeCarry(): Uint8Array {
    const line = concat(this.carryParts, this.carryLength);
    this.carryParts = [];
    this.carryLength = 0;
    return line;
  }

  /** The file's last line, without a line break. */
  private lastLine(): void {
    const line = this.takeCarry();
    if (line.length === 0 || this.fallback) return;
    // papaparse's rules for a closing quote at the very end differ: leave quotes to it.
    if (line.indexOf(QUOTE) !== -1 || !this.fullLine(line, 0, line.length)) this.switchAt(line, 0);
  }

  /** One line bytes[start, end) (end = its LF); false when it needs the string path. */
  private fullLine(bytes: Uint8Array, start: number, end: number): boolean {
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

  private switchAt(bytes: Uint8Array, pos: number): void {
    this.carryParts = [];
    this.carryLength = 0;
    if (!this.fallback && this.dialect)
      this.fallback = new TextFallback(this.dialect, this.rows, this.line);
    this.feedFallback(bytes.subarray(pos));
  }

  private feedFallback(bytes: Uint8Array): void {
    this.fallback?.feed(bytes);
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
