/** Each generated export is detected as its tool, renamed as the tool names things, and typed. */
import { describe, expect, it } from 'vitest';
import {
  generateMlflowSearchRunsCsv,
  generateMlflowUiCsv,
  generateOptunaCsv,
  generateOptunaDashboardCsv,
  generateRayProgressCsv,
  generateRayTuneCsv,
  generateSklearnCvCsv,
  generateWandbCsv,
} from '../../../../src/lib/fixtures/exports';
import { cellText, findColumn } from '../../../../src/lib/model';
import { adaptText } from './helpers';

const SEEDS = [1, 2, 3];

describe.each(SEEDS)('generated exports, seed %i', (seed) => {
  it('are deterministic', () => {
    expect(generateOptunaCsv(seed)).toBe(generateOptunaCsv(seed));
    expect(generateSklearnCvCsv(seed)).toBe(generateSklearnCvCsv(seed));
  });

  it('Optuna trials_dataframe()', async () => {
    const a = await adaptText(generateOptunaCsv(seed), 'trials.csv');
    const format = a.dataset.source.tableFormat!;
    expect(format.id).toBe('optuna');
    expect(format.renamed).toEqual({
      params_dropout: 'dropout',
      params_lr: 'lr',
      params_momentum: 'momentum',
      params_optimizer: 'optimizer',
    });
    for (const p of ['dropout', 'lr', 'momentum', 'optimizer'])
      expect(a.role(p)).toEqual({ kind: 'param' });
    expect(a.role('value')).toMatchObject({ kind: 'metric', direction: 'min' });
    expect(a.role('user_attrs_val_accuracy')).toMatchObject({ kind: 'metric', direction: 'max' });
    expect(a.role('number')).toEqual({ kind: 'id' });
    expect(a.role('state')).toEqual({ kind: 'status' });
    expect(a.role('index')).toEqual({ kind: 'ignore' });
    expect(a.role('datetime_start')).toEqual({ kind: 'time' });
    expect(a.role('duration')).toEqual({ kind: 'budget', unit: 'runtime' });
    expect(format.folded).toEqual(['system_attrs_fixed_params']);
    // momentum is only sampled for sgd: adam rows stay missing.
    expect(cellText(findColumn(a.dataset.table, 'momentum')!, 0)).toBe('');
  });

  it('Optuna Dashboard CSV', async () => {
    const a = await adaptText(generateOptunaDashboardCsv(seed), 'study.csv');
    expect(a.dataset.source.tableFormat?.id).toBe('optuna-dashboard');
    expect(a.role('lr')).toEqual({ kind: 'param' });
    expect(a.role('n_layers')).toEqual({ kind: 'param' });
    expect(a.role('Value')).toMatchObject({ kind: 'metric' });
    expect(a.role('Number')).toEqual({ kind: 'id' });
    expect(a.role('State')).toEqual({ kind: 'status' });
    expect(a.dataset.source.tableFormat?.renamed['UserAttribute note']).toBe('user_attrs_note');
  });

  it('W&B runs table', async () => {
    const a = await adaptText(generateWandbCsv(seed), 'wandb_export_2025.csv');
    const format = a.dataset.source.tableFormat!;
    expect(format.id).toBe('wandb');
    expect(format.renamed).toEqual({});
    expect(a.role('Name')).toEqual({ kind: 'id' });
    expect(a.role('State')).toEqual({ kind: 'status' });
    expect(a.role('Created')).toEqual({ kind: 'time' });
    expect(a.role('Runtime')).toEqual({ kind: 'budget', unit: 'runtime' });
    for (const c of ['Notes', 'User', 'Tags', 'Sweep'])
      expect(a.role(c)).toEqual({ kind: 'ignore' });
    expect(a.role('learning_rate')).toEqual({ kind: 'param' });
    expect(a.role('val_accuracy')).toMatchObject({ kind: 'metric', split: 'val' });
    expect(a.role('val_loss')).toMatchObject({ kind: 'metric', direction: 'min' });
    expect(format.folded).toContain('project_dir');
    // A NaN summary value is kept as NaN, not missing.
    const loss = findColumn(a.dataset.table, 'train_loss')!;
    expect(loss.kind).toBe('number');
  });

  it('MLflow UI export', async () => {
    const a = await adaptText(generateMlflowUiCsv(seed), 'runs.csv');
    const format = a.dataset.source.tableFormat!;
    expect(format.id).toBe('mlflow-ui');
    expect(a.role('learning_rate')).toEqual({ kind: 'param' });
    expect(a.role('eval_loss')).toMatchObject({ kind: 'metric', split: 'val' });
    expect(a.role('Status')).toEqual({ kind: 'status' });
    expect(a.role('Name')).toEqual({ kind: 'id' });
    expect(a.role('Run ID')).toEqual({ kind: 'ignore' });
    expect(a.role('estimator_name')).toEqual({ kind: 'ignore' });
    // The injection guard is undone and the columns are numbers again.
    const r2 = findColumn(a.dataset.table, 'r2')!;
    const maxSteps = findColumn(a.dataset.table, 'max_steps')!;
    expect([r2.kind, maxSteps.kind]).toEqual(['number', 'number']);
    expect(cellText(maxSteps, 0)).toBe('-1');
    expect(format.folded).toEqual(expect.arrayContaining(['max_steps', 'seed', 'User']));
    const duration = findColumn(a.dataset.table, 'Duration')!;
    expect(duration.kind).toBe('number');
  });

  it('MLflow search_runs() frame', async () => {
    const a = await adaptText(generateMlflowSearchRunsCsv(seed), 'runs.csv');
    const format = a.dataset.source.tableFormat!;
    expect(format.id).toBe('mlflow-search-runs');
    expect(format.renamed).toEqual({
      'params.max_depth': 'max_depth',
      'params.n_estimators': 'n_estimators',
      'params.criterion': 'criterion',
    });
    expect(a.role('max_depth')).toEqual({ kind: 'param' });
    expect(a.role('metrics.val_rmse')).toMatchObject({ kind: 'metric', direction: 'min' });
    expect(a.role('metrics.training_score')).toMatchObject({ kind: 'metric', split: 'train' });
    expect(a.role('run_id')).toEqual({ kind: 'ignore' });
    expect(a.role('tags.mlflow.runName')).toEqual({ kind: 'id' });
    expect(a.role('start_time')).toEqual({ kind: 'time' });
    expect(format.folded).toContain('criterion');
  });

  it('Ray Tune results frame', async () => {
    const a = await adaptText(generateRayTuneCsv(seed), 'results.csv');
    const format = a.dataset.source.tableFormat!;
    expect(format.id).toBe('ray-tune');
    expect(format.renamed).toEqual({
      'config/lr': 'lr',
      'config/batch_size': 'batch_size',
      'config/model/depth': 'model/depth',
    });
    expect(a.role('model/depth')).toEqual({ kind: 'param' });
    expect(a.role('trial_id')).toEqual({ kind: 'id' });
    expect(a.role('training_iteration')).toEqual({ kind: 'budget', unit: 'steps' });
    expect(a.role('time_total_s')).toEqual({ kind: 'budget', unit: 'runtime' });
    expect(a.role('timestamp')).toEqual({ kind: 'time' });
    expect(a.role('loss')).toMatchObject({ kind: 'metric', family: 'loss' });
    for (const c of ['logdir', 'done', 'pid', 'hostname', 'index'])
      expect(a.role(c)).toEqual({ kind: 'ignore' });
  });

  it('Ray Tune progress.csv says it is per iteration', async () => {
    const a = await adaptText(generateRayProgressCsv(seed), 'train_fn_00003/progress.csv');
    const format = a.dataset.source.tableFormat!;
    expect(format.id).toBe('ray-progress');
    expect(format.reason).toMatch(/one reported iteration/);
    expect(a.role('trial_id')).toEqual({ kind: 'ignore' });
    expect(a.role('training_iteration')).toEqual({ kind: 'budget', unit: 'steps' });
    expect(a.role('loss')).toMatchObject({ kind: 'metric' });
  });

  it('scikit-learn cv_results_, two scorers', async () => {
    const a = await adaptText(generateSklearnCvCsv(seed), 'cv_results.csv');
    const format = a.dataset.source.tableFormat!;
    expect(format.id).toBe('sklearn-cv');
    expect(format.renamed).toEqual({ param_C: 'C', param_gamma: 'gamma', param_kernel: 'kernel' });
    expect(a.columnsWith('metric')).toEqual(['mean_test_accuracy', 'mean_test_neg_log_loss']);
    expect(a.role('mean_test_accuracy')).toEqual({
      kind: 'metric',
      split: 'val',
      family: 'accuracy',
      direction: 'max',
    });
    // A negated loss: higher is better, unlike what its name alone suggests.
    expect(a.role('mean_test_neg_log_loss')).toMatchObject({ family: 'loss', direction: 'max' });
    expect(a.columnsWith('param').sort()).toEqual(['C', 'gamma', 'kernel']);
    // Linear rows have no gamma: missing, not a label.
    expect(cellText(findColumn(a.dataset.table, 'gamma')!, 0)).toBe('');
  });
});
