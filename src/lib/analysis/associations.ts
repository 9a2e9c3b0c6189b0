/**
 * Parameter–issue association: for each hyperparameter and each issue, the issue rate per
 * bucket of the hyperparameter against the sweep's base rate ("lr 0.01 to 0.02: 2 of 2 NaN").
 */
import type {
  Association,
  AssociationBucket,
  DetectorId,
  Finding,
  RunTable,
  ColumnRole,
} from '../model';
import { bucketRows, type RowBucket } from './buckets';

/** Run ids kept per bucket (runs with the issue); `withIssue` always has the full count. */
export const MAX_BUCKET_RUN_IDS = 200;

/**
 * Issue rows per detector, counting only critical and warning findings: info findings (a pruned
 * or running trial) are not problems of the configuration. Detectors without issues are left out;
 * 'any' (the union) comes first.
 */
export function issueRows(findings: Finding[]): Map<DetectorId | 'any', Set<number>> {
  const out = new Map<DetectorId | 'any', Set<number>>();
  const any = new Set<number>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const rows = out.get(f.detector) ?? new Set<number>();
    for (const row of f.rows) {
      rows.add(row);
      any.add(row);
    }
    out.set(f.detector, rows);
  }
  // 'any' first, then detectors in the order their findings appear.
  return any.size > 0 ? new Map<DetectorId | 'any', Set<number>>([['any', any], ...out]) : out;
}

/** Membership flags per row: far cheaper than Set lookups over 100,000 rows × every bucket. */
function flagsOf(rows: Set<number>, rowCount: number): Uint8Array {
  const flags = new Uint8Array(rowCount);
  for (const row of rows) flags[row] = 1;
  return flags;
}

export function computeAssociations(
  table: RunTable,
  roles: ColumnRole[],
  runIds: string[],
  findings: Finding[],
  quantiles: number,
): Association[] {
  const issues = issueRows(findings);
  if (!issues.has('any') || table.rowCount === 0) return [];
  const flags = [...issues].map(([issue, rows]) => ({
    issue,
    rows,
    flags: flagsOf(rows, table.rowCount),
  }));
  const out: Association[] = [];
  for (const r of roles) {
    if (r.role.kind !== 'param') continue;
    const column = table.columns.find((c) => c.name === r.column);
    if (!column) continue;
    const buckets = bucketRows(column, table.rowCount, quantiles);
    if (buckets.length === 0) continue;
    const kind = column.kind === 'number' ? 'quantile' : 'category';
    for (const { issue, rows, flags: hit } of flags) {
      const baseRate = rows.size / table.rowCount;
      out.push(associate(r.column, issue, kind, buckets, hit, baseRate, runIds));
    }
  }
  return out;
}

function associate(
  param: string,
  issue: DetectorId | 'any',
  kind: Association['kind'],
  rowBuckets: RowBucket[],
  hasIssue: Uint8Array,
  baseRate: number,
  runIds: string[],
): Association {
  const buckets = rowBuckets.map((b): AssociationBucket => {
    let withIssue = 0;
    const ids: string[] = [];
    for (const row of b.rows) {
      if (hasIssue[row] !== 1) continue;
      withIssue++;
      if (ids.length < MAX_BUCKET_RUN_IDS) ids.push(runIds[row]);
    }
    const bucket: AssociationBucket = {
      label: b.label,
      trials: b.rows.length,
      withIssue,
      rate: withIssue / b.rows.length,
      runIds: ids,
    };
    if (b.lo !== undefined) Object.assign(bucket, { lo: b.lo, hi: b.hi });
    return bucket;
  });
  return { param, issue, kind, buckets, baseRate, hotBucket: hotBucket(buckets, baseRate) };
}

/**
 * A bucket is "hot" when it clearly exceeds the base rate: at least two runs with the issue,
 * a rate at least 1.5× the base rate and at least 20 points above it. The first two rule out
 * single coincidences; the last keeps a 3% → 5% wobble in a big sweep from being called a pattern.
 * The highest such rate wins (more affected runs break ties).
 */
export function hotBucket(buckets: AssociationBucket[], baseRate: number): string | null {
  let best: AssociationBucket | null = null;
  for (const b of buckets) {
    const clear = b.withIssue >= 2 && b.rate >= 1.5 * baseRate && b.rate >= baseRate + 0.2;
    if (!clear) continue;
    if (!best || b.rate > best.rate || (b.rate === best.rate && b.withIssue > best.withIssue)) {
      best = b;
    }
  }
  return best?.label ?? null;
}
