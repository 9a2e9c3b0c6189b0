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
