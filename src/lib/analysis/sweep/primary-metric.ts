/**
 * The metric a sweep optimises, when the file does not say: the one the statistics, the ranking
 * and the sweep-level detectors judge configurations by.
 *
 * Preference, most important first:
 * 1. logged for at least half as many trials as the best-covered metric (a metric only a few
 *    runs report cannot rank a sweep);
 * 2. a real result, not a derived column: spreads (`std_test_score`), per-fold scores
 *    (`split0_test_score`, when the mean is there) and resource use (`*_mb`, latency) come last;
 * 3. split: validation, then test, then unlabelled (Optuna's `value`, a bare `accuracy`), then
 *    training;
 * 4. family: loss, then accuracy, then anything else;
 * 5. column order.
 * The direction is the role's (inferred from the name, or set by the user).
 */
import { CellState, type ColumnRole, type NumberColumn, type RunTable } from '../../model';
import { columnNamed, type MetricRole } from '../context';
import { parseName } from '../names';

export interface PrimaryMetric {
  column: NumberColumn;
  role: MetricRole;
}

const SPLIT_ORDER: readonly MetricRole['split'][] = ['val', 'test', 'other', 'train'];
const FAMILY_ORDER: readonly MetricRole['family'][] = ['loss', 'accuracy', 'other'];
const RESOURCE_WORDS = new Set(
  'mem memory mb gb kb bytes latency throughput runtime flops macs params size time sec secs seconds'.split(
    ' ',
  ),
);

/** A spread, a per-fold score or a resource measurement: never the objective of a sweep. */
export function isDerivedMetricName(name: string): boolean {
  const tokens = parseName(name).tokens;
  return (
    tokens[0] === 'std' ||
    tokens[0] === 'var' ||
    tokens[0] === 'rank' ||
    tokens.some((t) => /^(split|fold)\d+$/.test(t) || RESOURCE_WORDS.has(t))
  );
}

function finiteCount(column: NumberColumn, rows: number): number {
  let n = 0;
  for (let row = 0; row < rows; row++) {
    if (column.states[row] === CellState.value && Number.isFinite(column.values[row])) n++;
  }
  return n;
}

export function primaryMetric(table: RunTable, roles: ColumnRole[]): PrimaryMetric | null {
  const candidates: { column: NumberColumn; role: MetricRole; finite: number; order: number }[] =
    [];
  roles.forEach((r, order) => {
    if (r.role.kind !== 'metric') return;
    const column = columnNamed(table, r.column);
    if (column?.kind !== 'number') return;
    const finite = finiteCount(column, table.rowCount);
    if (finite > 0) candidates.push({ column, role: r.role, finite, order });
  });
  if (candidates.length === 0) return null;
  const most = Math.max(...candidates.map((c) => c.finite));
  const rank = (c: (typeof candidates)[number]): number[] => [
    2 * c.finite < most ? 1 : 0,
    isDerivedMetricName(c.column.name) ? 1 : 0,
    SPLIT_ORDER.indexOf(c.role.split),
    FAMILY_ORDER.indexOf(c.role.family),
    c.order,
  ];
  let best = candidates[0];
  let bestRank = rank(best);
  for (const c of candidates.slice(1)) {
    const r = rank(c);
    const i = r.findIndex((v, k) => v !== bestRank[k]);
    if (i >= 0 && r[i] < bestRank[i]) [best, bestRank] = [c, r];
  }
  return { column: best.column, role: best.role };
}
