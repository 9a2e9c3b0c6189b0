/** A sweep table from CSV text: header, field-count checks, quarantine and typed columns. */
import type { Dialect, ParseIssue, QuarantinedRow, RunTable } from '../model';
import { ColumnBuilder } from './column-builder';
import { excerptAt, FastCsvTokenizer, fieldText, type RowRanges } from './csv-tokenizer';
import { IssueLog } from './issue-log';
import { Growable } from './growable';

const MAX_QUARANTINE_LISTED = 200;

export interface TableBuildResult {
  table: RunTable;
  header: string[] | null;
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
  rows = 0;

  constructor(
    private readonly dialect: Dialect,
    private readonly log: IssueLog,
  ) {
    this.reader = new FastCsvTokenizer(dialect, {
      row: (row) => this.onRow(row),
      issue: (issue) => this.log.add(issue),
    });
  }

  feed(text: string): void {
    this.reader.feed(text);
  }

  finish(): TableBuildResult {
    this.reader.end();
    const columns = this.builders.map((b) => b.finish());
    return {
      table: { columns, rowCount: this.rows, sourceLines: this.lines.toArray() },
      header: this.header,
      quarantined: this.quarantined,
      quarantinedCount: this.quarantinedCount,
    };
  }

  private onRow(row: RowRanges): void {
    const line = row.line;
    if (!this.header) {
      const fields = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
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

function extraFieldsBlank(row: RowRanges, width: number): boolean {
  for (let i = width; i < row.count; i++) if (fieldText(row, i).trim() !== '') return false;
  return true;
}
