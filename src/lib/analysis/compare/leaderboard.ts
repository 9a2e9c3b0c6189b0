/**
 * Every run (trial, checkpoint, model) ranked by one metric, each value with its 95% interval
 * when the data gives one: from per-sample results (mean ± 1.96·sd/√n), a stated standard error,
 * or the binomial (Wilson) interval of an accuracy on a known number of examples.
 */
import type { LeaderboardEntry, MetricLeaderboard, RunSamples } from '../../model';
import { wilsonInterval } from '../audit/interval';
import { finiteAt, type DetectorContext } from '../context';
import { countAt, isProportion, proportionScale, samplesOf, stderrAt } from './noise';
import { Z95 } from './tests';

export function leaderboard(
  ctx: DetectorContext,
  metric: string,
  samples?: readonly RunSamples[],
): MetricLeaderboard | null {
  const role = ctx.roles.find((r) => r.column === metric)?.role;
  const column = ctx.columns.get(metric);
  if (role?.kind !== 'metric' || column?.kind !== 'number') return null;
  const ranked: Omit<LeaderboardEntry, 'rank'>[] = [];
  const unranked: string[] = [];
  for (let row = 0; row < ctx.table.rowCount; row++) {
    const runId = ctx.runIds[row];
    const value = finiteAt(column, row);
    if (value === null) {
      unranked.push(runId);
      continue;
    }
    ranked.push({ runId, value, ...intervalOf(ctx, metric, row, value, samples) });
  }
  const sign = role.direction === 'max' ? -1 : 1;
  ranked.sort((a, b) => sign * (a.value - b.value));
  // Competition ranking: tied values share a rank (1, 2, 2, 4).
  const entries = ranked.map((e, i) => ({ ...e, rank: i + 1 }));
  for (let i = 1; i < entries.length; i++)
    if (entries[i].value === entries[i - 1].value) entries[i].rank = entries[i - 1].rank;
  return { metric, direction: role.direction, entries, unranked };
}

function intervalOf(
  ctx: DetectorContext,
  metric: string,
  row: number,
  value: number,
  samples?: readonly RunSamples[],
): Pick<LeaderboardEntry, 'interval' | 'intervalFrom'> {
  const own = samplesOf(samples, ctx.runIds[row], metric);
  if (own && own.size >= 2) {
    const xs = [...own.values()];
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    const half = (Z95 * sd) / Math.sqrt(xs.length);
    return { interval: { low: value - half, high: value + half }, intervalFrom: 'samples' };
  }
  const se = stderrAt(ctx, metric, row);
  if (se !== null)
    return {
      interval: { low: value - Z95 * se, high: value + Z95 * se },
      intervalFrom: 'stderr',
    };
  const role = ctx.roles.find((r) => r.column === metric)?.role;
  const n = countAt(ctx, metric, row);
  if (role?.kind === 'metric' && isProportion(metric, role) && n !== null && value >= 0) {
    const scale = proportionScale(value);
    const w = wilsonInterval(value / scale, n);
    return {
      interval: { low: w.low * scale, high: w.high * scale },
      intervalFrom: 'binomial',
    };
  }
  return { interval: null, intervalFrom: null };
}
