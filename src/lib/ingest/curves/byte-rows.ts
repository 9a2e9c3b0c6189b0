/**
 * CurveRows' row rules applied to byte rows (byte-line.ts): cells are classified straight from
 * the bytes and run/metric names are interned by their bytes, so a data row allocates no strings.
 * Every branch mirrors curve-rows.ts; tests/unit/ingest/curve-bytes*.test.ts check both paths
 * give the same CurveSet and issues.
 */
import { CellKind, bytesNumber, classifyBytes } from '../cells';
import { ByteInterner } from './byte-intern';
import { fieldText, type ByteRow } from './byte-line';
import type { CurveRows } from './curve-rows';
import type { CurveCsvFormat } from './detect';
import type { SeriesBuilder } from './series';

/** An interned name: the trimmed text, decoded once. */
export class Names {
  readonly interner = new ByteInterner();
  readonly text: string[] = [];

  id(row: ByteRow, column: number): number {
    const id = this.interner.intern(row.bytes, row.starts[column], row.ends[column]);
    if (id === this.text.length) this.text.push(fieldText(row, column).trim());
    return id;
  }

  /** The id of the ASCII name bytes[start, end). */
  idOfRange(bytes: Uint8Array, start: number, end: number): number {
    const id = this.interner.intern(bytes, start, end);
    if (id === this.text.length) {
      let s = '';
      for (let k = start; k < end; k++) s += String.fromCharCode(bytes[k]);
      this.text.push(s.trim());
    }
    return id;
  }
}

export class ByteRowHandler {
  readonly runs = new Names();
  readonly metrics = new Names();
  /** Long format: series per [run id + 1][metric id]; run id -1 is the default run. */
  private readonly series: (SeriesBuilder | undefined)[][] = [];
  /** Wide formats with a run column: builders and epoch series per run id. */
  private readonly builders: SeriesBuilder[][] = [];
  private readonly epochs: SeriesBuilder[] = [];

  constructor(private readonly rows: CurveRows) {}

  row(row: ByteRow, line: number): void {
    const rows = this.rows;
    const format = rows.format;
    if (rows.stopped || !format || !rows.header) return;
    if (row.count < rows.header.length) rows.shortRows++;
    if (format.kind === 'long') this.longRow(format, row, line);
    else this.wideRow(format, row, line);
    rows.rowIndex++;
  }

  private classify(row: ByteRow, column: number): CellKind {
    if (column >= row.count) return CellKind.missing;
    return classifyBytes(row.bytes, row.starts[column], row.ends[column], this.rows.decimalComma);
  }

  private readX(format: CurveCsvFormat, row: ByteRow, position: number): number {
    if (format.xColumn === null) return position;
    if (this.classify(row, format.xColumn) !== CellKind.number) return NaN;
    const x = bytesNumber[0];
    return Number.isFinite(x) ? x : NaN;
  }

  private readWall(format: CurveCsvFormat, row: ByteRow): number | undefined {
    const column = format.wallTimeColumn;
    if (column === null) return undefined;
    const kind = this.classify(row, column);
    // As wallSeconds() in curve-rows.ts: milliseconds since the epoch → seconds, or a date.
    if (kind === CellKind.number) {
      const t = bytesNumber[0];
      return t > 1e11 ? t / 1000 : t;
    }
    if (kind === CellKind.text) {
      const t = Date.parse(fieldText(row, column).trim());
      return Number.isNaN(t) ? NaN : t / 1000;
    }
    return NaN;
  }

  private badX(format: CurveCsvFormat, row: ByteRow, line: number): void {
    const column = format.xColumn;
    this.rows.noteBadX(line, column === null ? '' : fieldText(row, column), column);
  }

  /** Run name id of the row, or -1 for the default run (no run column, or an empty cell). */
  private runId(format: CurveCsvFormat, row: ByteRow): number {
    const column = format.runColumn;
    if (column === null || column >= row.count) return -1;
    const id = this.runs.id(row, column);
    return this.runs.text[id] === '' ? -1 : id;
  }

  private runName(id: number): string {
    return id === -1 ? this.rows.defaultRun : this.runs.text[id];
  }

  private longRow(format: CurveCsvFormat, row: ByteRow, line: number): void {
    const metricColumn = format.metricColumn ?? 0;
    const valueColumn = format.valueColumn ?? 0;
    const metric = metricColumn < row.count ? this.metrics.id(row, metricColumn) : -1;
    if (metric === -1 || this.metrics.text[metric] === '') {
      this.rows.badMetric++;
      return;
    }
    const run = this.runId(format, row);
    const series = this.seriesOfRun(run)[metric] ?? this.seriesFor(run, metric);
    const x = this.readX(format, row, series.length);
    if (Number.isNaN(x)) {
      this.badX(format, row, line);
      return;
    }
    const kind = this.classify(row, valueColumn);
    if (kind === CellKind.number) series.push(x, bytesNumber[0], this.readWall(format, row));
    else if (kind === CellKind.nan) series.push(x, NaN, this.readWall(format, row));
    else if (kind === CellKind.text) this.rows.noteText(this.metrics.text[metric]);
  }

  /** Long format: the series of one run id (-1: the default run), by metric id. */
  seriesOfRun(run: number): (SeriesBuilder | undefined)[] {
    return (this.series[run + 1] ??= []);
  }

  /** Long format: the series of a run id and a metric id, created on first use. */
  seriesFor(run: number, metric: number): SeriesBuilder {
    return (this.seriesOfRun(run)[metric] ??= this.rows.series.get(
      this.runName(run),
      this.metrics.text[metric],
    ));
  }

  private wideRow(format: CurveCsvFormat, row: ByteRow, line: number): void {
    const rows = this.rows;
    const x = this.readX(format, row, rows.rowIndex);
    if (Number.isNaN(x)) {
      this.badX(format, row, line);
      return;
    }
    const wall = this.readWall(format, row);
    let builders = rows.fixed;
    const run = format.runColumn === null ? -1 : this.runId(format, row);
    if (format.runColumn !== null) {
      builders = this.builders[run + 1] ??= rows.buildersFor(this.runName(run), format);
    }
    const metrics = format.metrics;
    for (let k = 0; k < metrics.length; k++) {
      const column = metrics[k].column;
      if (column >= row.count) continue;
      const kind = this.classify(row, column);
      if (kind === CellKind.number) builders[k].push(x, bytesNumber[0], wall);
      else if (kind === CellKind.nan) builders[k].push(x, NaN, wall);
      else if (kind === CellKind.text) rows.noteText(metrics[k].metric);
    }
    if (format.epochColumn !== null) {
      const series =
        format.runColumn === null
          ? rows.epochSeries
          : (this.epochs[run + 1] ??= rows.series.get(this.runName(run), 'epoch'));
      const kind = this.classify(row, format.epochColumn);
      if (series && kind === CellKind.number) rows.pushEpoch(series, x, bytesNumber[0], wall);
    }
  }
}
