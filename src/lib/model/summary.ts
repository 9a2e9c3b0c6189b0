import type { ColumnRole, Direction, MetricFamily, MetricSplit } from './role';
import type { DetectorId, Finding, Severity } from './finding';
import type { SourceInfo } from './source';
import type { CurveSummary } from './curve';

export const SUMMARY_VERSION = 1;

/** Issue rate of one hyperparameter bucket: a quantile range of numbers or one category value. */
export interface AssociationBucket {
  label: string;
  /** Numeric range [lo, hi] for quantile buckets. */
  lo?: number;
  hi?: number;
  trials: number;
  withIssue: number;
  rate: number;
  /** rate / baseRate: 2 means twice as common in this bucket as in the sweep. */
  lift: number;
  /**
   * One-sided Fisher exact test of this bucket against the rest of the sweep (is the issue more
   * common here?): the hypergeometric probability of at least `withIssue` issues in the bucket.
   */
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value over every (param, issue, bucket) test of the sweep. */
  qValue: number;
  runIds: string[];
}

/** How an issue (one detector, or any issue) is distributed over one hyperparameter. */
export interface Association {
  param: string;
  issue: DetectorId | 'any';
  kind: 'quantile' | 'category';
  buckets: AssociationBucket[];
  /** Overall issue rate, to read bucket rates against. */
  baseRate: number;
  /**
   * Bucket with the highest rate when it is clearly above the base rate and significant
   * (q ≤ AssociationTesting.fdr); in a sweep too small for any test to reach significance,
   * the clearly-above rule alone, with `hotBucketSignificant` false.
   */
  hotBucket: string | null;
  /** Whether the hot bucket passed the q-value threshold (false when there is none). */
  hotBucketSignificant: boolean;
}

/** How the association tests were run and corrected, for the report and the page. */
export interface AssociationTesting {
  /** "one-sided Fisher exact test, bucket vs rest; Benjamini–Hochberg over all tests" */
  method: string;
  /** Number of (param, issue, bucket) tests the correction is taken over. */
  tests: number;
  /** False discovery rate a hot bucket must pass (q ≤ fdr). */
  fdr: number;
  /**
   * Whether any single test could reach q ≤ fdr: false when even the most extreme outcome of
   * every bucket (all its trials affected) stays above fdr after the correction, i.e. the sweep
   * is too small to test; hot buckets then rest on the effect size alone and say so.
   */
  powered: boolean;
}

/** The metric the statistics (correlation, importance, best region) are about. */
export interface PrimaryMetric {
  column: string;
  direction: Direction;
  split: MetricSplit;
  family: MetricFamily;
}

/** Spearman rank correlation of one numeric hyperparameter with the primary metric. */
export interface ParamCorrelation {
  param: string;
  rho: number;
  /** Trials with both values finite (finished trials only). */
  n: number;
  /** Two-sided p-value of ρ = 0. */
  pValue: number;
  /** Exact permutation test (n ≤ 10) or Student's t approximation. */
  pMethod: 'exact' | 't';
}

export interface ParamImportance {
  param: string;
  /** Fraction of the variance of the metric's ranks explained by this hyperparameter alone. */
  importance: number;
}

export interface Importance {
  /** How importance was measured, in one sentence. */
  method: string;
  metric: string;
  /** Finished trials with a finite metric that the model was fitted on. */
  trials: number;
  /** Most important first; hyperparameters with a single value are left out. */
  params: ParamImportance[];
  /** Share of the variance explained only by interactions between hyperparameters. */
  interactions: number;
}

export type RegionConfidence = 'high' | 'medium' | 'low';

interface RegionParamBase {
  param: string;
  /**
   * Share of the ranked trials inside the best trials' range (range) or with their most common
   * value (values): the base rate the best trials are compared against.
   */
  share: number;
  /**
   * How often random trials would be as concentrated: for a range, P(k random trials span at
   * most `share` of the trials) = k·s^(k−1) − (k−1)·s^k; for values, the one-sided hypergeometric
   * p of the most common value times the number of values among the best.
   */
  pValue: number;
  /** high: p ≤ 0.01; medium: p ≤ 0.1; low: the best trials are as spread as random ones. */
  confidence: RegionConfidence;
}

export interface RegionRange extends RegionParamBase {
  kind: 'range';
  /** Range of the best trials. */
  lo: number;
  hi: number;
  /** Range searched by the whole sweep. */
  searchedLo: number;
  searchedHi: number;
  /** Where the best trials touch the searched range's boundary: extend the search there. */
  edge: 'low' | 'high' | 'both' | null;
  /** Positive and spanning at least two decades: sample it log-uniformly. */
  logScale: boolean;
}

export interface RegionValue {
  value: string;
  /** Best trials with this value. */
  best: number;
  /** Ranked trials with this value. */
  all: number;
}

export interface RegionValues extends RegionParamBase {
  kind: 'values';
  /** Distinct values among the ranked trials (what was searched). */
  searchedValues: number;
  /** Values among the best trials, most frequent first. */
  values: RegionValue[];
}

export type RegionParam = RegionRange | RegionValues;

/** Where the best trials are: the ranges and values to search next. */
export interface RecommendedRegion {
  metric: string;
  direction: Direction;
  /** Best trials the region is taken from (top 10%, at least 5). */
  topK: number;
  /** Trials ranked: finished, finite metric, no critical finding, metric not in doubt. */
  ranked: number;
  /**
   * Finished trials with a finite metric left out: a critical finding, or a warning that the
   * metric value itself cannot be trusted (too good to be true, duplicated, out of range).
   */
  excluded: number;
  /** The best trials, best first. */
  runIds: string[];
  /** Their metric values, parallel to runIds. */
  values: number[];
  /** Most important hyperparameter first when importance is known, otherwise most certain first. */
  params: RegionParam[];
}

export interface DetectorCount {
  detector: DetectorId;
  label: string;
  findings: number;
  runs: number;
}

export interface Overview {
  trials: number;
  healthy: number;
  withIssues: number;
  bySeverity: Record<Severity, number>;
  params: string[];
  metrics: string[];
}

/** Versioned and JSON-serialisable: the single source of every view and export. */
export interface AnalysisSummary {
  version: typeof SUMMARY_VERSION;
  source: SourceInfo;
  roles: ColumnRole[];
  overview: Overview;
  findings: Finding[];
  detectorCounts: DetectorCount[];
  associations: Association[];
  associationTesting: AssociationTesting;
  /** Null when no metric column was recognised. */
  primaryMetric: PrimaryMetric | null;
  /** Numeric hyperparameters with at least 3 trials and a non-constant value, in column order. */
  correlations: ParamCorrelation[];
  /** Null without a primary metric, hyperparameters, or enough finished trials. */
  importance: Importance | null;
  /** Null without a primary metric or enough ranked trials. */
  recommendedRegion: RecommendedRegion | null;
  /** What the sweep did not log and the next one should, as sentences. */
  logNextTime: string[];
  /** Problems with the data itself (missing roles, unreadable rows), as sentences. */
  dataQuality: string[];
  /** Training curves: runs, metrics and rankings; null when no logs were loaded. */
  curves: CurveSummary | null;
  /** Trial ids in row order. Empty in the page's copy above 20,000 trials (see analysis/view-summary.ts). */
  runIds: string[];
  /**
   * Set on the copy sent to the page when findings were capped per detector to keep the main
   * thread responsive: how many findings of each detector were left out. The JSON export has all.
   */
  findingsOmitted?: Partial<Record<DetectorId, number>>;
  /** Set when only the fast per-trial detectors ran; the full analysis is on its way. */
  firstPass?: boolean;
}
