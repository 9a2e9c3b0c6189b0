/**
 * A hand-written CSV tokenizer for the typed-column hot path. Unlike papaparse it hands out
 * field *ranges* of its input instead of substrings, so number cells are parsed straight from
 * the characters and repeated labels are matched without allocating. It follows papaparse's
 * semantics (RFC 4180 quotes, `""` escapes, spaces allowed between a closing quote and the
 * delimiter), which `tests/unit/ingest/tokenizer-differential.test.ts` checks on the whole
 * conformance corpus and on generated files.
 */
import type { Dialect, ParseIssue } from '../model';

/** One row as ranges of `input`; quoted fields carry their unescaped value instead. */
export interface RowRanges {
  input: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Unescaped value of each quoted field, null for unquoted fields. */
  quoted: (string | null)[];
  /** 1-based physical line where the row starts. */
  line: number;
  rawStart: number;
  rawEnd: number;
}

export interface RangeSink {
  row(row: RowRanges): void;
  issue(issue: Omit<ParseIssue, 'file'>): void;
}

export function fieldText(row: RowRanges, i: number): string {
  return row.quoted[i] ?? row.input.slice(row.starts[i], row.ends[i]);
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const MIN_PARSE_CHARS = 1 << 20;
export const MAX_CARRY_CHARS = 64 << 20;

export class FastCsvTokenizer {
  private pending = '';
  private lastCarry = 0;
  private line = 1;
  private stopped = false;
  private readonly delimiter: number;
  private readonly crOnly: boolean;
  private readonly row: RowRanges = {
    input: '',
    count: 0,
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    quoted: [],
    line: 1,
    rawStart: 0,
    rawEnd: 0,
  };

  constructor(
    dialect: Dialect,
    private readonly sink: RangeSink,
  ) {
    this.delimiter = dialect.delimiter.charCodeAt(0);
    this.crOnly = dialect.newline === '\r';
  }

  feed(text: string): void {
    if (this.stopped) return;
    this.pending += text;
    if (this.pending.length >= Math.max(MIN_PARSE_CHARS, 2 * this.lastCarry)) this.parse(false);
  }

  end(): void {
    if (this.stopped) return;
    this.parse(true);
    this.stopped = true;
  }

  private parse(final: boolean): void {
    const input = this.pending;
    // `+=` builds a rope; charCodeAt on a rope walks it every time. Number() flattens it once.
    Number(input);
    const consumed = this.tokenize(input, final);
    this.pending = final ? '' : input.slice(consumed);
    this.lastCarry = this.pending.length;
    if (this.pending.length > MAX_CARRY_CHARS) {
      this.sink.issue({
        code: 'unclosed-quote',
        severity: 'error',
        message: `A quoted field starting at line ${this.line} is not closed after ${MAX_CARRY_CHARS >> 20} MiB; reading stopped there.`,
        line: this.line,
        excerpt: this.pending.slice(0, 80),
      });
      this.pending = '';
      this.stopped = true;
    }
  }

  /** Emits every complete row of `input`; returns where the unfinished tail starts. */
  private tokenize(input: string, final: boolean): number {
    const n = input.length;
    const row = this.row;
    row.input = input;
    let pos = 0;
    while (pos < n) {
      const rowStart = pos;
      const rowLine = this.line;
      let breaks = 0;
      row.count = 0;
      for (;;) {
        if (row.count === row.starts.length) this.grow();
        const i = row.count;
        if (pos < n && input.charCodeAt(pos) === QUOTE) {
          const field = this.quotedField(input, pos, final, rowLine, rowStart);
          if (field === null) return rowStart;
          row.quoted[i] = field.value;
          row.starts[i] = pos;
          row.ends[i] = field.end;
          breaks += field.breaks;
          pos = field.end;
        } else {
          let p = pos;
          let stray = -1;
          while (p < n) {
            const c = input.charCodeAt(p);
            if (c === this.delimiter || c === LF) break;
            if (c === CR) {
              if (this.crOnly) break;
              if (p + 1 === n && !final) return rowStart;
              if (p + 1 === n || input.charCodeAt(p + 1) === LF) break;
            } else if (c === QUOTE && stray < 0) stray = p;
            p++;
          }
          if (p === n && !final) return rowStart;
          row.quoted[i] = null;
          row.starts[i] = pos;
          row.ends[i] = p;
          if (stray >= 0) this.strayQuote(input, stray, rowStart, rowLine);
          pos = p;
        }
        row.count++;
        const c = pos < n ? input.charCodeAt(pos) : -1;
        if (c === this.delimiter) {
          pos++;
          continue;
        }
        // End of row: a newline (CRLF, LF, or CR in CR-only files) or the end of the input.
        if (c === CR) pos += !this.crOnly && input.charCodeAt(pos + 1) === LF ? 2 : 1;
        else if (c === LF) pos++;
        breaks += c === -1 ? 0 : 1;
        break;
      }
      row.line = rowLine;
      row.rawStart = rowStart;
      row.rawEnd = pos;
      this.line += breaks;
      if (!this.isBlank(row)) this.sink.row(row);
    }
    return n;
  }

  private quotedField(
    input: string,
    open: number,
    final: boolean,
    rowLine: number,
    rowStart: number,
  ): { value: string; end: number; breaks: number } | null {
    const n = input.length;
    let search = open + 1;
    let escaped = false;
    for (;;) {
      const close = input.indexOf('"', search);
      if (close === -1 || (close === n - 1 && !final)) {
        if (!final) return null;
        this.quoteIssue('unclosed-quote', input, open, rowStart, rowLine);
        const value = input.slice(open + 1);
        return { value, end: n, breaks: countBreaks(value, this.crOnly) };
      }
      if (input.charCodeAt(close + 1) === QUOTE) {
        escaped = true;
        search = close + 2;
        continue;
      }
      // After the closing quote: spaces, then a delimiter, a newline or the end.
      let after = close + 1;
      while (after < n && isPadding(input.charCodeAt(after), this.delimiter)) after++;
      if (after === n && !final) return null;
      const c = after < n ? input.charCodeAt(after) : -1;
      if (c === -1 || c === this.delimiter || c === LF || c === CR) {
        let value = input.slice(open + 1, close);
        if (escaped) value = value.replaceAll('""', '"');
        return { value, end: after, breaks: countBreaks(value, this.crOnly) };
      }
      // A quote inside a quoted field that does not close it: papaparse keeps it and looks further.
      this.quoteIssue('malformed-quote', input, close, rowStart, rowLine);
      escaped = true;
      search = close + 1;
    }
  }

  private isBlank(row: RowRanges): boolean {
    if (row.count !== 1) return false;
    // Like papaparse's skipEmptyLines, a lone `""` counts as a blank line too.
    const quoted = row.quoted[0];
    if (quoted !== null) return quoted.trim() === '';
    for (let i = row.starts[0]; i < row.ends[0]; i++)
      if (row.input.charCodeAt(i) > SPACE) return false;
    return true;
  }

  private grow(): void {
    const size = this.row.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.row.starts);
    ends.set(this.row.ends);
    this.row.starts = starts;
    this.row.ends = ends;
  }

  private position(input: string, index: number, rowStart: number, rowLine: number) {
    let line = rowLine;
    let lineStart = rowStart;
    for (let i = rowStart; i < index; i++) {
      const c = input.charCodeAt(i);
      if (c === LF || (c === CR && (this.crOnly || input.charCodeAt(i + 1) !== LF))) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: index - lineStart + 1 };
  }

  private quoteIssue(
    code: 'unclosed-quote' | 'malformed-quote',
    input: string,
    index: number,
    rowStart: number,
    rowLine: number,
  ): void {
    const at = this.position(input, index, rowStart, rowLine);
    this.sink.issue({
      code,
      severity: code === 'unclosed-quote' ? 'error' : 'warning',
      message:
        code === 'unclosed-quote'
          ? `Unclosed quote: the quoted field at line ${at.line}, column ${at.column} never ends, so the rest of the file was read as one field.`
          : `Malformed quote at line ${at.line}, column ${at.column}: a quote inside a quoted field is followed by text instead of a delimiter; it was kept as text.`,
      ...at,
      excerpt: excerptAt(input, rowStart),
    });
  }

  private strayQuote(input: string, index: number, rowStart: number, rowLine: number): void {
    const at = this.position(input, index, rowStart, rowLine);
    this.sink.issue({
      code: 'malformed-quote',
      severity: 'warning',
      message: `Stray quote at line ${at.line}, column ${at.column}: a quote inside an unquoted field was kept as text.`,
      ...at,
      excerpt: excerptAt(input, rowStart),
    });
  }
}

export function excerptAt(input: string, start: number, max = 120): string {
  const slice = input.slice(start, start + max + 1).split(/\r\n|\n|\r/)[0];
  return slice.length > max ? slice.slice(0, max) + '…' : slice;
}

/** Spaces between a closing quote and the delimiter, unless the delimiter is itself a tab. */
function isPadding(c: number, delimiter: number): boolean {
  return c !== delimiter && (c === SPACE || c === TAB);
}

function countBreaks(value: string, crOnly: boolean): number {
  const ch = crOnly ? '\r' : '\n';
  let count = 0;
  for (let i = value.indexOf(ch); i !== -1; i = value.indexOf(ch, i + 1)) count++;
  return count;
}
