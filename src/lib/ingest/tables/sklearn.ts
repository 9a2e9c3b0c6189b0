/**
 * scikit-learn's `cv_results_` as a pandas CSV: `param_*` per hyperparameter (empty where a
 * conditional parameter does not apply, kept missing), a `params` dict column, and per scorer
 * `mean_/std_/rank_test_<scorer>`, `split<k>_test_<scorer>` and optionally the `_train_` twins.
 */
import type { MetricFamily, Role } from '../../model';
import { paramHint, ROLE, type AdaptContext, type Plan, type PlannedColumn } from './plan';

/**
 * Every sklearn scorer is higher-is-better: losses and errors are negated (`neg_log_loss`,
 * `neg_mean_squared_error`), so the direction is `max` whatever the name says.
 */
function scorer(name: string, split: 'train' | 'val'): Role {
  const family: MetricFamily = /accuracy/.test(name)
    ? 'accuracy'
    : /log_loss|brier/.test(name)
      ? 'loss'
      : 'other';
  return { kind: 'metric', split, family, direction: 'max' };
}

export function planSklearnCv({ table }: AdaptContext): Plan {
  const columns = table.columns.map((column, i): PlannedColumn => {
    const name = column.name;
    const mean = /^mean_(test|train)_(.+)$/.exec(name);
    // The mean over folds is the result; the held-out folds are the validation split.
    if (mean) {
      return {
        column,
        hint: scorer(mean[2], mean[1] === 'test' ? 'val' : 'train'),
        section: 'outcome',
      };
    }
    if (name.startsWith('param_') && name.length > 6)
      return { column, rename: name.slice(6), hint: paramHint(column), section: 'config' };
    // `params` repeats the param_ columns as a dict; std, per-split scores, ranks and fit/score
    // timings are derived from or beside the mean and would double-count it.
    if (
      name === 'params' ||
      /^(std|rank)_(test|train)_/.test(name) ||
      /^split\d+_(test|train)_/.test(name) ||
      /^(mean|std)_(fit|score)_time$/.test(name) ||
      (i === 0 && (name === 'index' || name === 'Unnamed: 0'))
    )
      return { column, hint: ROLE.ignore, section: 'meta' };
    return { column, section: 'unknown' };
  });
  const scorers = table.columns.filter((c) => /^mean_test_/.test(c.name)).length;
  return {
    columns,
    notes: [
      `${scorers === 1 ? 'the mean test score is' : `${scorers} mean test scores are`} read as validation metrics, higher is better (scikit-learn negates losses: neg_*)`,
    ],
  };
}
