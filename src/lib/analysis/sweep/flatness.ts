/**
 * Tests of "the metric does not depend on the configuration", for the flat-sweep detector:
 * a one-way ANOVA F-test of config means against seed replicates, a chi-square test of config
 * means against known standard errors, and Kruskal–Wallis / Spearman tests of each
 * hyperparameter against the metric when there is no noise estimate at all.
 */
import { averageRanks } from '../stats/spearman';
import { gammaUpper, incompleteBeta } from '../stats/special';

/** Upper tail P(F > f) of Fisher's F distribution with (d1, d2) degrees of freedom. */
export function fUpperP(f: number, d1: number, d2: number): number {
  if (!(d1 > 0) || !(d2 > 0) || Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (!Number.isFinite(f)) return 0;
  return incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/** Upper tail P(χ² > x) with k degrees of freedom. */
export function chiSquareUpperP(x: number, k: number): number {
  if (!(k > 0) || Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return 0;
  return gammaUpper(k / 2, x / 2);
}

export interface AnovaResult {
  f: number;
  df1: number;
  df2: number;
  pValue: number;
  /** Mean square within configs (the seed variance). */
  msWithin: number;
  /** Estimated SD of the true config means: √max(0, (MSB − MSW) / n̄). */
  betweenSd: number;
  /** Mean number of runs per config. */
  meanRuns: number;
}

/** One-way ANOVA of groups of values (groups of one contribute to the between-group part only). */
export function oneWayAnova(groups: readonly (readonly number[])[]): AnovaResult | null {
  const k = groups.length;
  let n = 0;
  let total = 0;
  for (const g of groups) {
    n += g.length;
    for (const v of g) total += v;
  }
  const df1 = k - 1;
  const df2 = n - k;
  if (df1 < 1 || df2 < 1) return null;
  const grand = total / n;
  let ssb = 0;
  let ssw = 0;
  for (const g of groups) {
    const m = g.reduce((s, v) => s + v, 0) / g.length;
    ssb += g.length * (m - grand) ** 2;
    for (const v of g) ssw += (v - m) ** 2;
  }
  const msb = ssb / df1;
  const msw = ssw / df2;
  const meanRuns = n / k;
  const f = msw > 0 ? msb / msw : msb > 0 ? Infinity : 0;
  return {
    f,
    df1,
    df2,
    pValue: fUpperP(f, df1, df2),
    msWithin: msw,
    betweenSd: Math.sqrt(Math.max(0, (msb - msw) / meanRuns)),
    meanRuns,
  };
}

/**
 * Chi-square test of heterogeneity: are means with known standard errors all equal?
 * Q = Σ ((mᵢ − m̄_w) / seᵢ)², m̄_w the inverse-variance weighted mean, k − 1 df.
 */
export function heterogeneity(
  means: readonly number[],
  ses: readonly number[],
): { q: number; df: number; pValue: number } | null {
  let sw = 0;
  let swm = 0;
  const k = means.length;
  for (let i = 0; i < k; i++) {
    if (!(ses[i] > 0) || !Number.isFinite(means[i])) return null;
    const w = 1 / ses[i] ** 2;
    sw += w;
    swm += w * means[i];
  }
  if (k < 2) return null;
  const center = swm / sw;
  let q = 0;
  for (let i = 0; i < k; i++) q += ((means[i] - center) / ses[i]) ** 2;
  return { q, df: k - 1, pValue: chiSquareUpperP(q, k - 1) };
}

/** Kruskal–Wallis H test (with the tie correction) of values in groups; null if < 2 groups. */
export function kruskalWallis(
  values: readonly number[],
  groups: readonly number[],
): { h: number; df: number; pValue: number } | null {
  const n = values.length;
  const ranks = averageRanks(values);
  const sums = new Map<number, { sum: number; count: number }>();
  for (let i = 0; i < n; i++) {
    const s = sums.get(groups[i]) ?? { sum: 0, count: 0 };
    s.sum += ranks[i];
    s.count++;
    sums.set(groups[i], s);
  }
  const g = sums.size;
  if (g < 2 || n <= g) return null;
  let h = 0;
  for (const { sum, count } of sums.values()) h += (sum * sum) / count;
  h = (12 / (n * (n + 1))) * h - 3 * (n + 1);
  const sorted = [...values].sort((a, b) => a - b);
  let ties = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    ties += t * t * t - t;
    i = j;
  }
  const correction = 1 - ties / (n * n * n - n);
  if (!(correction > 0)) return null;
  h /= correction;
  return { h, df: g - 1, pValue: chiSquareUpperP(h, g - 1) };
}
