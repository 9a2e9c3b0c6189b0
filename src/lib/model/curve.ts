/** Training curves: one series per (run, metric), as typed arrays. */

export interface Curve {
  runId: string;
  /** The logged tag or column, e.g. "train/loss", "eval_loss". */
  metric: string;
  steps: Float64Array;
  values: Float64Array;
  /** Seconds since the epoch, when the log records it. */
  wallTimes: Float64Array | null;
}

/** What we know about a run besides its curves. */
export interface CurveRun {
  runId: string;
  /** File (or folder path) the run was read from. */
  source: string;
  /** Hyperparameters from folder names or config files beside the logs. */
  params: Record<string, number | string | boolean>;
  /** Planned budget, when the log states it (e.g. trainer_state.json max_steps). */
  plannedSteps: number | null;
  plannedEpochs: number | null;
  /** Notes from the reader, e.g. "log_history holds only the final summary". */
  notes: string[];
}

export interface CurveSet {
  runs: CurveRun[];
  curves: Curve[];
}

/** Which way is better for a metric's ranking. */
export type RankDirection = 'min' | 'max';

/** One run's place in the ranking of one metric, with every component shown. */
export interface RankedRun {
  runId: string;
  /** Mean of the smoothed tail. */
  finalValue: number;
  /** First step within the convergence tolerance of the final value. */
  convergenceStep: number;
  /** Std of the residuals around the smoothed curve, relative to the curve's median |value|. */
  stability: number;
  spikes: number;
  /** Mean of the component ranks (1 = best); lower is better. */
  score: number;
  rank: number;
  componentRanks: { finalValue: number; convergence: number; stability: number };
  /**
   * Step from which the curve stays NaN/Inf to its end (null: it ends finite). Such a run ranks
   * after every run that ended finite, whatever its score before it broke.
   */
  brokenFromStep: number | null;
  explanation: string;
}

export interface MetricRanking {
  metric: string;
  direction: RankDirection;
  /** How the composite is built, in one or two sentences (for the Leaderboard and the report). */
  method: string;
  /** Best first. */
  runs: RankedRun[];
}

/** Kind of a logged series, for grouping and default choices in the Curves cell. */
export type CurveMetricKind =
  'train-loss' | 'eval-loss' | 'eval-score' | 'grad-norm' | 'learning-rate' | 'other';

export interface CurveMetricInfo {
  metric: string;
  kind: CurveMetricKind;
  direction: RankDirection;
  /** Runs that logged it. */
  runs: number;
  /** Finite points over all runs. */
  points: number;
}

export interface CurveRunInfo {
  runId: string;
  source: string;
  params: Record<string, number | string | boolean>;
  /** Largest logged step over every metric (null when none). */
  lastStep: number | null;
  plannedSteps: number | null;
  points: number;
  /** Row of the run table (-1 when the run is not in the table). */
  row: number;
  notes: string[];
}

/** What the analysis knows about the loaded curves: the page and the report read only this. */
export interface CurveSummary {
  runs: CurveRunInfo[];
  metrics: CurveMetricInfo[];
  /** The metric the Curves and Leaderboard cells open on (a held-out loss when there is one). */
  defaultMetric: string | null;
  /** One ranking per rankable metric (losses and eval scores), the default metric first. */
  rankings: MetricRanking[];
  totalPoints: number;
}
