/** Detection from headers alone, the user's override, renames, folding and spreadsheet mangling. */
import { describe, expect, it } from 'vitest';
import { classifyStatus } from '../../../../src/lib/analysis/status';
import { generateOptunaCsv } from '../../../../src/lib/fixtures/exports';
import {
  adaptTable,
  adaptTableAs,
  detectTableFormat,
  parseDuration,
} from '../../../../src/lib/ingest/tables';
import { cellText, findColumn } from '../../../../src/lib/model';
import { readText } from '../helpers';
import { adaptText, withRoles } from './helpers';

describe('detectTableFormat', () => {
  const cases: [string[], string, string][] = [
    [['number', 'value', 'params_lr', 'state'], 'x.csv', 'optuna'],
    [['', 'number', 'values_0', 'values_1', 'params_lr'], 'x.csv', 'optuna'],
    [['Number', 'State', 'Objective 0', 'Param lr'], 'x.csv', 'optuna-dashboard'],
    [['Number', 'State', 'accuracy', 'Param lr'], 'x.csv', 'optuna-dashboard'],
    [['Start Time', 'Duration', 'Run ID', 'Name', 'Status', 'lr'], 'x.csv', 'mlflow-ui'],
    [
      ['run_id', 'experiment_id', 'status', 'params.lr', 'metrics.loss'],
      'x.csv',
      'mlflow-search-runs',
    ],
    [['Name', 'State', 'Notes', 'Created', 'Runtime', 'lr', 'loss'], 'x.csv', 'wandb'],
    [['trial_id', 'loss', 'config/lr', 'logdir'], 'x.csv', 'ray-tune'],
    [
      ['trial_id', 'loss', 'training_iteration', 'time_total_s', 'time_this_iter_s'],
      'a/progress.csv',
      'ray-progress',
    ],
    [
      ['trial_id', 'loss', 'training_iteration', 'time_this_iter_s', 'done'],
      'x.csv',
      'ray-progress',
    ],
    [['param_C', 'params', 'mean_test_f1', 'rank_test_f1'], 'x.csv', 'sklearn-cv'],
    [['trial_id', 'status', 'lr', 'val_loss'], 'x.csv', 'generic'],
    // `state` and `number` alone are not enough for Optuna.
    [['number', 'state', 'lr'], 'x.csv', 'generic'],
  ];
  it.each(cases)('%j in %s is %s', (names, file, id) => {
    expect(detectTableFormat(names, file).id).toBe(id);
  });

  it('says which columns it relied on', () => {
    const d = detectTableFormat(['number', 'value', 'params_lr', 'state'], 'x.csv');
    expect(d.reason).toContain('`params_*`');
    expect(d.label).toMatch(/Optuna/);
  });
});

describe('adaptTableAs', () => {
  it('applies the format the user chose and says so', async () => {
    const raw = await readText('trial,lr,params_lr,loss\n1,0.1,0.2,0.5\n2,0.3,0.4,0.6\n');
    expect(adaptTable(raw).source.tableFormat?.id).toBe('generic');
    const chosen = adaptTableAs(raw, 'optuna');
    expect(chosen.source.tableFormat?.id).toBe('optuna');
    expect(chosen.source.tableFormat?.reason).toMatch(/you chose it/);
    // `lr` exists, so `params_lr` keeps its name rather than clash.
    expect(chosen.source.tableFormat?.renamed).toEqual({});
    expect(chosen.roleHints?.params_lr).toEqual({ kind: 'param' });
    // The input dataset is untouched.
    expect(raw.source.tableFormat).toBeUndefined();
    expect(raw.table.columns.map((c) => c.name)).toEqual(['trial', 'lr', 'params_lr', 'loss']);
  });

  it('shares typed arrays with the raw table', async () => {
    const raw = await readText('number,value,params_lr,state\n0,1,0.1,COMPLETE\n1,2,0.2,PRUNED\n');
    const adapted = adaptTable(raw);
    const before = raw.table.columns[2];
    const after = findColumn(adapted.table, 'lr');
    expect(
      before.kind === 'number' && after?.kind === 'number' && after.values === before.values,
    ).toBe(true);
  });
});

describe('folding', () => {
  it('folds constant settings but never a constant metric or status', async () => {
    const text =
      'number,value,params_seed,params_lr,state\n0,0.1,42,0.1,COMPLETE\n1,0.1,42,0.2,COMPLETE\n';
    const a = withRoles(adaptTable(await readText(text)));
    expect(a.dataset.source.tableFormat?.folded).toEqual(['seed']);
    expect(a.role('seed')).toEqual({ kind: 'ignore' });
    expect(a.role('value')).toMatchObject({ kind: 'metric' });
    expect(a.role('state')).toEqual({ kind: 'status' });
  });

  it('folds nothing in a single-trial table', async () => {
    const a = await adaptText('number,value,params_lr,state\n0,0.1,0.1,COMPLETE\n');
    expect(a.dataset.source.tableFormat?.folded).toEqual([]);
  });

  it('folds constant labels of a generic table but keeps constant numbers for inference', async () => {
    const a = await adaptText('run,host,acc\na,gpu1,0.1\nb,gpu1,0.1\n');
    expect(a.dataset.source.tableFormat?.folded).toEqual(['host']);
    expect(a.role('acc')).toMatchObject({ kind: 'metric' });
  });
});

describe('Optuna attributes', () => {
  it('reads metric-named user attributes as metrics and the rest as bookkeeping', async () => {
    const a = await adaptText(
      'number,value,params_lr,user_attrs_val_f1,user_attrs_seed,system_attrs_grid_id,state\n' +
        '0,0.5,0.1,0.7,1,0,COMPLETE\n1,0.4,0.2,0.8,2,1,COMPLETE\n',
    );
    expect(a.role('user_attrs_val_f1')).toMatchObject({ kind: 'metric', direction: 'max' });
    expect(a.role('user_attrs_seed')).toEqual({ kind: 'ignore' });
    expect(a.role('system_attrs_grid_id')).toEqual({ kind: 'ignore' });
  });
});

describe('spreadsheet-mangled exports', () => {
  it('reads an Optuna export re-saved by a European Excel: `;`, decimal commas, 1,10E-05', async () => {
    const text =
      'number;value;datetime_start;params_lr;params_optimizer;state\n' +
      '0;0,8123;2025-06-23 16:38;1,10E-05;adam;COMPLETE\n' +
      '1;0,7011;2025-06-23 17:00;2,50E-04;sgd;PRUNED\n';
    const a = await adaptText(text);
    expect(a.dataset.source.dialect?.delimiter).toBe(';');
    expect(a.dataset.source.tableFormat?.id).toBe('optuna');
    const lr = findColumn(a.dataset.table, 'lr')!;
    expect(lr.kind === 'number' && [...lr.values]).toEqual([1.1e-5, 2.5e-4]);
    expect(cellText(findColumn(a.dataset.table, 'value')!, 0)).toBe('0.8123');
    // Seconds cut off by the spreadsheet: still a timestamp.
    expect(a.role('datetime_start')).toEqual({ kind: 'time' });
  });

  it('reads 1.10E-05 and keeps a day-first date from breaking detection', async () => {
    const text =
      'number,value,datetime_start,params_lr,state\n0,1,23/06/2025 16:38,1.10E-05,COMPLETE\n1,2,24/06/2025 09:01,3.00E-04,FAIL\n';
    const a = await adaptText(text);
    const lr = findColumn(a.dataset.table, 'lr')!;
    expect(lr.kind === 'number' && lr.values[0]).toBe(1.1e-5);
    // Not a timestamp the reader knows: kept as text and left out of the analysis.
    expect(a.role('datetime_start')).toEqual({ kind: 'ignore' });
  });

  it('parses pandas and MLflow durations', () => {
    expect(parseDuration('0 days 00:22:17.759593')).toBeCloseTo(1337.759593, 6);
    expect(parseDuration('1 days 01:00:00')).toBe(90000);
    expect(parseDuration('00:01:05')).toBe(65);
    expect(parseDuration('120ms')).toBeCloseTo(0.12);
    expect(parseDuration('1.6s')).toBe(1.6);
    expect(parseDuration('2.5min')).toBe(150);
    expect(parseDuration('1.2h')).toBeCloseTo(4320);
    expect(parseDuration('adam')).toBeNull();
  });

  it('adapting a generated export twice gives the same result', async () => {
    const raw = await readText(generateOptunaCsv(7));
    expect(adaptTable(raw)).toEqual(adaptTable(raw));
  });
});

describe('status vocabularies of the supported tools', () => {
  it.each([
    ['COMPLETE', 'healthy'],
    ['PRUNED', 'stopped'],
    ['FAIL', 'failed'],
    ['RUNNING', 'stopped'],
    ['WAITING', 'stopped'],
    ['TrialState.COMPLETE', 'healthy'],
    ['finished', 'healthy'],
    ['failed', 'failed'],
    ['crashed', 'failed'],
    ['killed', 'failed'],
    ['running', 'stopped'],
    ['FINISHED', 'healthy'],
    ['FAILED', 'failed'],
    ['KILLED', 'failed'],
    ['SCHEDULED', 'stopped'],
    ['TERMINATED', 'healthy'],
    ['ERROR', 'failed'],
    ['PENDING', 'stopped'],
  ])('%s is %s', (label, expected) => {
    expect(classifyStatus(label)).toBe(expected);
  });
});
