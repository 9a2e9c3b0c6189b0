/**
 * Training-curve CSVs → CurveSet, streaming: text is fed chunk by chunk into the project's
 * CsvRowReader (papaparse underneath), the header decides the layout (see detect.ts), and points
 * go straight into typed arrays per (run, metric). Points keep file order, so restarts (steps
 * going backwards) stay visible to the detectors.
 */
import type { CurveRun, CurveSet, Dialect, ParseIssue } from '../../model';
import { CellKind, classifyCellFast, lastNumber } from '../cells';
import { CsvRowReader } from '../csv-rows';
import { IssueLog } from '../issue-log';
import { sniffDialect } from '../sniff';
import { detectCurveCsv, type CurveCsvFormat } from './detect';
import { SeriesMap, emptyRun, fileStem, type SeriesBuilder } from './series';

export interface CurveCsvOptions {
  /**
   * Run id for files that do not name their runs (Lightning, Keras, single-run wide or long
   * files, TensorBoard `run-.-tag-…`), e.g. from runNameFromPath(). Default: the file name.
   */
  runId?: string;
}

export interface CurveCsvResult {
  curves: CurveSet;
  issues: ParseIssue[];
  /** Null when the header matches no curve layout (an error issue says so). */
  format: CurveCsvFormat | null;
  dialect: Dialect | null;
  /** Data rows read (header excluded). */
  rows: number;
}

const SNIFF_CHARS = 64 * 1024;

/** Reads one curve CSV given in chunks: `feed()` each decoded chunk, then `finish()`. */
export class CurveCsvReader {
  private sample = '';
  private reader: CsvRowReader | null = null;
  private dialect: Dialect | null = null;
  private decimalComma = false;
  private readonly log: IssueLog;
  private header: string[] | null = null;
  private format: CurveCsvFormat | null = null;
  private stopped = false;
  private first = true;
  private readonly series = new SeriesMap();
  private defaultRun = '';
  /** Wide single-run layouts: one builder per metric column, looked up once. */
  private fixed: SeriesBuilder[] = [];
  private epochSeries: SeriesBuilder | null = null;
  private readonly perRun = new Map<string, SeriesBuilder[]>();
  private rowIndex = 0;
  private badX = 0;
  private shortRows = 0;
  private textCells = new Map<string, number>();
  private badMetric = 0;

  constructor(
    private readonly fileName: string,
    private readonly options: CurveCsvOptions = {},
  ) {
    this.log = new IssueLog(fileName);
  }

  get rows(): number {
    return this.rowIndex;
  }

  feed(text: string): void {
    if (this.stopped) return;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.reader) {
      this.reader.feed(text);
      return;
    }
    this.sample += text;
    if (this.sample.length >= SNIFF_CHARS) this.start();
  }

  finish(): CurveCsvResult {
    if (!this.reader && !this.stopped) {
      if (this.sample.trim() === '') {
        this.log.add({
          code: 'empty-file',
          severity: 'error',
          message: 'The file is empty: there is no header and no data.',
        });
        return this.result();
      }
      this.start();
    }
    this.reader?.end();
    if (this.header && this.format && this.rowIndex === 0)
      this.log.add({
        code: 'header-only',
        severity: 'warning',
        message: 'The file has a header row but no data rows.',
        line: 1,
      });
    this.summariseProblems();
    return this.result();
  }

  private start(): void {
    this.dialect = sniffDialect(this.sample.slice(0, SNIFF_CHARS), false);
    this.decimalComma = this.dialect.decimal === ',';
    this.reader = new CsvRowReader(this.dialect, {
      row: (fields, line) => this.onRow(fields, line),
      issue: (issue) => this.log.add(issue),
    });
    const sample = this.sample;
    this.sample = '';
    this.reader.feed(sample);
  }

  private onRow(fields: string[], line: number): void {
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

  private onHeader(fields: string[], line: number): void {
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
    if (this.options.runId !== undefined && this.options.runId !== '') return this.options.runId;
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
    const kind = classifyCellFast(raw, this.decimalComma);
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

  private noteBadX(line: number, fields: string[], column: number | null): void {
    this.badX++;
    if (this.badX > 3 || column === null) return;
    this.log.add({
      code: 'too-few-fields',
      severity: 'warning',
      message: `Line ${line}: the ${this.header?.[column] ?? 'step'} cell "${(fields[column] ?? '').slice(0, 40)}" is not a number; the row was skipped.`,
      line,
      column: column + 1,
    });
  }

  private wideRow(format: CurveCsvFormat, fields: string[], line: number): void {
    const x = this.readX(format, fields, this.rowIndex);
    if (Number.isNaN(x)) {
      this.noteBadX(line, fields, format.xColumn);
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
      if (series && kind === CellKind.number) {
        const epoch = lastNumber;
        // Lightning repeats (step, epoch) on every metric row; keep one point per change.
        if (series.lastStep() !== x || series.length === 0) series.push(x, epoch, wall);
      }
    }
  }

  private buildersFor(run: string, format: CurveCsvFormat): SeriesBuilder[] {
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
      this.noteBadX(line, fields, format.xColumn);
      return;
    }
    const kind = classifyCellFast(fields[valueColumn] ?? '', this.decimalComma);
    if (kind === CellKind.number) series.push(x, lastNumber, this.readWall(format, fields));
    else if (kind === CellKind.nan) series.push(x, NaN, this.readWall(format, fields));
    else if (kind === CellKind.text) this.noteText(metric);
  }

  private noteText(metric: string): void {
    this.textCells.set(metric, (this.textCells.get(metric) ?? 0) + 1);
  }

  private summariseProblems(): void {
    if (this.badX > 3)
      this.log.add({
        code: 'too-few-fields',
        severity: 'warning',
        message: `${this.badX} rows in all had no numeric ${this.format?.xUnit ?? 'step'} and were skipped.`,
      });
    if (this.shortRows > 0)
      this.log.add({
        code: 'too-few-fields',
        severity: 'warning',
        message: `${this.shortRows} row${this.shortRows === 1 ? ' has' : 's have'} fewer fields than the header; the missing cells were read as not logged.`,
      });
    if (this.badMetric > 0)
      this.log.add({
        code: 'too-few-fields',
        severity: 'warning',
        message: `${this.badMetric} row${this.badMetric === 1 ? ' has' : 's have'} an empty metric name and ${this.badMetric === 1 ? 'was' : 'were'} skipped.`,
      });
    for (const [metric, count] of this.textCells)
      this.log.add({
        code: 'no-metrics',
        severity: 'warning',
        message: `${count} value${count === 1 ? '' : 's'} of "${metric}" ${count === 1 ? 'is' : 'are'} text, not numbers; ${count === 1 ? 'it was' : 'they were'} left out of the curve.`,
      });
  }

  private result(): CurveCsvResult {
    const curves = this.series.curves();
    const runIds = [...this.series.runIds];
    if (runIds.length === 0 && this.format) runIds.push(this.defaultRun);
    const runs: CurveRun[] = runIds.map((id) => {
      const run = emptyRun(id, this.fileName);
      run.notes = this.notes();
      return run;
    });
    return {
      curves: { runs, curves },
      issues: this.log.finish(),
      format: this.format,
      dialect: this.dialect,
      rows: this.rowIndex,
    };
  }

  private notes(): string[] {
    const format = this.format;
    if (!format) return [];
    const notes = [format.reason + '.'];
    if (format.xUnit === 'epoch') notes.push('x is the epoch, not the optimizer step.');
    if (format.xUnit === 'row' && format.kind === 'keras')
      notes.push('no epoch column: x is the row position (epoch 0, 1, …).');
    if (format.ignored.length > 0)
      notes.push(
        `columns not read: ${format.ignored
          .slice(0, 6)
          .map((c) => `${c.column} (${c.why})`)
          .join(
            ', ',
          )}${format.ignored.length > 6 ? `, and ${format.ignored.length - 6} more` : ''}.`,
      );
    return notes;
  }
}

/** Reads a whole curve CSV given as one string. */
export function readCurveCsv(
  text: string,
  fileName: string,
  options: CurveCsvOptions = {},
): CurveCsvResult {
  const reader = new CurveCsvReader(fileName, options);
  reader.feed(text);
  return reader.finish();
}
