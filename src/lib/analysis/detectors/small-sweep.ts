/**
 * Too few trials for the number of hyperparameters: fewer than trialsPerParam × params (info),
 * or fewer than minTrials in total (warning: no conclusion at all is possible). Every trial in
 * the file counts, failed ones included (they too explore the space); seed columns are not
 * hyperparameters. Needs a metric: without one there is no sweep to judge.
 */
import { formatNumber as fmt, type Finding } from '../../model';
import type { Detector } from '../context';
import { listValues, sweepFacts } from '../sweep/facts';

export const smallSweep: Detector = {
  id: 'small-sweep',
  label: 'Small sweep',
  description:
    'Fewer scored trials than trialsPerParam × hyperparameters (info) or than minTrials (warning).',
  run(ctx) {
    const facts = sweepFacts(ctx);
    const trials = ctx.table.rowCount;
    const params = facts.params.length;
    const { trialsPerParam, minTrials } = ctx.settings.smallSweep;
    if (!facts.primary || trials === 0 || params === 0) return [];
    const scored = facts.scored.length;
    const needed = Math.max(minTrials, trialsPerParam * params);
    if (trials >= needed) return [];
    const tiny = trials < minTrials;
    const names = facts.params.map((p) => p.name);
    const rows = Array.from({ length: trials }, (_, i) => i);
    const perParam = trials / params;
    const s = params === 1 ? '' : 's';
    return [
      {
        id: 'small-sweep:sweep',
        detector: 'small-sweep',
        severity: tiny ? 'warning' : 'info',
        title: `Small sweep: ${trials} trial${trials === 1 ? '' : 's'} for ${params} hyperparameter${s} (${listValues(names, 5)}); about ${needed} needed`,
        runIds: [...ctx.runIds],
        rows,
        evidence: [
          {
            label: `trials (${scored} finished with ${facts.primary.column.name} logged)`,
            value: String(trials),
            threshold: `< ${tiny ? `${minTrials} (minimum)` : `${trialsPerParam} × ${params} = ${needed}`}`,
          },
          { label: 'hyperparameters searched', value: `${params}: ${listValues(names, 8)}` },
          { label: 'trials per hyperparameter', value: fmt(Number(perParam.toPrecision(2))) },
        ],
        explanation: tiny
          ? `With ${trials} trial${trials === 1 ? '' : 's'} the best one is as likely to be lucky as good: no pattern, range or importance can be read from so few points, and a single noisy evaluation decides the "winner".`
          : `${trials} trials spread over ${params} dimensions leave about ${fmt(Number(perParam.toPrecision(2)))} per hyperparameter: too few to separate their effects from each other and from noise, so importance estimates, recommended ranges and the best config are unreliable.`,
        recommendation: `Run ${needed - trials} more trials (≈ ${needed} in total)${params > 2 ? `, or fix the settings you care least about at sensible defaults to shrink the search to 2–3 of ${listValues(names, 8)}` : ''}; until then treat the best config as a candidate to confirm, not a result.`,
      } satisfies Finding,
    ];
  },
};
