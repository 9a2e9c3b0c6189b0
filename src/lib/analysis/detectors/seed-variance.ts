/**
 * Identical configurations (seed-like columns ignored) with different results. Quiet when the
 * seeds agree about as well as they do everywhere else: a seed spread is not a pathology. Two
 * kinds of finding:
 * - one per unstable configuration: its seed SD is at least unstableRatio × the median seed SD
 *   over repeated configs (a seed diverged or fell into a bad minimum);
 * - one for the sweep, a warning, when the spread between config means is below minRatio × the
 *   sweep's seed noise (the ranking of configs is mostly luck). The seed noise is the square root
 *   of the median within-config variance, so one unstable config cannot inflate it.
 * Needs at least 2 degrees of freedom (3 configs for the per-config test): one accidental repeat
 * in a random search is not a seed study. Replicates with identical results are
 * duplicate-results' business.
 */
import { formatNumber as fmt, type Evidence, type Finding } from '../../model';
import type { Detector } from '../context';
import { describeRow, listIds, sweepFacts } from '../sweep/facts';
import { median } from '../stats';
import { chiSquareMedianOverK, chiSquareUpper } from '../sweep/chi-square';
import { sampleSd } from '../sweep/rank-stats';
import { replicates, type ConfigStats } from '../sweep/replicates';

const round = (x: number) => fmt(Number(x.toPrecision(3)));
/** Degrees of freedom of the seed noise needed to report on it, and to warn with it. */
const MIN_DOF = 2;
const WARN_DOF = 4;
/** Repeated configs needed before one can be called unusual against the others. */
const MIN_CONFIGS_FOR_OUTLIER = 3;
/** Seed SDs this small relative to the metric's scale are rounding, not instability. */
const RELATIVE_FLOOR = 1e-6;
/** Chance of calling one stable config unstable in a sweep (split over its configs). */
const OUTLIER_ALPHA = 0.01;

export const seedVariance: Detector = {
  id: 'seed-variance',
  label: 'Seed variance',
  description:
    'Configurations run more than once: configs whose seeds disagree far more than the typical config (unstableRatio × the median seed SD), and a warning when config means differ less than minRatio × the seed noise (median within-config variance).',
  run(ctx) {
    const facts = sweepFacts(ctx);
    const reps = replicates(ctx);
    if (!facts.primary || !reps) return [];
    if (!reps.repeated.some((c) => c.sd > 0) || reps.dof < MIN_DOF) return [];
    const metric = facts.primary.column.name;
    const { minRatio, unstableRatio } = ctx.settings.seedVariance;
    const seedNames = facts.seeds.map((s) => s.name);
    const source =
      seedNames.length > 0
        ? `the seed (${seedNames.join(', ')})`
        : 'nothing logged (no seed column): the training is not deterministic';
    const findings: Finding[] = [];

    // Robust seed noise: the median within-config variance, scaled up by the median of χ²_k / k
    // (a median sample variance underestimates the variance: by 0.45 with 2 seeds).
    const k = median(reps.repeated.map((c) => c.rows.length - 1));
    const noiseVar = median(reps.repeated.map((c) => c.sd * c.sd)) / chiSquareMedianOverK(k);
    const typicalSd = Math.sqrt(noiseVar);
    const scale = Math.max(...reps.configs.map((c) => Math.abs(c.mean)).filter(Number.isFinite), 0);
    const floor = Math.max(unstableRatio * typicalSd, RELATIVE_FLOOR * Math.max(scale, 1));
    // A config is unstable when its SD is both unstableRatio × the typical one and too large to
    // be chance among this many configs (χ² test of its variance, Bonferroni over configs).
    const alpha = OUTLIER_ALPHA / reps.repeated.length;
    const unstable: ConfigStats[] =
      reps.repeated.length >= MIN_CONFIGS_FOR_OUTLIER && typicalSd > 0
        ? reps.repeated.filter((c) => {
            const dof = c.rows.length - 1;
            return c.sd >= floor && chiSquareUpper((dof * c.sd * c.sd) / noiseVar, dof) < alpha;
          })
        : [];
    for (const c of unstable) {
      const config = describeRow(facts.params, c.rows[0]);
      const ids = c.rows.map((r) => ctx.runIds[r]);
      const lo = Math.min(...c.values);
      const hi = Math.max(...c.values);
      findings.push({
        id: `seed-variance:config:${ids[0]}`,
        detector: 'seed-variance',
        severity: 'warning',
        title: `Seeds disagree on one config${config ? ` (${config})` : ''}: ${metric} ranges ${round(lo)} – ${round(hi)} over ${c.rows.length} runs, SD ${round(c.sd)} vs a typical ${round(typicalSd)}`,
        runIds: ids,
        rows: [...c.rows].sort((a, b) => a - b),
        evidence: [
          {
            label: `${metric} over the ${c.rows.length} runs (${listIds(ids, 5)})`,
            value: c.values.map(round).join(', '),
            column: metric,
          },
          {
            label: `SD within this config / typical seed SD (${reps.repeated.length} repeated configs)`,
            value: `${round(c.sd)} / ${round(typicalSd)} = ${round(c.sd / typicalSd)}×`,
            threshold: `≥ ${fmt(unstableRatio)}×`,
          },
        ],
        explanation: `Runs of this configuration differ only in ${source}, yet they spread ${round(c.sd / typicalSd)} times as much as runs of a typical configuration. Some seeds of this config diverged, fell into a worse minimum or hit a numerical problem: its mean is not a reliable score.`,
        recommendation: `Inspect the outlying runs of this config (training curves, gradient norms); if the config is unstable on the edge of a range (a high learning rate, no warm-up), treat that region as risky rather than ranking it by its mean.`,
      });
    }

    // Sweep-wide: do configs differ by more than the seed noise?
    const stable = reps.configs.filter((c) => !unstable.includes(c));
    const dof = reps.repeated
      .filter((c) => !unstable.includes(c))
      .reduce((s, c) => s + c.rows.length - 1, 0);
    const between = stable.length >= 2 ? sampleSd(stable.map((c) => c.mean)) : NaN;
    const ratio = between / typicalSd;
    if (Number.isFinite(ratio) && typicalSd > 0 && ratio < minRatio && dof >= WARN_DOF) {
      const rows = reps.repeated.flatMap((c) => c.rows).sort((a, b) => a - b);
      const evidence: Evidence[] = [
        {
          label: `${metric} seed SD (from the median within-config variance over ${reps.repeated.length} repeated configs, ${dof} df)`,
          value: round(typicalSd),
          column: metric,
        },
        { label: `${metric} SD of the ${stable.length} config means`, value: round(between) },
        { label: 'between / within', value: round(ratio), threshold: `< ${fmt(minRatio)}` },
      ];
      findings.push({
        id: 'seed-variance:sweep',
        detector: 'seed-variance',
        severity: 'warning',
        title: `Configs differ less than seeds do: ${metric} varies by SD ${round(typicalSd)} between runs of one config, ${round(between)} between configs (ratio ${round(ratio)})`,
        runIds: rows.map((r) => ctx.runIds[r]),
        rows,
        evidence,
        explanation: `Runs of the same configuration differ only in ${source}, yet they spread almost as much as different configurations do. The ranking of configs is then mostly luck: the "best" config is likely the one that drew a good seed.`,
        recommendation: `Average ${Math.max(3, Math.ceil(4 / Math.max(ratio, 0.5) ** 2))} or more seeds per config before ranking, or narrow the search to settings with larger effects; report the best config as mean ± SD over seeds, not as one run.`,
      });
    }
    return findings;
  },
};
