/**
 * The hot loop of long-format curve CSVs (`run,step,metric,value`, in any column order, with an
 * optional wall-time column): one pass per line that parses the numbers while scanning and names
 * the run and the metric by comparing their bytes with the name that followed the previous one
 * last time (a run repeats row after row; metrics cycle in a fixed order), so a typical row costs
 * two short compares and two number parses, and allocates nothing.
 * Only plain lines are read here: unquoted ASCII fields, exactly the header's field count, numbers
 * as parseNumberBytes reads them. Any other line is left to the general path (byte-input.ts), which
 * gives the same result for plain lines; tests/unit/ingest/curve-bytes*.test.ts compare both.
 */
import { NameColumn } from './byte-name-column';
import type { ByteRowHandler } from './byte-rows';
import type { CurveRows } from './curve-rows';
import { NUMBER, POW10, scanNumber } from './byte-number';
import type { SeriesBuilder } from './series';

const LF = 10;
const CR = 13;
const ROLE_RUN = 1;
const ROLE_METRIC = 2;
const ROLE_X = 3;
const ROLE_VALUE = 4;
const ROLE_WALL = 5;
/** Delimiters that cannot be part of a number. */
const DELIMITERS = new Set([44, 9, 59, 124]);

export class LongLines {
  /** Lines read by the last run(). */
  lines = 0;
  private readonly runColumn: NameColumn;
  private readonly metricColumn: NameColumn;
  private byRunId = -2;
  private byRun: (SeriesBuilder | undefined)[] = [];
  private readonly hasWall: boolean;

  private constructor(
    private readonly handler: ByteRowHandler,
    private readonly rows: CurveRows,
    private readonly roles: Uint8Array,
    private readonly delimiter: number,
  ) {
    this.hasWall = roles.includes(ROLE_WALL);
    this.runColumn = new NameColumn(handler.runs);
    this.metricColumn = new NameColumn(handler.metrics);
  }

  /** The fast loop for this file, or null when its layout or dialect needs the general path. */
  static create(handler: ByteRowHandler, rows: CurveRows, delimiter: number): LongLines | null {
    const format = rows.format;
    const header = rows.header;
    if (!format || !header || format.kind !== 'long' || rows.decimalComma) return null;
    if (!DELIMITERS.has(delimiter) || format.xColumn === null) return null;
    const roles = new Uint8Array(header.length);
    const assign = (column: number | null, role: number): boolean => {
      if (column === null) return true;
      if (column >= roles.length || roles[column] !== 0) return false;
      roles[column] = role;
      return true;
    };
    const ok =
      assign(format.runColumn, ROLE_RUN) &&
      assign(format.metricColumn, ROLE_METRIC) &&
      assign(format.xColumn, ROLE_X) &&
      assign(format.valueColumn, ROLE_VALUE) &&
      assign(format.wallTimeColumn, ROLE_WALL);
    // Every column has a role (no ignored ones to skip), and names never end a line, so a name
    // always ends at a delimiter and only numbers need the CR LF check.
    if (!ok || format.metricColumn === null || format.valueColumn === null) return null;
    if (roles.includes(0) || roles[roles.length - 1] <= ROLE_METRIC) return null;
    return new LongLines(handler, rows, roles, delimiter);
  }

  /**
   * Reads the lines of bytes[pos, limit) (bytes[limit - 1] is an LF) until one that is not plain;
   * returns where that line starts, or limit.
   */
  run(bytes: Uint8Array, pos: number, limit: number): number {
    const roles = this.roles;
    const last = roles.length - 1;
    const delimiter = this.delimiter;
    const rows = this.rows;
    let p = pos;
    let lines = 0;
    while (p < limit) {
      const lineStart = p;
      let run = -1;
      let metric = -1;
      let x = 0;
      let value = 0;
      let wall = NaN;
      let plain = false;
      for (let c = 0; c <= last; c++) {
        const role = roles[c];
        if (role >= ROLE_X) {
          // Inline fast path: unsigned `digits[.digits]`, at most 15 digits, no leading-zero id;
          // the digits are then an exact mantissa and one division rounds as Number() does.
          let q = p;
          let b = bytes[q];
          let m = 0;
          let fraction = 0;
          if (b > 48 && b <= 57) {
            do {
              m = m * 10 + (b - 48);
              b = bytes[++q];
            } while (b >= 48 && b <= 57);
          } else if (b === 48 && bytes[q + 1] === 46) b = bytes[++q];
          if (b === 46 && q > p) {
            const dot = q;
            b = bytes[++q];
            while (b >= 48 && b <= 57) {
              m = m * 10 + (b - 48);
              b = bytes[++q];
            }
            fraction = q - dot - 1;
          }
          let number: number;
          if (q > p && q - p - (fraction > 0 ? 1 : 0) <= 15 && b !== 101 && b !== 69 && b !== 46) {
            number = fraction === 0 ? m : m / POW10[fraction];
          } else {
            q = scanNumber(bytes, p);
            if (q < 0) break;
            number = NUMBER[0];
            b = bytes[q];
          }
          if (c === last) {
            if (b === LF) p = q + 1;
            else if (b === CR && bytes[q + 1] === LF) p = q + 2;
            else break;
            plain = true;
          } else if (b === delimiter) p = q + 1;
          else break;
          if (role === ROLE_X) x = number;
          else if (role === ROLE_VALUE) value = number;
          else wall = number;
        } else {
          const column = role === ROLE_RUN ? this.runColumn : this.metricColumn;
          const q = column.read(bytes, p, limit, delimiter);
          if (q < 0) break;
          p = q + 1;
          if (role === ROLE_RUN) run = column.last;
          else metric = column.last;
        }
      }
      // readX() in byte-rows.ts turns a non-finite step into a skipped row: the general path's.
      if (!plain || !Number.isFinite(x)) return this.done(lineStart, lines);
      const series = this.series(run, metric);
      if (series === null) return this.done(lineStart, lines);
      // As readWall(): milliseconds since the epoch → seconds.
      if (this.hasWall) series.push(x, value, wall > 1e11 ? wall / 1000 : wall);
      else series.pushPoint(x, value);
      rows.rowIndex++;
      lines++;
    }
    return this.done(p, lines);
  }

  private done(p: number, lines: number): number {
    this.lines = lines;
    return p;
  }

  /** The series of a row's run and metric ids (run -1: no run column); null for a blank metric. */
  private series(run: number, metric: number): SeriesBuilder | null {
    const handler = this.handler;
    if (handler.metrics.text[metric] === '') return null;
    const runId = run === -1 || handler.runs.text[run] === '' ? -1 : run;
    if (runId !== this.byRunId) {
      this.byRunId = runId;
      this.byRun = handler.seriesOfRun(runId);
    }
    return this.byRun[metric] ?? handler.seriesFor(runId, metric);
  }
}
