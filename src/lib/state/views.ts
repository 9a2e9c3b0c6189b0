/**
 * Pure view-model helpers over the summary: grouping and role bookkeeping, no statistics.
 * Kept out of the rune class so they are trivially unit-tested.
 */
import { getOwnKey, severityRank } from '../model';
import type {
  AnalysisSummary,
  BudgetUnit,
  Column,
  ColumnKind,
  ColumnRole,
  DetectorCount,
  DetectorId,
  Direction,
  Finding,
  MetricFamily,
  MetricSplit,
  Role,
  RoleKind,
  RoleOverrides,
} from '../model';

/** The role kinds in the order the role selects list them. */
export const ROLE_KINDS: readonly RoleKind[] = [
  'id',
  'status',
  'param',
  'metric',
  'budget',
  'time',
  'ignore',
];
export const METRIC_SPLITS: readonly MetricSplit[] = ['train', 'val', 'test', 'other'];
export const METRIC_FAMILIES: readonly MetricFamily[] = ['loss', 'accuracy', 'other'];
export const DIRECTIONS: readonly Direction[] = ['min', 'max'];
export const BUDGET_UNITS: readonly BudgetUnit[] = ['epochs', 'steps', 'runtime'];

/**
 * A role of the given kind, keeping the current sub-options when the kind does not change.
 * A new metric starts as (other, other, min): the user refines it with the sub-option selects.
 */
export function roleForKind(kind: RoleKind, current?: Role): Role {
  if (current && current.kind === kind) return current;
  switch (kind) {
    case 'metric':
      return { kind: 'metric', split: 'other', family: 'other', direction: 'min' };
    case 'budget':
      return { kind: 'budget', unit: 'epochs' };
    default:
      return { kind };
  }
}

export function sameRole(a: Role | undefined, b: Role | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'metric' && b.kind === 'metric')
    return a.split === b.split && a.family === b.family && a.direction === b.direction;
  if (a.kind === 'budget' && b.kind === 'budget') return a.unit === b.unit;
  return true;
}

/** One row of the Data cell. */
export interface ColumnView {
  name: string;
  kind: ColumnKind;
  /** The role the analysis uses (override, else inferred); null when nothing is known yet. */
  role: Role | null;
  reason: string;
  overridden: boolean;
  /** The role inferred from the data, before any override. */
  inferred: Role | null;
  inferredReason: string;
}

/**
 * Join the columns with their roles. `inferred` are the roles of the first analysis (no
 * overrides), `current` the roles of the latest one; overrides win over both.
 */
export function columnViews(
  columns: readonly Column[],
  inferred: readonly ColumnRole[],
  current: readonly ColumnRole[] | null,
  overrides: RoleOverrides,
): ColumnView[] {
  const byName = (roles: readonly ColumnRole[] | null) =>
    new Map((roles ?? []).map((r) => [r.column, r] as const));
  const inferredBy = byName(inferred);
  const currentBy = byName(current);
  return columns.map((column) => {
    const base = inferredBy.get(column.name);
    const now = currentBy.get(column.name);
    const override = getOwnKey(overrides, column.name);
    if (override) {
      return {
        name: column.name,
        kind: column.kind,
        role: override,
        reason: 'set by you',
        overridden: true,
        inferred: base?.role ?? null,
        inferredReason: base?.reason ?? '',
      };
    }
    const shown = now && !now.overridden ? now : base;
    return {
      name: column.name,
      kind: column.kind,
      role: shown?.role ?? null,
      reason: shown?.reason ?? 'not inferred yet',
      overridden: false,
      inferred: base?.role ?? null,
      inferredReason: base?.reason ?? '',
    };
  });
}

export interface FindingGroup {
  detector: DetectorId;
  label: string;
  findings: Finding[];
  runs: number;
  /** All findings of this detector, including those not sent to the page. */
  total: number;
}

/** Findings grouped by detector, in the summary's detector order; empty detectors left out. */
export function groupFindings(summary: AnalysisSummary | null): FindingGroup[] {
  if (!summary) return [];
  const counts = new Map<DetectorId, DetectorCount>(
    summary.detectorCounts.map((c) => [c.detector, c]),
  );
  // One pass over the findings (a filter per detector was O(detectors × findings) on the
  // main thread); the Map keeps the summary's detector order, then first-seen order.
  const byDetector = new Map<DetectorId, Finding[]>(
    summary.detectorCounts.map((c) => [c.detector, []]),
  );
  for (const f of summary.findings) {
    const list = byDetector.get(f.detector);
    if (list) list.push(f);
    else byDetector.set(f.detector, [f]);
  }
  const groups: FindingGroup[] = [];
  const worstOf = new Map<DetectorId, number>();
  for (const [detector, findings] of byDetector) {
    if (findings.length === 0) continue;
    const count = counts.get(detector);
    let worst = Infinity;
    for (const f of findings) worst = Math.min(worst, severityRank(f.severity));
    worstOf.set(detector, worst);
    groups.push({
      detector,
      label: count?.label ?? detector,
      findings,
      runs: count?.runs ?? new Set(findings.flatMap((f) => f.runIds)).size,
      total: findings.length + (summary.findingsOmitted?.[detector] ?? 0),
    });
  }
  // Most severe groups first (a NaN curve before "values tried once"); detector order within a
  // severity. Array.prototype.sort is stable.
  const worst = (g: FindingGroup) => worstOf.get(g.detector) ?? Infinity;
  return groups.sort((a, b) => worst(a) - worst(b));
}

/** Strip the extension and anything unsafe for a download name. */
export function downloadBaseName(fileName: string | null): string {
  const base = (fileName ?? 'analysis').replace(/\.[^.]*$/, '');
  const safe = base.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '');
  return safe || 'analysis';
}
