/**
 * Run status vocabularies of common tools (Optuna, W&B, MLflow, Ray Tune, Slurm-style
 * schedulers), reduced to what the analysis needs to know about a run.
 */

/**
 * - `failed`: the run broke (crash, error, kill, timeout, out of memory).
 * - `stopped`: not finished, but not a failure either (pruned, running, queued, cancelled).
 * - `healthy`: finished normally.
 * - `unknown`: a label no vocabulary here knows; treated like healthy and reported as data quality.
 */
export type StatusClass = 'failed' | 'stopped' | 'healthy' | 'unknown';

const FAILED = new Set(
  'failed fail failure crashed crash killed kill error errored timeout timedout timed_out oom out_of_memory outofmemory aborted broken node_fail'.split(
    ' ',
  ),
);
const STOPPED = new Set(
  'pruned running waiting queued pending scheduled paused preempted preempting cancelled canceled stopped early_stopped interrupted'.split(
    ' ',
  ),
);
// Ray Tune's TERMINATED means "finished normally", unlike a scheduler's kill.
const HEALTHY = new Set(
  'finished completed complete success succeeded successful ok done terminated true'.split(' '),
);

/** Lowercase, drop an enum prefix such as Optuna's `TrialState.`, unify separators. */
export function normalizeStatus(label: string): string {
  const trimmed = label.trim().toLowerCase();
  const last = trimmed.slice(trimmed.lastIndexOf('.') + 1);
  return last.replace(/[\s-]+/g, '_');
}

export function classifyStatus(label: string): StatusClass {
  const s = normalizeStatus(label);
  if (FAILED.has(s)) return 'failed';
  if (STOPPED.has(s)) return 'stopped';
  if (HEALTHY.has(s)) return 'healthy';
  return 'unknown';
}

export type FailureKind = 'oom' | 'timeout' | 'killed' | 'crash';

/** Which kind of failure a failed label names, to tailor the advice. */
export function failureKind(label: string): FailureKind {
  const s = normalizeStatus(label);
  if (s === 'oom' || s.includes('memory')) return 'oom';
  if (s.startsWith('time')) return 'timeout';
  if (s.startsWith('kill') || s === 'aborted') return 'killed';
  return 'crash';
}
