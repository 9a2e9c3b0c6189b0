/**
 * The curves' part of analyze(): curve findings tied to the rows of the run table (so the
 * associations link curve pathologies to folder-name hyperparameters) and the CurveSummary.
 */
import type { CurveSummary, Dataset, DetectorId, DetectorSettings, Finding } from '../model';
import { valBelowTrainOnCurves } from './audit/val-below-train-curves';
import { analyzeCurves, curveSettingsOf, curveSummary } from './curves';

/**
 * Sweep detectors that only repeat a curve detector when the table is derived from the curves
 * (format 'curve-logs', whose metric columns are each curve's final value):
 * - nan-metrics: a NaN final value is the tail of the NaN curve-nan already reports, with its step;
 * - short-run: `last_step` against the median is stopped-early's sibling test, which also knows
 *   the planned budget;
 * - overfitting: the final val/train ratio is one point of the trajectory overfitting-onset reads
 *   (the rise, its onset step and the growing gap), so it would say the same thing twice, less well.
 * Everything else judges what only the final values show (at chance, too good, out of range) or
 * the design of the set of runs, and keeps running. A sweep CSV joined with logs
 * ('sweep-with-curves') keeps every detector: its columns are the sweep's own numbers.
 */
export const DUPLICATED_ON_DERIVED_TABLE: ReadonlySet<DetectorId> = new Set<DetectorId>([
  'nan-metrics',
  'short-run',
  'overfitting',
]);

export interface CurveAnalysis {
  findings: Finding[];
  summary: CurveSummary;
}

/** Table row of each entry of curves.runs: curveRows when given, else the run id in the table. */
function rowsOfRuns(dataset: Dataset, tableRunIds: readonly string[]): Int32Array {
  const runs = dataset.curves?.runs ?? [];
  if (dataset.curveRows && dataset.curveRows.length === runs.length) return dataset.curveRows;
  const index = new Map(tableRunIds.map((id, row) => [id, row]));
  return Int32Array.from(runs, (r) => index.get(r.runId) ?? -1);
}

export function analyzeDatasetCurves(
  dataset: Dataset,
  settings: DetectorSettings,
  tableRunIds: readonly string[],
  firstPass: boolean,
): CurveAnalysis | null {
  const set = dataset.curves;
  if (!set) return null;
  const s = curveSettingsOf(settings);
  const rows = rowsOfRuns(dataset, tableRunIds);
  const runIndex = new Map(set.runs.map((r, i) => [r.runId, i]));
  // The per-epoch audit of a training report needs the curves, so it runs here.
  const curveFindings = [...analyzeCurves(set, s), ...valBelowTrainOnCurves(set, settings)];
  const findings = curveFindings.map((f): Finding => {
    // A curve finding is about one run: its row, when the run is in the table.
    const mapped = f.runIds
      .map((id) => rows[runIndex.get(id) ?? -1] ?? -1)
      .filter((row) => row >= 0);
    return { ...f, rows: mapped };
  });
  const summary = curveSummary(set, { settings: s, curveRows: rows, skipRankings: firstPass });
  return { findings, summary };
}
