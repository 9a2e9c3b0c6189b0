/**
 * Comparing 2–4 runs and ranking every run by one metric: plain JSON built in the worker
 * (analysis/compare) and shown by the Compare cell, so the page never recomputes a statistic.
 */
import type { Direction } from './role';

/**
 * Per-sample scores of one run on one metric (a tracker's `per_sample_results`: 1 = correct),
 * kept by the report readers so two runs can be compared example by example.
 */
export interface RunSamples {
  runId: string;
  /** The run-table metric these samples average to, e.g. `gsm8k/accuracy`. */
  metric: string;
  /** Sample ids (the record's `index`/`id`, else its position), parallel to `values`. */
  ids: string[];
  values: number[];
}

export type CompareTestKind = 'paired-bootstrap' | 'stderr-z' | 'two-proportion' | 'none';

export interface DiffInterval {
  low: number;
  high: number;
}

/** One run's metric against the best run's: difference, interval and p-value of the test used. */
export interface CompareTest {
  kind: CompareTestKind;
  /** How it was tested, or why no test was possible, in one sentence. */
  method: string;
  /** This run − the best run, in the metric's units. */
  difference: number;
  /** Two-sided p-value of "no difference"; null when no test was possible. */
  pValue: number | null;
  /** 95% interval of the difference; null when no test was possible. */
  interval: DiffInterval | null;
}

export interface CompareConfigRow {
  key: string;
  /** The value of each compared run as text (null: not set), parallel to `Comparison.runIds`. */
  values: (string | null)[];
}

export interface CompareMetricRow {
  metric: string;
  direction: Direction;
  values: (number | null)[];
  /** Indices of the best run (several when tied); empty when fewer than two runs have a value. */
  winners: number[];
  /** Each run against the first winner; null for the winner itself and runs without a value. */
  tests: (CompareTest | null)[];
}

export interface Comparison {
  runIds: string[];
  /** Asked-for runs the table does not have. */
  missing: string[];
  /** Runs beyond the fourth, left out. */
  dropped: string[];
  /** Only the configuration keys whose values differ between the runs. */
  config: CompareConfigRow[];
  /** Configuration keys equal across the runs, not shown. */
  hiddenConfig: number;
  metrics: CompareMetricRow[];
  /** Bootstrap resamples and seed, so a result can be reproduced. */
  resamples: number;
  seed: number;
}

export interface LeaderboardEntry {
  runId: string;
  rank: number;
  value: number;
  /** 95% interval of the value, from stderr, the sample count or per-sample results. */
  interval: DiffInterval | null;
  intervalFrom: 'stderr' | 'binomial' | 'samples' | null;
}

export interface MetricLeaderboard {
  metric: string;
  direction: Direction;
  entries: LeaderboardEntry[];
  /** Runs without a finite value of the metric. */
  unranked: string[];
}

export interface CompareRequest {
  /** Runs to compare (the first 4 are used); fewer than 2 gives no comparison. */
  runIds: string[];
  /** Metric of the leaderboard; absent: the primary metric. */
  metric?: string;
}

export interface CompareResult {
  comparison: Comparison | null;
  leaderboard: MetricLeaderboard | null;
  /** Metrics a leaderboard can rank, for the metric picker. */
  metrics: string[];
}
