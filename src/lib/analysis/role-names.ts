/**
 * Name vocabularies behind role inference. Each matcher looks at the tokens of a column name
 * (see names.ts) and never at its values; roles.ts combines them with what the values look like.
 */
import type { BudgetUnit, Direction, MetricFamily, MetricSplit } from '../model';
import { TEST_WORDS, TRAIN_WORDS, VAL_WORDS, type ParsedName } from './names';

export interface MetricGuess {
  split: MetricSplit;
  family: MetricFamily;
  direction: Direction;
  reason: string;
}

const LOSS_WORDS = new Set(['loss', 'nll', 'logloss', 'xent', 'crossentropy']);
const ACCURACY_WORDS = new Set(['acc', 'accuracy', 'top1', 'top5']);
// Lower is better: errors, distances, perplexity, resource use.
const MIN_WORDS = new Set(
  'mse rmse mae mape smape msle rmsle perplexity ppl error err wer cer fid brier regret latency mem memory mb gb kb'.split(
    ' ',
  ),
);
// Higher is better: scores and rewards.
const MAX_WORDS = new Set(
  'f1 fscore fbeta precision recall auc auroc roc ap map score r2 bleu rouge rouge1 rouge2 rougel iou miou dice mcc kappa reward return ndcg mrr spearman pearson sharpe throughput meteor jaccard specificity sensitivity'.split(
    ' ',
  ),
);
// A metric word next to one of these names a setting of the metric (`loss_weight`, `loss_type`).
const SETTING_WORDS = new Set(
  'weight weights scale scaling type fn function coef coeff coefficient lambda threshold smoothing patience delta clip margin'.split(
    ' ',
  ),
);

function splitOf(tokens: readonly string[]): MetricSplit {
  for (const t of tokens) {
    if (TRAIN_WORDS.has(t)) return 'train';
    if (VAL_WORDS.has(t)) return 'val';
    if (TEST_WORDS.has(t)) return 'test';
  }
  return 'other';
}

/** Metric reading of a name, or null when nothing in it names a measured quantity. */
export function guessMetric(name: ParsedName): MetricGuess | null {
  const { tokens } = name;
  const split = splitOf(tokens);
  const joined = tokens.join('_');
  if (/^(value|values_\d+|objective)$/.test(joined)) {
    return {
      split,
      family: 'other',
      direction: 'min',
      reason:
        'the objective value of an Optuna-style study; its direction is not in the file, so lower is assumed better',
    };
  }
  // `num_return_sequences`, `n_eval_samples`: counts are settings, whatever they count.
  if (tokens.some((t) => SETTING_WORDS.has(t)) || tokens[0] === 'num' || tokens[0] === 'n') {
    return null;
  }
  const has = (words: Set<string>) => tokens.some((t) => words.has(t));
  const crossEntropy = joined.includes('cross_entropy');
  if (has(LOSS_WORDS) || crossEntropy || joined.includes('log_loss')) {
    return { split, family: 'loss', direction: 'min', reason: 'named like a loss' };
  }
  if (has(ACCURACY_WORDS)) {
    return { split, family: 'accuracy', direction: 'max', reason: 'named like an accuracy' };
  }
  if (tokens[0] === 'std') {
    return { split, family: 'other', direction: 'min', reason: 'the spread of a metric' };
  }
  if (has(MIN_WORDS)) {
    return { split, family: 'other', direction: 'min', reason: 'named like an error or cost' };
  }
  if (has(MAX_WORDS)) {
    return { split, family: 'other', direction: 'max', reason: 'named like a score' };
  }
  if (name.prefix === 'metric') {
    return {
      split,
      family: 'other',
      direction: 'min',
      reason: 'logged under a metrics prefix; its direction is unknown, so lower is assumed better',
    };
  }
  return null;
}

const BUDGET_QUALIFIERS = new Set(
  'n num number total max global train training trained completed'.split(' '),
);
const TIME_UNITS = new Set(
  's sec secs second seconds ms min mins minute minutes h hr hrs hour hours'.split(' '),
);
const EPOCH_WORDS = new Set(['epoch', 'epochs']);
const STEP_WORDS = new Set(
  'step steps iteration iterations iter iters updates timesteps'.split(' '),
);
const RUNTIME_WORDS = new Set(['runtime', 'duration', 'elapsed', 'walltime', 'wallclock']);

/** Budget unit for names like `epochs`, `n_epochs`, `global_step`, `runtime_sec`, `duration`. */
export function guessBudget(name: ParsedName): BudgetUnit | null {
  const core = name.tokens.filter((t) => !BUDGET_QUALIFIERS.has(t) && !TIME_UNITS.has(t));
  const qualified = core.length < name.tokens.length;
  if (core.length === 1) {
    const [word] = core;
    if (EPOCH_WORDS.has(word)) return 'epochs';
    if (STEP_WORDS.has(word)) return 'steps';
    if (RUNTIME_WORDS.has(word)) return 'runtime';
    // Bare `time` is usually a timestamp; `time_total_s` or `time_sec` is a duration.
    if (word === 'time' && qualified) return 'runtime';
  }
  const joined = core.join('_');
  if (joined === 'elapsed_time' || joined === 'wall_time' || joined === 'wall_clock') {
    return 'runtime';
  }
  return null;
}

const RUN_WORDS = new Set(['run', 'trial', 'job']);

export function isStatusName(name: ParsedName): boolean {
  const core = name.tokens.filter((t) => !RUN_WORDS.has(t));
  return core.length === 1 && (core[0] === 'status' || core[0] === 'state');
}

/**
 * How strongly a name says "this identifies the run": 0 for `trial_id`/`run_id`/`id`,
 * 1 for Optuna's `number`, 2 for `name`/`run_name`, 3 for a pandas index; null otherwise.
 */
export function idPriority(name: ParsedName): number | null {
  if (name.prefix !== null && name.prefix !== 'tag') return null;
  const t = name.tokens;
  const last = t[t.length - 1];
  if (t.length === 0) return 3;
  if (last === 'id' || last === 'uuid' || last === 'uid' || last === 'runid') return 0;
  const core = t.filter((w) => !RUN_WORDS.has(w) && w !== 'wandb' && w !== 'mlflow');
  if (core.length === 0) return 0;
  if (core.length === 1 && (core[0] === 'number' || core[0] === 'index') && t.length > 1) return 0;
  if (t.length === 1 && t[0] === 'number') return 1;
  if (core.length === 1 && (core[0] === 'name' || core[0] === 'runname')) return 2;
  if (t.join('_') === 'unnamed_0' || (t.length === 1 && t[0] === 'index')) return 3;
  return null;
}

const TIME_WORDS = new Set(
  'time timestamp date datetime created updated heartbeat start started end ended complete completed finish finished stop stopped at utc'.split(
    ' ',
  ),
);
const TIME_ANCHORS = new Set(['time', 'timestamp', 'date', 'datetime', 'created', 'updated']);

export function isTimeName(name: ParsedName): boolean {
  const t = name.tokens;
  return t.length > 0 && t.every((w) => TIME_WORDS.has(w)) && t.some((w) => TIME_ANCHORS.has(w));
}

/** scikit-learn's `mean_fit_time`, `std_score_time`: measured cost, not a setting or budget. */
export function isSklearnTiming(name: ParsedName): boolean {
  const j = name.tokens.join('_');
  return /(^|_)(fit|score)_time$/.test(j);
}

export function isRankName(name: ParsedName): boolean {
  return name.tokens[0] === 'rank';
}

// Any of these words marks bookkeeping; a name merely ending in one of LAST_WORDS does too
// (`data_dir`, `wandb_project`), which keeps `per_device_train_batch_size` a hyperparameter.
const METADATA_WORDS = new Set(
  'user notes note tags tag hostname host ip pid sweep commit git uri url artifact artifacts logdir entity source experiment system attrs'.split(
    ' ',
  ),
);
const METADATA_LAST_WORDS = new Set([
  'dir',
  'path',
  'project',
  'device',
  'node',
  'checkpoint',
  'done',
]);

/** Bookkeeping columns of tracking tools (hosts, paths, users, tags): never hyperparameters. */
export function isMetadataName(name: ParsedName): boolean {
  const t = name.tokens;
  return (
    name.prefix === 'tag' ||
    t.some((w) => METADATA_WORDS.has(w)) ||
    (t.length > 0 && METADATA_LAST_WORDS.has(t[t.length - 1]))
  );
}
