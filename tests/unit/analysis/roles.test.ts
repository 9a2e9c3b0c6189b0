import { describe, expect, it } from 'vitest';
import { inferRoles } from '../../../src/lib/analysis';
import type { Role } from '../../../src/lib/model';
import { seedSampleTable, tableFromColumns, type Cell } from './table-helper';

const varying = (k = 1): Cell[] => [1, 2, 3, 4, 5, 6].map((v) => v * k);

function roleOf(name: string, cells: Cell[] = varying(0.1)): Role {
  const table = tableFromColumns({ [name]: cells });
  return inferRoles(table, {})[0].role;
}

const metric = (split: string, family: string, direction: string) => ({
  kind: 'metric',
  split,
  family,
  direction,
});

describe('inferRoles on the seed schema', () => {
  it('assigns id, status, params, metrics and budgets', () => {
    const roles = inferRoles(seedSampleTable(), {});
    const byName = Object.fromEntries(roles.map((r) => [r.column, r.role]));
    expect(byName).toEqual({
      trial_id: { kind: 'id' },
      status: { kind: 'status' },
      lr: { kind: 'param' },
      batch_size: { kind: 'param' },
      weight_decay: { kind: 'param' },
      train_loss: metric('train', 'loss', 'min'),
      val_loss: metric('val', 'loss', 'min'),
      train_acc: metric('train', 'accuracy', 'max'),
      val_acc: metric('val', 'accuracy', 'max'),
      epochs: { kind: 'budget', unit: 'epochs' },
      runtime_sec: { kind: 'budget', unit: 'runtime' },
    });
    for (const r of roles) {
      expect(r.overridden).toBe(false);
      expect(r.reason).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('inferRoles on common name variations', () => {
  it.each([
    ['learning_rate', { kind: 'param' }],
    ['val/loss', metric('val', 'loss', 'min')],
    ['train/loss', metric('train', 'loss', 'min')],
    ['eval_loss', metric('val', 'loss', 'min')],
    ['valid_acc', metric('val', 'accuracy', 'max')],
    ['validation_accuracy', metric('val', 'accuracy', 'max')],
    ['test_acc', metric('test', 'accuracy', 'max')],
    ['quant_test_acc', metric('test', 'accuracy', 'max')],
    ['f1', metric('other', 'other', 'max')],
    ['macro_f1', metric('other', 'other', 'max')],
    ['auc', metric('other', 'other', 'max')],
    ['rmse', metric('other', 'other', 'min')],
    ['mae', metric('other', 'other', 'min')],
    ['perplexity', metric('other', 'other', 'min')],
    ['mean_test_score', metric('test', 'other', 'max')],
    ['metrics.val_loss', metric('val', 'loss', 'min')],
    ['metrics.training_log_loss', metric('train', 'loss', 'min')],
    ['valLoss', metric('val', 'loss', 'min')],
    ['trainAccuracy', metric('train', 'accuracy', 'max')],
    ['val-loss', metric('val', 'loss', 'min')],
    ['val.acc', metric('val', 'accuracy', 'max')],
    ['duration', { kind: 'budget', unit: 'runtime' }],
    ['n_epochs', { kind: 'budget', unit: 'epochs' }],
    ['num_epochs', { kind: 'budget', unit: 'epochs' }],
    ['epoch', { kind: 'budget', unit: 'epochs' }],
    ['steps', { kind: 'budget', unit: 'steps' }],
    ['global_step', { kind: 'budget', unit: 'steps' }],
    ['time_total_s', { kind: 'budget', unit: 'runtime' }],
    ['params.lr', { kind: 'param' }],
    ['params_lr', { kind: 'param' }],
    ['param_C', { kind: 'param' }],
    ['config/lr', { kind: 'param' }],
    ['dropout', { kind: 'param' }],
    ['num_return_sequences', { kind: 'param' }],
    ['loss_weight', { kind: 'param' }],
    ['per_device_train_batch_size', { kind: 'param' }],
  ])('%s', (name, expected) => {
    expect(roleOf(name)).toEqual(expected);
  });

  it('reads an Optuna "value" as a metric minimised by assumption, and says so', () => {
    const [role] = inferRoles(tableFromColumns({ value: varying() }), {});
    expect(role.role).toEqual(metric('other', 'other', 'min'));
    expect(role.reason).toMatch(/assumed/);
  });

  it('never makes a metric-named column a hyperparameter', () => {
    const names = ['loss', 'accuracy', 'val_f1', 'test_rmse', 'train/perplexity', 'eval_auc'];
    for (const name of names) expect(roleOf(name).kind).toBe('metric');
  });

  it('recognises status columns of several tools', () => {
    for (const name of ['status', 'state', 'State', 'Status', 'run_state']) {
      expect(roleOf(name, ['completed', 'failed', 'completed', 'pruned', 'ok', 'ok']).kind).toBe(
        'status',
      );
    }
  });

  it('ignores sklearn timings and ranks, and tool bookkeeping', () => {
    for (const name of [
      'mean_fit_time',
      'std_score_time',
      'rank_test_score',
      'hostname',
      'data_dir',
      'tags.mlflow.user',
    ]) {
      expect(roleOf(name).kind, name).toBe('ignore');
    }
  });
});

describe('inferRoles from values', () => {
  it('chooses one id among id-like columns, by name strength', () => {
    const table = tableFromColumns(
      { Name: ['a', 'b', 'c'], run_id: ['x1', 'x2', 'x3'], loss: [1, 2, 3] },
      ['Name', 'run_id'],
    );
    const roles = inferRoles(table, {});
    expect(roles.map((r) => r.role.kind)).toEqual(['ignore', 'id', 'metric']);
    expect(roles[0].reason).toMatch(/another column is the run id/);
  });

  it('uses Optuna "number" and W&B "Name" as ids', () => {
    expect(roleOf('number', [0, 1, 2, 3, 4, 5])).toEqual({ kind: 'id' });
    const table = tableFromColumns({ Name: ['a', 'b', 'c'] }, ['Name']);
    expect(inferRoles(table, {})[0].role).toEqual({ kind: 'id' });
  });

  it('does not make an id of repeating values', () => {
    const role = inferRoles(tableFromColumns({ trial_id: [1, 1, 2, 2] }), {})[0];
    expect(role.role.kind).toBe('ignore');
    expect(role.reason).toMatch(/repeat/);
  });

  it('ignores free text that is not named like an id', () => {
    const table = tableFromColumns({ comment: ['a b', 'c d', 'e f'] }, ['comment']);
    const [r] = inferRoles(table, {});
    expect(r.role.kind).toBe('ignore');
    expect(r.reason).toMatch(/Free text/);
  });

  it('makes a category with few values a hyperparameter', () => {
    expect(roleOf('optimizer', ['adam', 'sgd', 'adam', 'sgd', 'adam', 'adamw'])).toEqual({
      kind: 'param',
    });
  });

  it('ignores constant columns and says why', () => {
    const [r] = inferRoles(tableFromColumns({ momentum: [0.9, 0.9, 0.9] }), {});
    expect(r.role.kind).toBe('ignore');
    expect(r.reason).toMatch(/^Constant \(0\.9 in every row\)/);
  });

  it('ignores empty columns', () => {
    const [r] = inferRoles(tableFromColumns({ lr: [null, null] }), {});
    expect(r.role.kind).toBe('ignore');
  });

  it('gives time columns the time role', () => {
    const table = tableFromColumns({ lr: [1, 2] });
    table.columns.push({
      kind: 'time',
      name: 'started',
      values: Float64Array.from([0, 1000]),
      format: 'epoch-ms',
    });
    expect(inferRoles(table, {})[1].role).toEqual({ kind: 'time' });
    expect(roleOf('timestamp', [1735058187, 1735058188])).toEqual({ kind: 'time' });
  });

  it('lets overrides win and marks them', () => {
    const table = seedSampleTable();
    const roles = inferRoles(table, {
      runtime_sec: { kind: 'param' },
      lr: { kind: 'id' },
    });
    const runtime = roles.find((r) => r.column === 'runtime_sec');
    expect(runtime).toEqual({
      column: 'runtime_sec',
      role: { kind: 'param' },
      reason: 'Set by you.',
      overridden: true,
    });
    // The user's id replaces the inferred one.
    expect(roles.filter((r) => r.role.kind === 'id').map((r) => r.column)).toEqual(['lr']);
  });
});

describe('inferRoles with column names that are Object.prototype keys', () => {
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const table = () => tableFromColumns(Object.fromEntries(names.map((n) => [n, varying(0.1)])));

  it('infers them: nothing is inherited from the overrides or hints objects', () => {
    const roles = inferRoles(table(), {}, { roles: {}, statedBy: 'test' });
    expect(roles.map((r) => [r.column, r.role, r.overridden])).toEqual(
      names.map((n) => [n, { kind: 'param' }, false]),
    );
  });

  it('still honours an own override or hint under such a name', () => {
    const overrides: Record<string, Role> = Object.fromEntries([['__proto__', { kind: 'ignore' }]]);
    const hints: Record<string, Role> = Object.fromEntries([
      ['constructor', { kind: 'budget', unit: 'epochs' }],
    ]);
    const roles = inferRoles(table(), overrides, { roles: hints, statedBy: 'test' });
    expect(roles[0]).toMatchObject({ role: { kind: 'ignore' }, overridden: true });
    expect(roles[1]).toMatchObject({ role: { kind: 'budget', unit: 'epochs' }, overridden: false });
    expect(roles[2]).toMatchObject({ role: { kind: 'param' }, overridden: false });
  });
});
