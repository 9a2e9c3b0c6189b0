/** What an evaluation or fine-tuning report JSON holds, as runs the app can put in a table. */
import type { CurveSet, ParseIssue, RoleOverrides, RunSamples } from '../../model';

export type ReportKind =
  | 'hf-results'
  | 'lm-eval'
  | 'training-report'
  | 'evaluation-comparison'
  | 'tracker-export'
  | 'json-lines'
  | 'generic'
  | 'invalid';

export type ReportParam = number | string | boolean;

export interface ReportRun {
  runId: string;
  /** Final (or only) value of every metric the report states, by column name. */
  metrics: Record<string, number>;
  params: Record<string, ReportParam>;
  /** What the report says that is no metric but matters to an audit (limits, sample counts). */
  notes: string[];
  /** Per-sample scores (a tracker's per_sample_results), for paired comparisons between runs. */
  samples?: RunSamples[];
}

export interface ReportResult {
  kind: ReportKind;
  /** E.g. "lm-evaluation-harness results (v0.4 schema)". */
  label: string;
  /** Why the file was read as `label`, shown as "read as <label> because <reason>". */
  reason: string;
  runs: ReportRun[];
  issues: ParseIssue[];
  /** Paths of values that were neither metrics nor parameters (shown, never silently dropped). */
  notUnderstood: string[];
  /**
   * Roles the format states for metric columns whose names alone read badly: lm-eval's
   * `exact_match` (higher is better, per `higher_is_better`) or `acc_stderr` (not a score).
   */
  roles: RoleOverrides;
  /** Per-epoch lists of a hand-made training report, as curves (step = epoch). */
  curves?: CurveSet;
}
