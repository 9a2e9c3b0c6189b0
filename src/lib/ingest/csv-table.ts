/** A sweep table from CSV text: header, field-count checks, quarantine and typed columns. */
import type { Dialect, ParseIssue, QuarantinedRow, RunTable } from '../model';
import { ColumnBuilder } from './column-builder';
import { excerptAt, FastCsvTokenizer, fieldText, type RowRanges } from './csv-tokenizer';
import { isJsonCell } from './csv-rows';
import { IssueLog } from './issue-log';
import { Growable } from './growable';

const MAX_QUARANTINE_LISTED = 200;

export interface TableBuildResult {
  table: RunTable;
  header: string[] | null;
  /** Physical line of the header (after any skipped comment lines); 1 when there is none. */
  headerLine: number;
  quarantined: QuarantinedRow[];
  quarantinedCount: number;
}

export class CsvTableBuilder {
  private readonly reader: FastCsvTokenizer;
  private builders: ColumnBuilder[] = [];
  private header: string[] | null = null;
  private readonly lines = new Growable(Int32Array);
  private quarantined: QuarantinedRow[] = [];
  private quarantinedCount = 0;
  private trailingDelimiterWarned = false;
  private headerLine = 1;
  private readonly commentLines: ReadonlySet<number>;
  /**
   * Quote warnings of the row being tokenized: the tokenizer reports them before the row itself,
   * and only the row tells whether they fall in a JSON cell or a skipped comment line.
   */
  private pendingQuotes: Omit<ParseIssue, 'file'>[] = [];
  rows = 0;

  constructor(
    private readonly dialect: Dialect,
    private readonly log: IssueLog,
    /** Physical lines of the `#` comment preamble (see commentPreamble), skipped. */
    commentLines: readonly number[] = [],
  ) {
    this.commentLines = new Set(commentLines);
    this.reader = new FastCsvTokenizer(dialect, {
      row: (row) => this.onRow(row),
      issue: (issue) => {
        if (issue.code === 'malformed-quote') this.holdQuoteIssue(issue);
        else this.log.add(issue);
      },
    });
  }

  feed(text: string): void {
    this.reader.feed(text);
  }

  finish(): TableBuildResult {
    this.reader.end();
    for (const issue of this.pendingQuotes) this.log.add(issue);
    this.pendingQuotes = [];
    const columns = this.builders.map((b) => b.finish());
    return {
      table: { columns, rowCount: this.rows, sourceLines: this.lines.toArray() },
      header: this.header,
      headerLine: this.headerLine,
      quarantined: this.quarantined,
      quarantinedCount: this.quarantinedCount,
    };
  }

  /** A row re-tokenized after more text arrived reports its quotes again: keep one of each. */
  private holdQuoteIssue(issue: Omit<ParseIssue, 'file'>): void {
    const seen = this.pendingQuotes.some(
      (p) => p.line === issue.line && p.column === issue.column && p.message === issue.message,
    );
    if (!seen) this.pendingQuotes.push(issue);
  }

  /** The held quote warnings of `row`, except those inside a JSON cell or a comment line. */
  private flushQuoteIssues(row: RowRanges, comment: boolean): void {
    if (this.pendingQuotes.length === 0) return;
    for (const issue of this.pendingQuotes)
      if (!comment && !inJsonCell(row, issue)) this.log.add(issue);
    this.pendingQuotes = [];
  }

  private onRow(row: RowRanges): void {
    const line = row.line;
    const comment = !this.header && this.commentLines.has(line);
    this.flushQuoteIssues(row, comment);
    if (comment) return;
    if (!this.header) {
      const fields = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
      this.headerLine = line;
      this.header = this.nameColumns(fields, line);
      const decimalComma = this.dialect.decimal === ',';
      this.builders = this.header.map((name) => new ColumnBuilder(name, decimalComma));
      return;
    }
    const width = this.builders.length;
    if (row.count > width && extraFieldsBlank(row, width)) {
      this.warnTrailingDelimiter(line, row.count);
    } else if (row.count !== width) {
      this.quarantine(row.count, width, line, excerptAt(row.input, row.rawStart));
      return;
    }
    for (let i = 0; i < width; i++) {
      const quoted = row.quoted[i];
      if (quoted !== null) this.builders[i].push(quoted);
      else this.builders[i].pushRange(row.input, row.starts[i], row.ends[i]);
    }
    this.lines.push(line);
    this.rows++;
  }

  private nameColumns(fields: string[], line: number): string[] {
    const seen = new Map<string, number>();
    const names = fields.map((raw, i) => {
      let name = raw.trim();
      if (name === '') {
        name = i === 0 ? 'index' : `column_${i + 1}`;
        if (i > 0 || fields.length === 1) {
          this.log.add({
            code: 'empty-header',
            severity: 'warning',
            message: `Column ${i + 1} has no name; called it "${name}".`,
            line,
            column: i + 1,
          });
        }
      }
      const count = seen.get(name) ?? 0;
      seen.set(name, count + 1);
      if (count > 0) {
        const renamed = `${name}_${count + 1}`;
        this.log.add({
          code: 'duplicate-header',
          severity: 'warning',
          message: `Column name "${name}" appears more than once; column ${i + 1} is called "${renamed}".`,
          line,
          column: i + 1,
        });
        return renamed;
      }
      return name;
    });
    if (fields.length > 1 && fields.every((f) => /^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(f.trim()))) {
      this.log.add({
        code: 'no-header',
        severity: 'warning',
        message:
          'The first row looks like numbers, not column names. It was used as the header anyway; add a header row if it is data.',
        line,
      });
    }
    return names;
  }

  private warnTrailingDelimiter(line: number, count: number): void {
    if (this.trailingDelimiterWarned) return;
    this.trailingDelimiterWarned = true;
    this.log.add({
      code: 'too-many-fields',
      severity: 'warning',
      message: `Line ${line} has ${count} fields for ${this.builders.length} columns, but the extra ones are empty (trailing delimiters); they were ignored here and on similar lines.`,
      line,
    });
  }

  private quarantine(count: number, width: number, line: number, excerpt: string): void {
    this.quarantinedCount++;
    const fewer = count < width;
    const reason = `${count} field${count === 1 ? '' : 's'} where the header has ${width}`;
    if (this.quarantined.length < MAX_QUARANTINE_LISTED)
      this.quarantined.push({ line, reason, excerpt });
    const issue: Omit<ParseIssue, 'file'> = {
      code: fewer ? 'too-few-fields' : 'too-many-fields',
      severity: 'warning',
      message: `Line ${line}: ${reason}; the row was set aside (quarantined), not guessed.`,
      line,
      column: fewer ? undefined : width + 1,
      excerpt,
    };
    this.log.add(issue);
  }
}

/**
 * Whether a quote warning points into an unquoted JSON cell of `row` (`{"lr": 0.1}` in a TSV):
 * its quotes are JSON's, the cell is read intact. Only warnings on the row's first physical line
 * can be placed by column; others are kept.
 */
function inJsonCell(row: RowRanges, issue: Omit<ParseIssue, 'file'>): boolean {
  if (issue.line !== row.line || issue.column === undefined) return false;
  const index = row.rawStart + issue.column - 1;
  for (let i = 0; i < row.count; i++) {
    if (row.starts[i] <= index && index < row.ends[i])
      return row.quoted[i] === null && isJsonCell(row.input, row.starts[i], row.ends[i]);
  }
  return false;
}

function extraFieldsBlank(row: RowRanges, width: number): boolean {
  for (let i = width; i < row.count; i++) if (fieldText(row, i).trim() !== '') return false;
  return true;
}
