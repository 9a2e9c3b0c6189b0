/**
 * Dataset → AnalysisSummary: roles, detectors (sweep and, when logs were loaded, curve detectors),
 * overview, associations (with exact tests), the primary metric's statistics (correlation,
 * importance, best region), the curve summary and data-quality notes.
 */
import {
  cellText,
  severityRank,
  SUMMARY_VERSION,
  type AnalysisSummary,
  type Column,
  type ColumnRole,
  type Dataset,
  type DetectorCount,
  type DetectorId,
  type DetectorSettings,
  type Finding,
  type Overview,
  type RoleOverrides,
  type RunTable,
  type Severity,
} from '../model';
import { computeAssociations, SWEEP_LEVEL_DETECTORS } from './associations';
import type { BucketCodes } from './buckets';
import { analyzeDatasetCurves, DUPLICATED_ON_DERIVED_TABLE } from './curve-analysis';
import { CURVE_DETECTOR_INFO } from './curves';
import { columnNamed, createContext, type Detector } from './context';
import { dataQuality, logNextTime } from './data-quality';
import { DETECTORS } from './detectors';
import { keepFirstPass, takeFirstPass } from './pass-cache';
import { inferRoles, roleHintsOf } from './roles';
import { withDefaults } from './settings';
import { sweepStatistics, type SweepStatistics } from './stats/sweep';

export interface AnalysisOptions {
  overrides: RoleOverrides;
  settings: DetectorSettings;
  /**
   * 'first-pass' runs only the per-trial detectors and skips the sweep statistics, so a big sweep
   * shows its broken trials within a second; the full analysis follows as a second request.
   */
  scope?: 'full' | 'first-pass';
}

/** Per-trial detectors: linear in the trials, so they run in the first pass. */
const FIRST_PASS_DETECTORS = new Set<DetectorId>([
  'nan-metrics',
  'failed-status',
  'metric-out-of-range',
  'at-chance',
  'too-good',
  'eval-missing',
  'overfitting',
  'short-run',
]);

/** Whether the roles give the detectors anything to measure; without metrics only status is checked. */
export function canAnalyze(roles: ColumnRole[]): boolean {
  return roles.some((r) => r.role.kind === 'metric');
}

export function analyze(dataset: Dataset, options: AnalysisOptions): AnalysisSummary {
  const { table, source } = dataset;
  const settings = withDefaults(options.settings);
  const hints = roleHintsOf(dataset);
  const firstPass = options.scope === 'first-pass';
  // The full pass right after a first pass of the same inputs picks up where it stopped.
  const prior = firstPass ? null : takeFirstPass(table, options.overrides, hints, settings);
  const roles = prior?.roles ?? inferRoles(table, options.overrides, hints);
  const runIds = prior?.runIds ?? runIdsOf(table, roles);
  const ctx = prior?.ctx ?? createContext(table, roles, settings, runIds);
  const done = prior?.findings ?? new Map<DetectorId, Finding[]>();
  const buckets = prior?.buckets ?? new Map<Column, BucketCodes>();
  const run = (d: Detector): Finding[] => {
    let found = done.get(d.id);
    if (!found) done.set(d.id, (found = d.run(ctx)));
    return found;
  };
  const derived = source.format === 'curve-logs';
  const detectors = DETECTORS.filter(
    (d) =>
      (!firstPass || FIRST_PASS_DETECTORS.has(d.id)) &&
      !(derived && DUPLICATED_ON_DERIVED_TABLE.has(d.id)),
  );
  // Curve detectors are linear in the points, so they run in the first pass too.
  const curves = analyzeDatasetCurves(dataset, settings, runIds, firstPass);
  const listed: { id: DetectorId; label: string }[] = [
    ...detectors,
    ...(curves ? CURVE_DETECTOR_INFO : []),
  ];
  const order = new Map<DetectorId, number>(
    [...DETECTORS, ...CURVE_DETECTOR_INFO].map((d, i) => [d.id, i]),
  );
  const findings = withoutRepeats([...detectors.flatMap(run), ...(curves?.findings ?? [])]).sort(
    (a, b) =>
      (order.get(a.detector) ?? 0) - (order.get(b.detector) ?? 0) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      firstRow(a) - firstRow(b) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const { associations, testing } = computeAssociations(
    table,
    roles,
    runIds,
    findings,
    settings.association.buckets,
    buckets,
  );
  const stats = firstPass ? pendingStatistics() : sweepStatistics(ctx, findings);
  if (firstPass) {
    const state = { roles, runIds, ctx, findings: done, buckets };
    keepFirstPass(table, options.overrides, hints, settings, state);
  }
  return {
    ...(firstPass ? { firstPass: true } : {}),
    version: SUMMARY_VERSION,
    source,
    roles,
    overview: overviewOf(table.rowCount, roles, findings),
    findings,
    detectorCounts: listed.map((d): DetectorCount => {
      const own = findings.filter((f) => f.detector === d.id);
      // Curve findings count runs by id: a log whose run is not in the table still counts.
      const curve = (order.get(d.id) ?? 0) >= DETECTORS.length;
      return {
        detector: d.id,
        label: d.label,
        findings: own.length,
        runs: new Set<string | number>(
          own.flatMap((f): (string | number)[] => (curve ? f.runIds : f.rows)),
        ).size,
      };
    }),
    associations,
    associationTesting: testing,
    primaryMetric: stats.primaryMetric,
    correlations: stats.correlations,
    importance: stats.importance,
    recommendedRegion: stats.recommendedRegion,
    logNextTime: logNextTime(ctx),
    dataQuality: [...dataQuality(ctx, source), ...stats.notes],
    curves: curves?.summary ?? null,
    runIds,
  };
}

/** Row of the first run a finding is about; findings about no table row sort last. */
function firstRow(f: Finding): number {
  return f.rows.length > 0 ? f.rows[0] : Number.MAX_SAFE_INTEGER;
}

/**
 * A run judged on its curves (validation below training at every epoch) needs no second finding
 * of the same detector from its final values ("at the end"): keep the curve one.
 */
function withoutRepeats(findings: Finding[]): Finding[] {
  const fromCurves = new Set(
    findings.filter((f) => f.curve && f.detector === 'val-below-train').flatMap((f) => f.runIds),
  );
  return findings.filter(
    (f) =>
      f.curve !== undefined ||
      f.detector !== 'val-below-train' ||
      !f.runIds.some((id) => fromCurves.has(id)),
  );
}

function pendingStatistics(): SweepStatistics {
  return {
    primaryMetric: null,
    correlations: [],
    importance: null,
    recommendedRegion: null,
    notes: ['Design checks and statistics are still being computed for this large sweep.'],
  };
}

/** Ids from the id column ("row N" where it is empty or absent); repeats get a suffix. */
export function runIdsOf(table: RunTable, roles: ColumnRole[]): string[] {
  const idRole = roles.find((r) => r.role.kind === 'id');
  const column = idRole && columnNamed(table, idRole.column);
  const seen = new Map<string, number>();
  const ids: string[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const text = column ? cellText(column, row).trim() : '';
    const base = text === '' ? `row ${row + 1}` : text;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    ids.push(count === 1 ? base : `${base} (${count})`);
  }
  return ids;
}

/**
 * Trials by the worst severity of the findings about them. Sweep-level findings (a small or flat
 * sweep, confounded hyperparameters…) list trials as context and judge the sweep, not each trial,
 * so they do not count here: one "sweep too small" warning must not make every trial unhealthy.
 */
function overviewOf(trials: number, roles: ColumnRole[], findings: Finding[]): Overview {
  const worst = new Map<number, Severity>();
  for (const f of findings) {
    if (SWEEP_LEVEL_DETECTORS.has(f.detector)) continue;
    for (const row of f.rows) {
      const current = worst.get(row);
      if (!current || severityRank(f.severity) < severityRank(current)) worst.set(row, f.severity);
    }
  }
  const bySeverity: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const s of worst.values()) bySeverity[s]++;
  const withIssues = bySeverity.critical + bySeverity.warning;
  const named = (kind: string) => roles.filter((r) => r.role.kind === kind).map((r) => r.column);
  return {
    trials,
    healthy: trials - withIssues,
    withIssues,
    bySeverity,
    params: named('param'),
    metrics: named('metric'),
  };
}
