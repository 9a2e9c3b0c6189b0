/**
 * The byte-level input of CurveCsvReader: UTF-8 chunks cut into complete lines (the unfinished
 * last one carried to the next chunk), read without TextDecoder by ByteLines (byte-lines.ts).
 * The first line that needs papaparse's full rules (a `""` escape, a stray quote, a quoted line
 * break, a CR-only file) switches the rest of the file to the string path (text-fallback.ts),
 * with the file's line numbers.
 */
import type { Dialect } from '../../model';
import { MAX_CARRY_CHARS } from '../csv-rows';
import { ByteCarry, concat, sniffBytes } from './byte-carry';
import { ByteLines } from './byte-lines';
import type { CurveRows } from './curve-rows';
import { TextFallback } from './text-fallback';

const LF = 10;
const QUOTE = 34;

export class ByteInput {
  /** Bytes before the dialect is known (the sniff needs the first `sniffChars` characters). */
  private head: Uint8Array[] = [];
  private headLength = 0;
  dialect: Dialect | null = null;
  private lines: ByteLines | null = null;
  /** The unfinished last line, carried to the next chunks. */
  private readonly carry = new ByteCarry();
  private fallback: TextFallback | null = null;

  constructor(
    private readonly rows: CurveRows,
    private readonly sniffChars: number,
  ) {}

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
    if (!this.fallback && this.carry.length > 0) this.lastLine();
    this.fallback?.finish();
    return true;
  }

  private start(final: boolean): boolean {
    const sniffed = sniffBytes(concat(this.head, this.headLength), this.sniffChars, final);
    this.head = [];
    if (!sniffed) return false;
    const { bytes, dialect } = sniffed;
    this.dialect = dialect;
    this.rows.decimalComma = dialect.decimal === ',';
    this.lines = new ByteLines(this.rows, dialect.delimiter.charCodeAt(0));
    if (dialect.newline === '\r') this.fallback = new TextFallback(dialect, this.rows, 1);
    this.consume(bytes, final);
    return true;
  }

  private consume(chunk: Uint8Array, final: boolean): void {
    const lines = this.lines;
    if (!lines) return;
    let pos = 0;
    const carry = this.carry;
    if (carry.length > 0 && !this.fallback) {
      const lf = chunk.indexOf(LF);
      if (lf === -1) {
        // Pieces are joined once the line ends, so a long line costs linear time.
        carry.add(chunk, true);
        // A line this long is most likely an unclosed quote: let CsvRowReader judge it.
        if (carry.length > MAX_CARRY_CHARS) this.switchAt(carry.take(), 0);
        if (final) this.lastLine();
        return;
      }
      carry.add(chunk.subarray(0, lf + 1), false);
      const line = carry.take();
      if (!lines.fullLine(line, 0, line.length - 1)) {
        this.switchAt(line, 0);
        return this.feedFallback(chunk.subarray(lf + 1));
      }
      pos = lf + 1;
    }
    if (this.fallback) return this.feedFallback(pos === 0 ? chunk : chunk.subarray(pos));
    const tail = lines.read(chunk, pos);
    if (tail === -1) return this.switchAt(chunk, lines.failedAt);
    if (tail < chunk.length) carry.add(chunk.subarray(tail), true);
    if (final) this.lastLine();
  }

  /** The file's last line, without a line break. */
  private lastLine(): void {
    const line = this.carry.take();
    if (line.length === 0 || this.fallback || !this.lines) return;
    // papaparse's rules for a closing quote at the very end differ: leave quotes to it.
    if (line.indexOf(QUOTE) !== -1 || !this.lines.fullLine(line, 0, line.length))
      this.switchAt(line, 0);
  }

  private switchAt(bytes: Uint8Array, pos: number): void {
    this.carry.clear();
    if (!this.fallback && this.dialect)
      this.fallback = new TextFallback(this.dialect, this.rows, this.lines?.line ?? 1);
    this.feedFallback(bytes.subarray(pos));
  }

  private feedFallback(bytes: Uint8Array): void {
    this.fallback?.feed(bytes);
  }
}
