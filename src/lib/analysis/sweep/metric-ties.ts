/**
 * Collapsed groups in the primary metric and in every accuracy-like metric (held-out splits
 * first): a constant predictor scores the very same accuracy while its loss still moves a little,
 * so a loss as the primary metric hides the collapse. A group whose trials are all in a group
 * already found (say, train and eval accuracy of the same collapsed trials) is left out.
 */
import { finiteAt, metricColumns, type DetectorContext } from '../context';
import { isDerivedMetricName, type PrimaryMetric } from './primary-metric';
import { sweepFacts } from './facts';
import { collapsedGroups, collapsedGroupsOf, type TiedGroup } from './ties';

export interface MetricTiedGroup {
  metric: string;
  group: TiedGroup;
}

const SPLIT_ORDER = ['val', 'test', 'other', 'train'] as const;
const cache = new WeakMap<DetectorContext, MetricTiedGroup[]>();

export function collapsedGroupsAllMetrics(ctx: DetectorContext): MetricTiedGroup[] {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const { primary, scored } = sweepFacts(ctx);
  const out: MetricTiedGroup[] = [];
  if (primary) {
    for (const group of collapsedGroups(ctx)) out.push({ metric: primary.column.name, group });
    const accuracies = metricColumns(ctx)
      .filter(
        (m) =>
          m.column !== primary.column &&
          m.role.family === 'accuracy' &&
          !isDerivedMetricName(m.column.name),
      )
      .sort((a, b) => SPLIT_ORDER.indexOf(a.role.split) - SPLIT_ORDER.indexOf(b.role.split));
    const covered: Set<number>[] = out.map((g) => new Set(g.group.rows));
    for (const m of accuracies) {
      const metric: PrimaryMetric = { column: m.column, role: m.role };
      const rows = scored.filter((r) => finiteAt(m.column, r) !== null);
      // Off the primary metric only failures count: a tie of a secondary score among normal
      // results says little (so only degenerate groups are asked for).
      for (const group of collapsedGroupsOf(ctx, metric, rows, true)) {
        if (!group.degenerate) continue;
        if (covered.some((set) => group.rows.every((r) => set.has(r)))) continue;
        out.push({ metric: m.column.name, group });
        covered.push(new Set(group.rows));
      }
    }
  }
  cache.set(ctx, out);
  return out;
}
