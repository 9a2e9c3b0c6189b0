/** The end of a curve CSV read: summary issues for repeated problems, runs with notes. */
import type { CurveRun, Dialect } from '../../model';
import type { CurveRows } from './curve-rows';
import type { CurveCsvResult } from './read-curve-csv';
import { emptyRun } from './series';

export function finishRows(rows: CurveRows, dialect: Dialect | null): CurveCsvResult {
  if (rows.header && rows.format && rows.rowIndex === 0)
    rows.log.add({
      code: 'header-only',
      severity: 'warning',
      message: 'The file has a header row but no data rows.',
      line: 1,
    });
  summariseProblems(rows);
  return curveResult(rows, dialect);
}

function summariseProblems(rows: CurveRows): void {
  const { log, badX, shortRows, badMetric } = rows;
  if (badX > 3)
    log.add({
      code: 'too-few-fields',
      severity: 'warning',
      message: `${badX} rows in all had no numeric ${rows.format?.xUnit ?? 'step'} and were skipped.`,
    });
  if (shortRows > 0)
    log.add({
      code: 'too-few-fields',
      severity: 'warning',
      message: `${shortRows} row${shortRows === 1 ? ' has' : 's have'} fewer fields than the header; the missing cells were read as not logged.`,
    });
  if (badMetric > 0)
    log.add({
      code: 'too-few-fields',
      severity: 'warning',
      message: `${badMetric} row${badMetric === 1 ? ' has' : 's have'} an empty metric name and ${badMetric === 1 ? 'was' : 'were'} skipped.`,
    });
  for (const [metric, count] of rows.textCells)
    log.add({
      code: 'no-metrics',
      severity: 'warning',
      message: `${count} value${count === 1 ? '' : 's'} of "${metric}" ${count === 1 ? 'is' : 'are'} text, not numbers; ${count === 1 ? 'it was' : 'they were'} left out of the curve.`,
    });
}

export function curveResult(rows: CurveRows, dialect: Dialect | null): CurveCsvResult {
  const curves = rows.series.curves();
  const runIds = [...rows.series.runIds];
  if (runIds.length === 0 && rows.format) runIds.push(rows.defaultRun);
  const notes = runNotes(rows);
  const runs: CurveRun[] = runIds.map((id) => {
    const run = emptyRun(id, rows.fileName);
    run.notes = [...notes];
    return run;
  });
  return {
    curves: { runs, curves },
    issues: rows.log.finish(),
    format: rows.format,
    dialect,
    rows: rows.rowIndex,
  };
}

function runNotes(rows: CurveRows): string[] {
  const format = rows.format;
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
        .join(', ')}${format.ignored.length > 6 ? `, and ${format.ignored.length - 6} more` : ''}.`,
    );
  return notes;
}
