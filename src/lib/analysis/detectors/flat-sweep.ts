/**
 * The primary metric hardly moves across configurations: the best and the worst config are
 * within noiseMultiplier standard errors of each other, so no hyperparameter in the sweep
 * demonstrably matters. The noise comes from, in order:
 * 1. seed replicates (configs run more than once): the pooled within-config SD;
 * 2. a spread column next to the metric (`std_test_score` for `mean_test_score`, divided by
 *    √folds, the number of `split<k>_test_score` columns or 5, scikit-learn's default);
 * 3. a binomial standard error for accuracies when the eval-set size is known, from a column
 *    (`eval_samples`, `n_test`…) or from the accuracies themselves (all multiples of 1/n);
 * then a warning. Without any of these, the spread relative to the typical value (to the error
 * rate for accuracies: 97% vs 99% is a 3× difference in errors) at most relativeSpread gives an
 * info finding.
 */
import { CellState, formatNumber as fmt, type Evidence, type NumberColumn } from '../../model';
import { finiteAt, metricColumns, type Detector, type DetectorContext } from '../context';
import { parseName } from '../names';
import { median } from '../stats';
import { listIds, orientation, sweepFacts, type SweepFacts } from '../sweep/facts';
import { isAccuracyName, metricKind, scaleOf } from '../sweep/metric-kind';
import { replicates, type ConfigStats, type Replicates } from '../sweep/replicates';
import { commonDenominator } from '../sweep/resolution';
import { benjaminiHochberg } from '../stats/fdr';
import { spearman } from '../stats/spearman';
import { fUpperP, heterogeneity, kruskalWallis, oneWayAnova } from '../sweep/flatness';
import { columnCodes, scoreAt } from '../sweep/facts';

const round = (x: number) => fmt(Number(x.toPrecision(3)));

interface Noise {
  /** Standard error of a config's mean. */
  se: (config: ConfigStats) => number;
  source: string;
  evidence: Evidence[];
  /** Eval-set size behind a binomial estimate, for the advice. */
  n?: number;
  /** The noise comes from seed replicates (an ANOVA applies). */
  replicated?: boolean;
}

const EVAL_SIZE_NAMES =
  /^(n|num|number_of)?_?(eval|val|valid|validation|test|dev|holdout)_?(samples|examples|size|n|count|instances|set_size)$/;

export const flatSweep: Detector = {
  id: 'flat-sweep',
  label: 'Flat sweep',
  description:
    'The best and worst configuration differ by at most noiseMultiplier standard errors (noise from seed replicates, a std column or a binomial interval; warning), or, without a noise estimate, by at most relativeSpread of the typical value (info).',
  run(ctx) {
    const facts = sweepFacts(ctx);
    const reps = replicates(ctx);
    const {
      noiseMultiplier,
      relativeSpread,
      minConfigs,
      alpha,
      minRankTrials,
      rankRelativeSpread,
    } = ctx.settings.flatSweep;
    if (!facts.primary || !reps || facts.params.length === 0 || reps.configs.length < minConfigs) {
      return [];
    }
    const primary = facts.primary;
    const metric = primary.column.name;
    const sign = orientation(primary);
    // Best and worst config by mean: the first and the last of a stable sort, best first.
    let best = reps.configs[0];
    let worst = reps.configs[0];
    for (const c of reps.configs) {
      if (sign * (c.mean - best.mean) > 0) best = c;
      if (sign * (c.mean - worst.mean) <= 0) worst = c;
    }
    const diff = Math.abs(best.mean - worst.mean);
    const bestId = ctx.runIds[best.rows[0]];
    const worstId = ctx.runIds[worst.rows[0]];
    const spread: Evidence = {
      label: `${metric}: best − worst config mean (${reps.configs.length} configs)`,
      value: `${round(best.mean)} (${listIds(
        best.rows.map((r) => ctx.runIds[r]),
        2,
      )}) vs ${round(worst.mean)} (${listIds(
        worst.rows.map((r) => ctx.runIds[r]),
        2,
      )}): ${round(diff)}`,
      column: metric,
    };
    const names = facts.params.map((p) => p.name);
    const paramText = names.length > 0 ? names.join(', ') : 'the settings';
    const noise = estimateNoise(ctx, facts, reps);
    if (noise) {
      const se = Math.sqrt(noise.se(best) ** 2 + noise.se(worst) ** 2);
      if (!(se > 0)) return [];
      // The range of k config means grows with k even when nothing matters, so also test all
      // the means at once against the noise (ANOVA with replicates, chi-square otherwise).
      const test = configTest(reps, noise);
      const withinRange = diff <= noiseMultiplier * se;
      if (!withinRange && !(test && test.flat(alpha))) return [];
      const z = diff / se;
      const evalN = noise.n ?? 0;
      const needed =
        evalN > 0 && diff > 0
          ? Math.ceil(
              (2 * noiseMultiplier ** 2 * pq(best.mean, primary.column, facts)) /
                (diff / upperOf(primary.column, facts)) ** 2,
            )
          : null;
      return [
        {
          id: 'flat-sweep:sweep',
          detector: 'flat-sweep',
          severity: 'warning',
          title: `Flat sweep: ${metric} differs by ${round(diff)} between the best and worst config, ${round(z)} standard errors (noise: ${noise.source})`,
          ...trialsOf(ctx, reps),
          evidence: [
            spread,
            ...noise.evidence,
            ...(test ? [test.evidence(alpha)] : []),
            {
              label: 'difference / its standard error',
              value: round(z),
              threshold: `≤ ${fmt(noiseMultiplier)}`,
            },
          ],
          explanation: `${withinRange ? 'Even the best and the worst configuration are' : `The ${reps.configs.length} configuration means vary no more than noise predicts (the best − worst gap of many configs grows with their number even when nothing matters), so they are`} within measurement noise of each other, so this sweep cannot tell whether ${paramText} matter${names.length === 1 ? 's' : ''} in the range tried. Picking ${bestId} as "best" would be picking noise.`,
          recommendation: `Pick the cheapest config, or ${needed ? `measure on a larger eval set (about ${needed.toLocaleString('en-US')} examples to resolve a ${round(diff)} difference, now ${evalN.toLocaleString('en-US')})` : 'repeat the top configs with more seeds to shrink the error bars'}, or widen the ranges of ${paramText} to find settings that make a difference.`,
        },
      ];
    }
    const { ref, errorRate } = reference(facts);
    const relative = diff / ref;
    // A non-significant rank test is weak evidence on its own: real effects that rank tests miss
    // (interactions, an optimum in a corner) leave configs far apart. So the tests only speak for
    // a flat sweep when the spread is modest too (rankRelativeSpread of the typical value).
    if (facts.scored.length >= minRankTrials && ref > 0 && relative <= rankRelativeSpread) {
      const tests = rankTests(ctx, facts);
      if (tests.length === 0) return [];
      const adjusted = benjaminiHochberg(tests.map((t) => t.pValue));
      const minQ = Math.min(...adjusted);
      if (!(minQ >= alpha)) return [];
      const strongest = tests[adjusted.indexOf(minQ)];
      const small = true;
      return [
        {
          id: 'flat-sweep:sweep',
          detector: 'flat-sweep',
          severity: small ? 'warning' : 'info',
          title: `Flat sweep: no hyperparameter is associated with ${metric} across ${facts.scored.length} trials (${tests.length} rank tests, none significant)`,
          ...trialsOf(ctx, reps),
          evidence: [
            spread,
            ...tests.map((t) => ({
              label: `${t.param}: ${t.test}`,
              value: `p = ${round(t.pValue)}`,
              column: t.param,
            })),
            {
              label: `smallest p-value after Benjamini–Hochberg (${strongest.param})`,
              value: round(minQ),
              threshold: `≥ ${fmt(alpha)} (no noise estimate: no repeated configs, std column or eval-set size)`,
            },
          ],
          explanation: `Neither the rank correlation (Spearman) nor a comparison of groups (Kruskal–Wallis) finds any of ${paramText} associated with ${metric}: with ${facts.scored.length} trials a real effect would most likely show, so the differences between trials look like noise. ${bestId} ahead of ${worstId} may be luck.`,
          recommendation: `Repeat the top configs with 2–3 seeds to measure the noise; if the spread stays within it, pick the cheapest config or widen the ranges of ${paramText}.`,
        },
      ];
    }
    if (!(ref > 0)) return [];
    if (relative > relativeSpread) return [];
    const typical = errorRate ? 'error rate' : 'value';
    return [
      {
        id: 'flat-sweep:sweep',
        detector: 'flat-sweep',
        severity: 'info',
        title: `Flat sweep: ${metric} spans only ${round(diff)} across ${reps.configs.length} configs (${round(100 * relative)}% of the typical ${typical})`,
        ...trialsOf(ctx, reps),
        evidence: [
          spread,
          {
            label: `spread / typical ${typical} (${round(ref)})`,
            value: round(relative),
            threshold: `≤ ${fmt(relativeSpread)} (no noise estimate: no repeated configs, std column or eval-set size)`,
          },
        ],
        explanation: `All configurations score within a few percent of each other, which is typically within evaluation noise (an accuracy on 1,000 examples has a standard error of about 1.5 points), so the sweep gives no evidence that ${paramText} matter${names.length === 1 ? 's' : ''} in the range tried. ${bestId} ahead of ${worstId} may be luck.`,
        recommendation: `Log the eval-set size or repeat the top configs with 2–3 seeds to know the noise; if the spread stays within it, pick the cheapest config or widen the ranges of ${paramText}.`,
      },
    ];
  },
};

/** Every scored trial, for a finding about the whole sweep (only built when there is one). */
function trialsOf(ctx: DetectorContext, reps: Replicates): { runIds: string[]; rows: number[] } {
  const rows = reps.configs.flatMap((c) => c.rows).sort((a, b) => a - b);
  return { runIds: rows.map((r) => ctx.runIds[r]), rows };
}

function upperOf(column: NumberColumn, facts: SweepFacts): number {
  return scaleOf(column, facts.scored)?.upper ?? 1;
}

function pq(mean: number, column: NumberColumn, facts: SweepFacts): number {
  const p = mean / upperOf(column, facts);
  return Math.max(p * (1 - p), 1e-6);
}

/** The typical value spreads are judged against: the error rate for accuracy-like scores. */
function reference(facts: SweepFacts): { ref: number; errorRate: boolean } {
  const primary = facts.primary!;
  const column = primary.column;
  const values = facts.scored.map((r) => column.values[r]);
  const scale = scaleOf(column, facts.scored);
  if (!scale) return { ref: NaN, errorRate: false };
  const kind = metricKind(column.name, primary.role);
  // An objective of unknown kind that lives in [0, 1] near 1 behaves like an accuracy.
  const nearCeiling =
    kind === 'objective' && scale.min >= 0 && scale.max <= 1 && scale.median >= 0.9;
  if ((kind === 'bounded' && primary.role.direction === 'max') || nearCeiling) {
    return { ref: median(values.map((v) => scale.upper - v)), errorRate: true };
  }
  return { ref: Math.abs(median(values)), errorRate: false };
}

function estimateNoise(
  ctx: DetectorContext,
  facts: SweepFacts,
  reps: NonNullable<ReturnType<typeof replicates>>,
): Noise | null {
  const primary = facts.primary!;
  if (reps.dof >= 2 && reps.pooledSd > 0) {
    const sd = reps.pooledSd;
    return {
      se: (c) => sd / Math.sqrt(c.rows.length),
      replicated: true,
      source: `seed replicates, SD ${round(sd)}`,
      evidence: [
        {
          label: `SD between runs of one config (${reps.repeated.length} repeated configs, ${reps.dof} df)`,
          value: round(sd),
        },
      ],
    };
  }
  const spread = spreadColumn(ctx, primary.column.name);
  if (spread) {
    const { column, folds, assumed } = spread;
    const at = (c: ConfigStats) => {
      const values = c.rows.map((r) => finiteAt(column, r)).filter((v): v is number => v !== null);
      return values.length > 0 ? median(values) : NaN;
    };
    const typical = median(
      facts.scored.map((r) => finiteAt(column, r) ?? NaN).filter(Number.isFinite),
    );
    return {
      se: (c) => at(c) / Math.sqrt(folds),
      source: `${column.name} / √${folds}`,
      evidence: [
        {
          label: `${column.name} (median over configs; per config / √${folds} folds${assumed ? ', 5 assumed' : ''})`,
          value: round(typical),
          column: column.name,
        },
      ],
    };
  }
  const kind = metricKind(primary.column.name, primary.role);
  if (kind !== 'bounded' || !isAccuracyName(primary.column.name, primary.role)) return null;
  const upper = upperOf(primary.column, facts);
  const size = evalSize(ctx, facts, upper);
  if (!size) return null;
  return {
    se: (c) => upper * Math.sqrt(Math.max(pqOf(c.mean / upper), 1e-6) / (size.n * c.rows.length)),
    source: `binomial, n = ${size.n}`,
    n: size.n,
    evidence: [{ label: 'eval-set size', value: String(size.n), threshold: size.source }],
  };
}

function pqOf(p: number): number {
  return p * (1 - p);
}

/** `std_test_score` for `mean_test_score`, with the number of `split<k>_test_score` folds. */
function spreadColumn(
  ctx: DetectorContext,
  name: string,
): { column: NumberColumn; folds: number; assumed: boolean } | null {
  const stem = parseName(name)
    .tokens.filter((t, i) => !(i === 0 && t === 'mean'))
    .join('_');
  let column: NumberColumn | null = null;
  let folds = 0;
  for (const { column: c } of metricColumns(ctx)) {
    const tokens = parseName(c.name).tokens;
    const rest = tokens.slice(1).join('_');
    if (tokens[0] === 'std' && rest === stem) column = c;
    if (/^(split|fold)\d+$/.test(tokens[0]) && rest === stem) folds++;
  }
  if (!column) return null;
  return { column, folds: folds > 1 ? folds : 5, assumed: folds <= 1 };
}

/** The eval-set size from a column, or from the accuracies being multiples of 1/n. */
function evalSize(
  ctx: DetectorContext,
  facts: SweepFacts,
  upper: number,
): { n: number; source: string } | null {
  for (const column of ctx.table.columns) {
    if (
      column.kind !== 'number' ||
      !EVAL_SIZE_NAMES.test(parseName(column.name).tokens.join('_'))
    ) {
      continue;
    }
    const values: number[] = [];
    for (let row = 0; row < ctx.table.rowCount; row++) {
      if (column.states[row] === CellState.value && Number.isInteger(column.values[row])) {
        values.push(column.values[row]);
      }
    }
    const n = values.length > 0 ? median(values) : NaN;
    if (n >= 10) return { n, source: `column ${column.name}` };
  }
  const primary = facts.primary!;
  const fractions = facts.scored.map((r) => primary.column.values[r] / upper);
  const n = commonDenominator(fractions);
  if (n !== null && n >= 10) {
    return { n, source: `every ${primary.column.name} is a multiple of 1/${n}` };
  }
  return null;
}

interface ConfigTest {
  flat: (alpha: number) => boolean;
  evidence: (alpha: number) => Evidence;
}

/** All config means at once against the noise: ANOVA with replicates, else chi-square. */
function configTest(
  reps: NonNullable<ReturnType<typeof replicates>>,
  noise: Noise,
): ConfigTest | null {
  if (reps.configs.length < 3) return null;
  if (noise.replicated) {
    const anova = oneWayAnova(reps.configs.map((c) => c.values));
    if (!anova) return null;
    // The typical config's seed variance (median of per-config variances) is the noise, so one
    // unstable or one lucky config neither inflates nor deflates it; the classic pooled ANOVA must
    // not show clear differences either.
    const robust = robustWithinVariance(reps.repeated);
    const within = robust > 0 ? robust : anova.msWithin;
    const robustP = fUpperP((anova.f * anova.msWithin) / within, anova.df1, anova.df2);
    const msBetween = anova.f * anova.msWithin;
    const betweenSd = Math.sqrt(Math.max(0, (msBetween - within) / anova.meanRuns));
    const seOfMean = Math.sqrt(within / anova.meanRuns);
    return {
      flat: (alpha) => robustP >= alpha && anova.pValue >= alpha / 10 && betweenSd <= seOfMean,
      evidence: (alpha) => ({
        label: `one-way ANOVA of ${reps.configs.length} configs (F = ${round(anova.f)}, ${anova.df1} and ${anova.df2} df; SD of true config means ≈ ${round(betweenSd)} vs SE of a config mean ${round(seOfMean)}, both from the median seed variance)`,
        value: `p = ${round(robustP)}`,
        threshold: `≥ ${fmt(alpha)}`,
      }),
    };
  }
  const test = heterogeneity(
    reps.configs.map((c) => c.mean),
    reps.configs.map((c) => noise.se(c)),
  );
  if (!test) return null;
  return {
    flat: (alpha) => test.pValue >= alpha,
    evidence: (alpha) => ({
      label: `chi-square test that all ${reps.configs.length} config means are equal (Q = ${round(test.q)}, ${test.df} df)`,
      value: `p = ${round(test.pValue)}`,
      threshold: `≥ ${fmt(alpha)}`,
    }),
  };
}

/** Median χ²_df / df for small df (its distribution is skewed: the median is below the mean). */
const MEDIAN_CHI2_RATIO = [NaN, 0.455, 0.693, 0.789, 0.839, 0.87];

/** The median of the per-config seed variances, each scaled to estimate σ² without bias. */
function robustWithinVariance(repeated: readonly ConfigStats[]): number {
  const scaled = repeated.map((c) => {
    const df = c.rows.length - 1;
    const ratio = MEDIAN_CHI2_RATIO[df] ?? (1 - 2 / (9 * df)) ** 3;
    return (c.sd * c.sd) / ratio;
  });
  return scaled.length > 0 ? median(scaled) : NaN;
}

interface RankTest {
  param: string;
  test: string;
  pValue: number;
  /** Effect size: |Spearman ρ|, or ε² = H / (n − 1) for Kruskal–Wallis. */
  effect: number;
  kind: 'rho' | 'eps2';
  n: number;
}

/**
 * Every hyperparameter against the primary metric: Spearman for numbers, Kruskal–Wallis over
 * its values (numbers with many values in quartile bins, to catch an optimum in the middle).
 */
function rankTests(ctx: DetectorContext, facts: SweepFacts): RankTest[] {
  const primary = facts.primary!;
  const out: RankTest[] = [];
  for (const param of facts.params) {
    const ys: number[] = [];
    const xs: number[] = [];
    const labels: number[] = [];
    const codes = param.kind === 'number' ? null : columnCodes(ctx, param).codes;
    for (const row of facts.scored) {
      if (param.kind === 'number' ? param.states[row] !== CellState.value : codes![row] < 0) {
        continue;
      }
      const y = scoreAt(primary, row);
      if (!Number.isFinite(y)) continue;
      ys.push(y);
      if (param.kind === 'number') xs.push(param.values[row]);
      else labels.push(codes![row]);
    }
    if (ys.length < 3) continue;
    let groups: number[];
    if (param.kind === 'number') {
      const rho = spearman(xs, ys);
      if (rho)
        out.push({
          param: param.name,
          test: `Spearman ρ = ${round(rho.rho)}`,
          pValue: rho.pValue,
          effect: Math.abs(rho.rho),
          kind: 'rho',
          n: ys.length,
        });
      const distinct = [...new Set(xs)].sort((a, b) => a - b);
      if (distinct.length <= 6) groups = xs.map((x) => distinct.indexOf(x));
      else {
        const sorted = [...xs].sort((a, b) => a - b);
        const cuts = [0.25, 0.5, 0.75].map((q) => sorted[Math.floor(q * (sorted.length - 1))]);
        groups = xs.map((x) => cuts.filter((c) => x > c).length);
      }
    } else {
      groups = labels;
    }
    const kw = kruskalWallis(ys, groups);
    if (kw) {
      out.push({
        param: param.name,
        test: `Kruskal–Wallis H = ${round(kw.h)} over ${kw.df + 1} groups`,
        pValue: kw.pValue,
        effect: kw.h / (ys.length - 1),
        kind: 'eps2',
        n: ys.length,
      });
    }
  }
  return out;
}
