/**
 * Identical configurations (seed-like columns ignored) with different results: how large the
 * seed-to-seed spread is, and whether configurations differ by more than it. One finding for the
 * sweep: a warning when the spread between configs is below minRatio × the spread within them
 * (the ranking of configs is mostly luck) and the pooled SD has at least 4 degrees of freedom,
 * info otherwise (the replicates give the sweep an error bar). Needs at least 2 degrees of
 * freedom: one accidental repeat in a random search is not a seed study. Replicates with
 * identical results are duplicate-results' business.
 */
import { formatNumber as fmt, type Evidence } from '../../model';
import type { Detector } from '../context';
import { runLabel } from '../known-params';
import { describeRow, listIds, sweepFacts } from '../sweep/facts';
import { sampleSd } from '../sweep/rank-stats';
import { replicates } from '../sweep/replicates';

const round = (x: number) => fmt(Number(x.toPrecision(3)));
/** Degrees of freedom of the pooled SD needed to report it, and to warn with it. */
const MIN_DOF = 2;
const WARN_DOF = 4;

export const seedVariance: Detector = {
  id: 'seed-variance',
  label: 'Seed variance',
  description:
    'Configurations run more than once give different results: the pooled spread within configs, compared with the spread of config means (warning when the ratio is below minRatio).',
  run(ctx) {
    const facts = sweepFacts(ctx);
    const reps = replicates(ctx);
    if (!facts.primary || !reps) return [];
    const varied = reps.repeated.filter((c) => c.sd > 0);
    // One accidental repeat in a random search (two trials drawing the same values) is not a
    // seed study: an SD from one degree of freedom is noise itself.
    if (varied.length === 0 || !(reps.pooledSd > 0) || reps.dof < MIN_DOF) return [];
    const metric = facts.primary.column.name;
    const within = reps.pooledSd;
    const between = reps.configs.length >= 2 ? sampleSd(reps.configs.map((c) => c.mean)) : NaN;
    const ratio = between / within;
    const { minRatio } = ctx.settings.seedVariance;
    const worst = varied.reduce((a, b) => (rangeOf(b.values) > rangeOf(a.values) ? b : a));
    const rows = reps.repeated.flatMap((c) => c.rows).sort((a, b) => a - b);
    const runIds = rows.map((r) => ctx.runIds[r]);
    const seedNames = facts.seeds.map((s) => s.name);
    const evidence: Evidence[] = [
      {
        label: `${metric} SD within a config (pooled over ${reps.repeated.length} repeated configs, ${reps.dof} df)`,
        value: round(within),
        column: metric,
      },
    ];
    if (Number.isFinite(between)) {
      evidence.push(
        { label: `${metric} SD of the ${reps.configs.length} config means`, value: round(between) },
        {
          label: 'between / within',
          value: round(ratio),
          threshold: ratio < minRatio ? `< ${fmt(minRatio)}` : `≥ ${fmt(minRatio)}`,
        },
      );
    }
    const worstConfig = describeRow(facts.params, worst.rows[0]);
    evidence.push({
      label: `widest config${worstConfig ? ` (${worstConfig})` : ''}`,
      value: `${round(Math.min(...worst.values))} – ${round(Math.max(...worst.values))} over ${worst.rows.length} runs (${listIds(
        worst.rows.map((r) => ctx.runIds[r]),
        4,
      )})`,
    });
    const noisy = Number.isFinite(ratio) && ratio < minRatio && reps.dof >= WARN_DOF;
    const source =
      seedNames.length > 0
        ? `the seed (${seedNames.join(', ')})`
        : 'nothing logged (no seed column): the training is not deterministic';
    return [
      {
        id: 'seed-variance:sweep',
        detector: 'seed-variance',
        severity: noisy ? 'warning' : 'info',
        title: noisy
          ? `Configs differ less than seeds do: ${metric} varies by SD ${round(within)} between runs of one config, ${round(between)} between configs (ratio ${round(ratio)})`
          : `Repeated configs vary by SD ${round(within)} in ${metric}${Number.isFinite(ratio) ? `; configs differ ${round(ratio)}× more` : ''}`,
        runIds,
        rows,
        evidence,
        explanation: noisy
          ? `Runs of the same configuration differ only in ${source}, yet they spread almost as much as different configurations do. The ranking of configs is then mostly luck: the "best" config is likely the one that drew a good seed.`
          : `Runs of the same configuration differ only in ${source}. This spread is the sweep's noise floor: differences between configs smaller than about ${round(2 * Math.SQRT2 * within)} (2 standard errors of a difference) are not real.`,
        recommendation: noisy
          ? `Average ${Math.max(3, Math.ceil(4 / Math.max(ratio, 0.5) ** 2))} or more seeds per config before ranking, or narrow the search to settings with larger effects; report the best config as mean ± SD over seeds, not as one run.`
          : `Rank configs by their mean over seeds and treat differences below ${round(2 * Math.SQRT2 * within)} as ties${worst.rows.length > 1 ? `; ${runLabel(ctx.runIds[worst.rows[0]])}'s config is the least stable` : ''}.`,
      },
    ];
  },
};

function rangeOf(values: number[]): number {
  return Math.max(...values) - Math.min(...values);
}
