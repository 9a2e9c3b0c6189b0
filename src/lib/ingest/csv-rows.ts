/**
 * Streaming CSV rows with physical line numbers, on top of papaparse's low-level Parser.
 *
 * We drive `Papa.Parser` ourselves instead of `Papa.parse(file)` because papaparse's file
 * streamer decodes each byte slice on its own (splitting multibyte characters) and reports
 * rows, not physical lines. Text arrives already decoded; we keep the unfinished last row as
 * a carry, and parse again only when the new text is at least as long as the carry, so a huge
 * quoted field costs linear time, not quadratic.
 */
import Papa from 'papaparse';
import type { Dialect, ParseIssue } from '../model';

export interface RowSink {
  /** Called for each non-empty row; `line` is the 1-based physical line where the row starts. */
  row(fields: string[], line: number): void;
  issue(issue: Omit<ParseIssue, 'file'>): void;
}

const MIN_PARSE_CHARS = 1 << 20;
/** A carry beyond this is an unclosed quote swallowing the file, not a real field. */
export const MAX_CARRY_CHARS = 64 << 20;

interface StepResult {
  data: string[][] | string[];
  errors: { code: string; message: string; index?: number }[];
  meta: { cursor: number };
}

export class CsvRowReader {
  private pending = '';
  private line = 1;
  private input = '';
  private rowStart = 0;
  private stopped = false;
  private readonly parser: {
    parse(input: string, baseIndex: number, ignoreLastRow: boolean): StepResult;
  };
  private readonly lineBreak: string;

  constructor(
    private readonly dialect: Dialect,
    private readonly sink: RowSink,
  ) {
    // Mixed CRLF/LF files parse on '\n'; the stray '\r' is stripped from each row's last field.
    this.lineBreak = dialect.newline === '\r' ? '\r' : '\n';
    this.parser = new Papa.Parser({
      delimiter: dialect.delimiter,
      newline: this.lineBreak as '\n' | '\r',
      quoteChar: dialect.quoteChar,
      step: (result: StepResult) => this.onStep(result),
    }) as unknown as CsvRowReader['parser'];
  }

  /** The raw text of the row being delivered, shortened for messages. */
  excerpt(max = 120): string {
    const cursor = this.currentRowEnd;
    const raw = this.input
      .slice(this.rowStart, Math.min(cursor, this.rowStart + max + 1))
      .replace(/\r?\n$|\r$/, '');
    return raw.length > max ? raw.slice(0, max) + '…' : raw;
  }

  private currentRowEnd = 0;
  private lastCarry = 0;
  private nextQuote = -1;

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

  /** Characters waiting for the rest of their row. */
  get carryLength(): number {
    return this.pending.length;
  }

  private parse(final: boolean): void {
    this.input = this.pending;
    this.rowStart = 0;
    this.nextQuote = this.input.indexOf(this.dialect.quoteChar);
    this.parser.parse(this.input, 0, !final);
    const rest = this.input.slice(this.rowStart);
    this.input = '';
    if (final) {
      this.pending = '';
      return;
    }
    this.pending = rest;
    this.lastCarry = rest.length;
    if (rest.length > MAX_CARRY_CHARS) {
      this.sink.issue({
        code: 'unclosed-quote',
        severity: 'error',
        message: `A quoted field starting at line ${this.line} is not closed after ${MAX_CARRY_CHARS >> 20} MiB; reading stopped there.`,
        line: this.line,
        excerpt: rest.slice(0, 80),
      });
      this.pending = '';
      this.stopped = true;
    }
  }

  private onStep(result: StepResult): void {
    const end = result.meta.cursor;
    const start = this.rowStart;
    this.currentRowEnd = end;
    const fields = (Array.isArray(result.data[0]) ? result.data[0] : result.data) as string[];
    // Cached so that a chunk without quotes is scanned once, not once per row.
    if (this.nextQuote !== -1 && this.nextQuote < start)
      this.nextQuote = this.input.indexOf(this.dialect.quoteChar, start);
    const quoted = this.nextQuote !== -1 && this.nextQuote < end;
    const rowLine = this.line;
    for (const error of result.errors) this.reportQuoteError(error, start, rowLine);
    if (quoted && result.errors.length === 0) this.checkStrayQuote(start, end, rowLine);
    if (this.lineBreak === '\n' && fields.length > 0) {
      const last = fields[fields.length - 1];
      if (last.endsWith('\r')) fields[fields.length - 1] = last.slice(0, -1);
    }
    const empty = fields.length === 1 && fields[0].trim() === '';
    if (!empty) this.sink.row(fields, rowLine);
    this.line += quoted ? countBreaks(this.input, start, end, this.lineBreak) : 1;
    this.rowStart = end;
  }

  private position(
    index: number,
    start: number,
    rowLine: number,
  ): { line: number; column: number } {
    let line = rowLine;
    let lineStart = start;
    for (
      let i = this.input.indexOf(this.lineBreak, start);
      i !== -1 && i < index;
      i = this.input.indexOf(this.lineBreak, i + 1)
    ) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: index - lineStart + 1 };
  }

  private reportQuoteError(
    error: StepResult['errors'][number],
    start: number,
    rowLine: number,
  ): void {
    // papaparse reports the index just after the opening quote; point at the quote itself.
    const at = this.position(
      error.index === undefined ? start : Math.max(start, error.index - 1),
      start,
      rowLine,
    );
    const unclosed = error.code === 'MissingQuotes';
    this.sink.issue({
      code: unclosed ? 'unclosed-quote' : 'malformed-quote',
      severity: unclosed ? 'error' : 'warning',
      message: unclosed
        ? `Unclosed quote: the quoted field at line ${at.line}, column ${at.column} never ends, so the rest of the file was read as one field.`
        : `Malformed quote at line ${at.line}, column ${at.column}: a closing quote is followed by text instead of a delimiter.`,
      ...at,
      excerpt: this.input
        .slice(start, Math.min(start + 120, this.input.length))
        .split(/\r?\n|\r/)[0],
    });
  }

  /**
   * A quote inside an unquoted field (`a "b" c`) is legal for papaparse but usually a broken
   * export; not in a JSON cell (`{"lr": 0.1}` in a TSV), whose quotes are JSON's own.
   */
  private checkStrayQuote(start: number, end: number, rowLine: number): void {
    const { delimiter, quoteChar } = this.dialect;
    let fieldStart = true;
    let fieldFrom = start;
    let inQuotes = false;
    for (let i = start; i < end; i++) {
      const ch = this.input[i];
      if (inQuotes) {
        if (ch === quoteChar) {
          if (this.input[i + 1] === quoteChar) i++;
          else inQuotes = false;
        }
        continue;
      }
      if (fieldStart) fieldFrom = i;
      if (ch === quoteChar) {
        if (fieldStart) {
          inQuotes = true;
          fieldStart = false;
          continue;
        }
        const fieldEnd = unquotedFieldEnd(this.input, i, end, delimiter);
        if (isJsonCell(this.input, fieldFrom, fieldEnd)) {
          i = fieldEnd - 1;
          continue;
        }
        const at = this.position(i, start, rowLine);
        this.sink.issue({
          code: 'malformed-quote',
          severity: 'warning',
          message: `Stray quote at line ${at.line}, column ${at.column}: a quote inside an unquoted field was kept as text.`,
          ...at,
          excerpt: this.input.slice(start, Math.min(end, start + 120)).replace(/\r?\n$/, ''),
        });
        return;
      }
      fieldStart = ch === delimiter || ch === '\n' || ch === '\r';
    }
  }
}

function countBreaks(text: string, start: number, end: number, lineBreak: string): number {
  let count = 0;
  for (
    let i = text.indexOf(lineBreak, start);
    i !== -1 && i < end;
    i = text.indexOf(lineBreak, i + 1)
  )
    count++;
  return count;
}

/** Where the unquoted field holding `from` ends: its delimiter, its newline or `end`. */
function unquotedFieldEnd(text: string, from: number, end: number, delimiter: string): number {
  let i = from;
  while (i < end && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * Whether `text[start, end)` is a JSON object or array written unquoted in a cell (TSV exports
 * of configs): braces or brackets around it and its double quotes paired. Its quotes are JSON
 * syntax, intact as text, so a stray-quote warning per such cell would only be noise.
 */
export function isJsonCell(text: string, start: number, end: number): boolean {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (end - start < 2) return false;
  const open = text[start];
  const close = text[end - 1];
  if (!((open === '{' && close === '}') || (open === '[' && close === ']'))) return false;
  let quotes = 0;
  for (let i = start; i < end; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') quotes++;
  }
  return quotes % 2 === 0;
}
