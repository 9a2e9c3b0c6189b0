/**
 * Parameter–issue association: for each hyperparameter and each issue, the issue rate per
 * bucket of the hyperparameter against the sweep's base rate ("lr 0.01 to 0.02: 2 of 2 NaN"),
 * with its lift, an exact test and a false-discovery-rate correction.
 *
 * Test: each bucket against the rest of the sweep, one-sided Fisher exact test (is the issue more
 * common in this bucket?), exact hypergeometric tail from log-factorials. Correction:
 * Benjamini–Hochberg over every (param, issue, bucket) test of the sweep, at FDR = 0.1 — a
 * screening level: a hot bucket is a lead to look at, and one false lead in ten is acceptable
 * where missing a real failure region is not.
 */
import type {
  Column,
  Association,
  AssociationBucket,
  AssociationTesting,
  DetectorId,
  Finding,
  RunTable,
  ColumnRole,
} from '../model';
import { bucketCodes, type BucketCodes } from './buckets';
import { columnNamed } from './context';
import { benjaminiHochberg } from './stats/fdr';
import { fisherGreater, minAttainableP } from './stats/fisher';

/** Run ids kept per bucket (runs with the issue); `withIssue` always has the full count. */
export const MAX_BUCKET_RUN_IDS = 200;
/** False discovery rate a hot bucket must pass. */
export const ASSOCIATION_FDR = 0.1;
export const ASSOCIATION_METHOD =
  'one-sided Fisher exact test of each bucket against the rest of the sweep, Benjamini–Hochberg q-values over all tests';

export interface AssociationResult {
  associations: Association[];
  testing: AssociationTesting;
}

/**
 * Detectors whose findings are about the sweep as a whole (its size, its design, its spread, what
 * it logged), listing many or all trials as context: they are not something that happened to
 * those trials, so they are not linked to hyperparameters and do not make a trial unhealthy.
 */
export const SWEEP_LEVEL_DETECTORS: ReadonlySet<DetectorId> = new Set<DetectorId>([
  'small-sweep',
  'flat-sweep',
  'eval-missing',
  'seed-variance',
  'confounded-params',
  'edge-of-range',
  'values-tried-once',
]);

/** A critical or warning finding about particular trials: what the associations link. */
export function isTrialIssue(f: Finding): boolean {
  return f.severity !== 'info' && !SWEEP_LEVEL_DETECTORS.has(f.detector);
}

/**
 * Issue rows per detector, counting only trial issues: info findings (a pruned or running trial)
 * are not problems of the configuration, and sweep-level findings are not about single trials.
 * Detectors without issues are left out; 'any' (the union) comes first.
 */
export function issueRows(findings: Finding[]): Map<DetectorId | 'any', Set<number>> {
  const out = new Map<DetectorId | 'any', Set<number>>();
  const any = new Set<number>();
  for (const f of findings) {
    if (!isTrialIssue(f)) continue;
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

export function computeAssociations(
  table: RunTable,
  roles: ColumnRole[],
  runIds: string[],
  findings: Finding[],
  quantiles: number,
  /** Buckets per column from an earlier call with the same table and quantiles (filled here). */
  bucketCache: Map<Column, BucketCodes> = new Map(),
): AssociationResult {
  const issues = issueRows(findings);
  const testing: AssociationTesting = {
    method: ASSOCIATION_METHOD,
    tests: 0,
    fdr: ASSOCIATION_FDR,
    powered: false,
  };
  if (!issues.has('any') || table.rowCount === 0) return { associations: [], testing };
  // Issue rows ascending: counting them into buckets visits a few hundred rows per issue instead
  // of every row of every bucket, and lists each bucket's run ids in row order as before.
  const byIssue = [...issues].map(([issue, rows]) => ({
    issue,
    rows,
    sorted: Int32Array.from(rows).sort(),
  }));
  const out: Association[] = [];
  let minP = Infinity;
  for (const r of roles) {
    if (r.role.kind !== 'param') continue;
    const column = columnNamed(table, r.column);
    if (!column) continue;
    let buckets = bucketCache.get(column);
    if (!buckets)
      bucketCache.set(column, (buckets = bucketCodes(column, table.rowCount, quantiles)));
    if (buckets.buckets.length === 0) continue;
    const kind = column.kind === 'number' ? 'quantile' : 'category';
    for (const { issue, rows, sorted } of byIssue) {
      const association = associate(r.column, issue, kind, buckets, sorted, table.rowCount, runIds);
      out.push(association);
      for (const b of association.buckets) {
        const h = { N: table.rowCount, K: rows.size, n: b.trials };
        minP = Math.min(minP, minAttainableP(h));
      }
    }
  }
  const all = out.flatMap((a) => a.buckets);
  const q = benjaminiHochberg(all.map((b) => b.pValue));
  all.forEach((b, i) => (b.qValue = q[i]));
  testing.tests = all.length;
  // Could one perfect pattern, alone among null tests, pass the correction? (Its BH q is p·m.)
  testing.powered = minP * all.length <= ASSOCIATION_FDR;
  for (const a of out) {
    const hot = hotBucket(a.buckets, a.baseRate, testing.powered);
    a.hotBucket = hot?.label ?? null;
    a.hotBucketSignificant = hot?.significant ?? false;
  }
  return { associations: out, testing };
}

function associate(
  param: string,
  issue: DetectorId | 'any',
  kind: Association['kind'],
  rowBuckets: BucketCodes,
  withIssueRows: Int32Array,
  total: number,
  runIds: string[],
): Association {
  const issueCount = withIssueRows.length;
  const baseRate = issueCount / total;
  const hits = new Int32Array(rowBuckets.buckets.length);
  const idsOf = rowBuckets.buckets.map((): string[] => []);
  for (const row of withIssueRows) {
    const b = rowBuckets.codes[row] as number | undefined;
    if (b === undefined) continue; // not a row of the table
    hits[b]++;
    if (idsOf[b].length < MAX_BUCKET_RUN_IDS) idsOf[b].push(runIds[row]);
  }
  const buckets = rowBuckets.buckets.map((b, index): AssociationBucket => {
    const withIssue = hits[index];
    const ids = idsOf[index];
    const trials = b.trials;
    const rate = withIssue / trials;
    const bucket: AssociationBucket = {
      label: b.label,
      trials,
      withIssue,
      rate,
      lift: rate / baseRate,
      pValue: fisherGreater(
        withIssue,
        trials - withIssue,
        issueCount - withIssue,
        total - trials - (issueCount - withIssue),
      ),
      qValue: NaN,
      runIds: ids,
    };
    if (b.lo !== undefined) Object.assign(bucket, { lo: b.lo, hi: b.hi });
    return bucket;
  });
  return { param, issue, kind, buckets, baseRate, hotBucket: null, hotBucketSignificant: false };
}

/**
 * Whether a bucket's rate is clearly above the base rate: at least two runs with the issue, a
 * rate at least 1.5× the base rate and at least 20 points above it. The first two rule out
 * single coincidences; the last keeps a 3% → 5% wobble in a big sweep from being called a
 * pattern even when it is statistically significant.
 */
export function clearlyAbove(b: AssociationBucket, baseRate: number): boolean {
  return b.withIssue >= 2 && b.rate >= 1.5 * baseRate && b.rate >= baseRate + 0.2;
}

/**
 * The hot bucket: clearly above the base rate and significant (q ≤ 0.1). In a sweep where no
 * test could reach significance (`powered` false: the seed sample's six trials, where even 2 of 2
 * gives p = 1/15 before correcting for 60 tests), clearly above is enough, marked not significant.
 * The highest rate wins (more affected runs, then the smaller q, break ties).
 */
export function hotBucket(
  buckets: AssociationBucket[],
  baseRate: number,
  powered: boolean,
  fdr = ASSOCIATION_FDR,
): { label: string; significant: boolean } | null {
  let best: AssociationBucket | null = null;
  let significant = false;
  for (const b of buckets) {
    if (!clearlyAbove(b, baseRate)) continue;
    const passes = b.qValue <= fdr;
    if (!passes && powered) continue;
    if (
      !best ||
      (passes && !significant) ||
      (passes === significant &&
        (b.rate > best.rate ||
          (b.rate === best.rate &&
            (b.withIssue > best.withIssue ||
              (b.withIssue === best.withIssue && b.qValue < best.qValue)))))
    ) {
      best = b;
      significant = passes;
    }
  }
  return best && { label: best.label, significant };
}
