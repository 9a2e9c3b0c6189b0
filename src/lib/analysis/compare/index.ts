/**
 * The worker's `compare` request: a comparison of the requested runs and a leaderboard of one
 * metric, over the dataset and the roles of its latest analysis.
 */
import type { AnalysisSummary, CompareRequest, CompareResult, Dataset } from '../../model';
import { createContext } from '../context';
import { DEFAULT_SETTINGS } from '../settings';
import { compareRuns } from './compare';
import { leaderboard } from './leaderboard';
import { isStderrName } from './noise';

export { compareRuns, MAX_COMPARED, pickTest } from './compare';
export { leaderboard } from './leaderboard';
export {
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  normalTwoSided,
  pairedBootstrap,
  stderrTest,
  twoProportionTest,
} from './tests';

export function compareForView(
  dataset: Dataset,
  summary: AnalysisSummary,
  request: CompareRequest,
): CompareResult {
  // The summary's run ids are the table's rows; settings play no part in a comparison.
  const ctx = createContext(dataset.table, summary.roles, DEFAULT_SETTINGS, summary.runIds);
  const metrics = summary.roles
    .filter((r) => r.role.kind === 'metric' && !isStderrName(r.column))
    .map((r) => r.column)
    .filter((name) => ctx.columns.get(name)?.kind === 'number');
  const primary = summary.primaryMetric?.column ?? null;
  const metric =
    request.metric && metrics.includes(request.metric) ? request.metric : (primary ?? metrics[0]);
  return {
    comparison:
      request.runIds.length >= 2
        ? compareRuns(ctx, request.runIds, { samples: dataset.samples, firstMetric: metric })
        : null,
    leaderboard: metric ? leaderboard(ctx, metric, dataset.samples) : null,
    metrics,
  };
}
