/**
 * What a curve CSV's rows do to the curves, given the header's reading plan: shared by the string
 * path (papaparse rows, this file) and the byte path (byte-rows.ts), which must give the same
 * CurveSet and issues. Points go straight into typed arrays per (run, metric), in file order, so
 * restarts (steps going backwards) stay visible to the detectors.
 */
import { CellKind, classifyCellFast, lastNumber } from '../cells';
import { IssueLog } from '../issue-log';
import { detectCurveCsv, type CurveCsvFormat } from './detect';
import { SeriesMap, fileStem, type SeriesBuilder } from './series';

export class CurveRows {
  readonly log: IssueLog;
  decimalComma = false;
  header: string[] | null = null;
  format: CurveCsvFormat | null = null;
  /** Set when the header is not a curve layout: later rows are ignored. */
  stopped = false;
  readonly series = new SeriesMap();
  defaultRun = '';
  /** Wide single-run layouts: one builder per metric column, looked up once. */
  fixed: SeriesBuilder[] = [];
  epochSeries: SeriesBuilder | null = null;
  private readonly perRun = new Map<string, SeriesBuilder[]>();
  rowIndex = 0;
  badX = 0;
  shortRows = 0;
  readonly textCells = new Map<string, number>();
  badMetric = 0;

  constructor(
    readonly fileName: string,
    private readonly runId: string | undefined,
  ) {
    this.log = new IssueLog(fileName);
  }

  /** One row from papaparse (the header first). */
  onRow(fields: string[], line: number): void {
    if (this.stopped) return;
    if (!this.header) {
      this.onHeader(fields, line);
      return;
    }
    const format = this.format;
    if (!format) return;
    if (fields.length < this.header.length) this.shortRows++;
    if (format.kind === 'long') this.longRow(format, fields, line);
    else this.wideRow(format, fields, line);
    this.rowIndex++;
  }

  onHeader(fields: string[], line: number): void {
    this.header = fields.map((f) => f.trim());
    this.format = detectCurveCsv(this.header, this.fileName);
    if (!this.format) {
      this.log.add({
        code: 'unsupported-format',
        severity: 'error',
        message: `Not a training-curve CSV: the header (${this.header.slice(0, 8).join(', ')}${this.header.length > 8 ? ', …' : ''}) has no step or epoch column, no run/metric/value columns, and is not a TensorBoard, W&B, Lightning or Keras export.`,
        line,
        excerpt: fields.join(',').slice(0, 120),
      });
      this.stopped = true;
      return;
    }
    const format = this.format;
    this.defaultRun = this.resolveDefaultRun(format);
    if (format.kind !== 'long' && format.runColumn === null) {
      this.fixed = format.metrics.map((m) => this.series.get(m.runId ?? this.defaultRun, m.metric));
      if (format.epochColumn !== null) this.epochSeries = this.series.get(this.defaultRun, 'epoch');
    }
  }

  private resolveDefaultRun(format: CurveCsvFormat): string {
    const fromFile = format.runFromFileName;
    if (fromFile !== null && fromFile !== '.' && fromFile !== '') return fromFile;
    if (this.runId !== undefined && this.runId !== '') return this.runId;
    if (fromFile === '.') return '.';
    return fileStem(this.fileName);
  }

  private readX(format: CurveCsvFormat, fields: string[], position: number): number {
    if (format.xColumn === null) return position;
    const kind = classifyCellFast(fields[format.xColumn] ?? '', this.decimalComma);
    return kind === CellKind.number && Number.isFinite(lastNumber) ? lastNumber : NaN;
  }

  private readWall(format: CurveCsvFormat, fields: string[]): number | undefined {
    if (format.wallTimeColumn === null) return undefined;
    const raw = fields[format.wallTimeColumn] ?? '';
    return wallSeconds(classifyCellFast(raw, this.decimalComma), raw);
  }

  /** A row whose x cell (text `cell`) is not a number: skipped, the first three are listed. */
  noteBadX(line: number, cell: string, column: number | null): void {
    this.badX++;
    if (this.badX > 3 || column === null) return;
    this.log.add({
      code: 'too-few-fields',
      severity: 'warning',
      message: `Line ${line}: the ${this.header?.[column] ?? 'step'} cell "${cell.slice(0, 40)}" is not a number; the row was skipped.`,
      line,
      column: column + 1,
    });
  }

  private wideRow(format: CurveCsvFormat, fields: string[], line: number): void {
    const x = this.readX(format, fields, this.rowIndex);
    if (Number.isNaN(x)) {
      const column = format.xColumn;
      this.noteBadX(line, column === null ? '' : (fields[column] ?? ''), column);
      return;
    }
    const wall = this.readWall(format, fields);
    let builders = this.fixed;
    if (format.runColumn !== null) {
      const run = (fields[format.runColumn] ?? '').trim() || this.defaultRun;
      builders = this.buildersFor(run, format);
    }
    const metrics = format.metrics;
    for (let k = 0; k < metrics.length; k++) {
      const raw = fields[metrics[k].column];
      if (raw === undefined) continue;
      const kind = classifyCellFast(raw, this.decimalComma);
      if (kind === CellKind.number) builders[k].push(x, lastNumber, wall);
      else if (kind === CellKind.nan) builders[k].push(x, NaN, wall);
      else if (kind === CellKind.text) this.noteText(metrics[k].metric);
    }
    if (format.epochColumn !== null) {
      const series =
        format.runColumn === null
          ? this.epochSeries
          : this.series.get((fields[format.runColumn] ?? '').trim() || this.defaultRun, 'epoch');
      const kind = classifyCellFast(fields[format.epochColumn] ?? '', this.decimalComma);
      if (series && kind === CellKind.number) this.pushEpoch(series, x, lastNumber, wall);
    }
  }

  /** Lightning repeats (step, epoch) on every metric row; keep one point per change. */
  pushEpoch(series: SeriesBuilder, x: number, epoch: number, wall: number | undefined): void {
    if (series.lastStep() !== x || series.length === 0) series.push(x, epoch, wall);
  }

  buildersFor(run: string, format: CurveCsvFormat): SeriesBuilder[] {
    let builders = this.perRun.get(run);
    if (!builders) {
      builders = format.metrics.map((m) => this.series.get(run, m.metric));
      this.perRun.set(run, builders);
    }
    return builders;
  }

  private longRow(format: CurveCsvFormat, fields: string[], line: number): void {
    const metricColumn = format.metricColumn ?? 0;
    const valueColumn = format.valueColumn ?? 0;
    const metric = (fields[metricColumn] ?? '').trim();
    if (metric === '') {
      this.badMetric++;
      return;
    }
    const run =
      format.runColumn === null
        ? this.defaultRun
        : (fields[format.runColumn] ?? '').trim() || this.defaultRun;
    const series = this.series.get(run, metric);
    const x = this.readX(format, fields, series.length);
    if (Number.isNaN(x)) {
      const column = format.xColumn;
      this.noteBadX(line, column === null ? '' : (fields[column] ?? ''), column);
      return;
    }
    const kind = classifyCellFast(fields[valueColumn] ?? '', this.decimalComma);
    if (kind === CellKind.number) series.push(x, lastNumber, this.readWall(format, fields));
    else if (kind === CellKind.nan) series.push(x, NaN, this.readWall(format, fields));
    else if (kind === CellKind.text) this.noteText(metric);
  }

  noteText(metric: string): void {
    this.textCells.set(metric, (this.textCells.get(metric) ?? 0) + 1);
  }
}

/** A wall-time cell → seconds; `kind` is its classification (with the number in lastNumber). */
export function wallSeconds(kind: CellKind, raw: string): number {
  if (kind === CellKind.number) {
    // Milliseconds since the epoch (JavaScript loggers) → seconds.
    return lastNumber > 1e11 ? lastNumber / 1000 : lastNumber;
  }
  if (kind === CellKind.text) {
    const t = Date.parse(raw.trim());
    return Number.isNaN(t) ? NaN : t / 1000;
  }
  return NaN;
}
