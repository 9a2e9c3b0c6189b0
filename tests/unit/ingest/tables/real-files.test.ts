/**
 * Conformance: every public export in ../shared/data/real/sweep_csv is recognised without hints,
 * and the roles that matter come out right once name inference has filled in the rest.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText, findColumn, type TableFormatId } from '../../../../src/lib/model';
import { adaptBytes } from './helpers';

const dir = path.resolve(__dirname, '../../../../../shared/data/real/sweep_csv');
const read = (f: string) => adaptBytes(new Uint8Array(readFileSync(path.join(dir, f))), f);

const EXPECTED: Record<string, TableFormatId> = {
  'finetune_lr_sweep_3pts.csv': 'generic',
  'hpi_sample_results.csv': 'generic',
  'mlflow_search_runs_rf.csv': 'mlflow-search-runs',
  'mlflow_ui_export_sentiment.csv': 'mlflow-ui',
  'optuna_eye_disease.csv': 'optuna',
  'optuna_fakenews_3trials.csv': 'optuna',
  'ray_tune_results_no_metrics.csv': 'ray-tune',
  'sklearn_cv_results_svm_full.csv': 'sklearn-cv',
  'sklearn_gridsearch_svm_collapsed.csv': 'sklearn-cv',
  'wandb_export_quant_bits.csv': 'wandb',
};

describe.runIf(existsSync(dir))('real sweep exports', () => {
  it('knows every file in the folder', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('%s is read as %s', async (file, id) => {
    const { dataset } = await read(file);
    const format = dataset.source.tableFormat;
    expect(format?.id).toBe(id);
    expect(format?.reason.length).toBeGreaterThan(20);
    // Renames keep names unique.
    const names = dataset.table.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('Optuna eye-disease: value is the metric, lr/optimizer/beta1/beta2 are params', async () => {
    const a = await read('optuna_eye_disease.csv');
    expect(a.role('value')).toMatchObject({ kind: 'metric', direction: 'min' });
    expect(a.columnsWith('metric')).toEqual(['value']);
    for (const p of ['lr', 'optimizer', 'beta1', 'beta2', 'batch_size'])
      expect(a.role(p)).toEqual({ kind: 'param' });
    expect(a.role('number')).toEqual({ kind: 'id' });
    expect(a.role('state')).toEqual({ kind: 'status' });
    expect(a.role('duration')).toEqual({ kind: 'budget', unit: 'runtime' });
    expect(a.dataset.source.tableFormat?.renamed).toMatchObject({ params_lr: 'lr' });
    expect(a.dataset.source.tableFormat?.reason).toMatch(/minimised or maximised/);
    // `0 days 00:22:17.759593` became seconds.
    const duration = findColumn(a.dataset.table, 'duration');
    expect(duration?.kind === 'number' && duration.values[0]).toBeCloseTo(1337.759593, 6);
  });

  it('sklearn: mean_test_score is the metric, C/gamma/kernel the params', async () => {
    for (const file of [
      'sklearn_cv_results_svm_full.csv',
      'sklearn_gridsearch_svm_collapsed.csv',
    ]) {
      const a = await read(file);
      expect(a.columnsWith('metric')).toEqual(['mean_test_score']);
      expect(a.role('mean_test_score')).toMatchObject({ split: 'val', direction: 'max' });
      for (const p of ['C', 'gamma', 'kernel']) expect(a.role(p)).toEqual({ kind: 'param' });
      expect(a.dataset.source.tableFormat?.renamed).toMatchObject({
        param_C: 'C',
        param_gamma: 'gamma',
        param_kernel: 'kernel',
      });
    }
    const full = await read('sklearn_cv_results_svm_full.csv');
    for (const c of ['params', 'index', 'split0_test_score', 'rank_test_score', 'mean_fit_time'])
      expect(full.role(c)).toEqual({ kind: 'ignore' });
    // Conditional parameters stay missing: the linear rows have no degree.
    const collapsed = await read('sklearn_gridsearch_svm_collapsed.csv');
    expect(cellText(findColumn(collapsed.dataset.table, 'degree')!, 0)).toBe('');
  });

  it('MLflow UI export: bare params, metrics by name, hundreds of constants folded', async () => {
    const a = await read('mlflow_ui_export_sentiment.csv');
    const format = a.dataset.source.tableFormat!;
    expect(a.role('learning_rate')).toEqual({ kind: 'param' });
    expect(a.role('max_depth')).toEqual({ kind: 'param' });
    expect(a.role('Run ID')).toEqual({ kind: 'id' });
    expect(a.role('Status')).toEqual({ kind: 'status' });
    expect(a.role('val_accuracy')).toMatchObject({ kind: 'metric', direction: 'max' });
    expect(a.role('eval_loss')).toMatchObject({ kind: 'metric', direction: 'min' });
    expect(format.folded.length).toBeGreaterThan(200);
    expect(format.folded).toContain('adam_beta1');
    expect(format.folded).not.toContain('accuracy');
    for (const f of format.folded) expect(a.role(f)).toEqual({ kind: 'ignore' });
    // The folded columns stay in the table.
    expect(a.dataset.table.columns.length).toBe(261);
    // `'-1` (the CSV injection guard) is the number -1 again.
    const nJobs = findColumn(a.dataset.table, 'n_jobs')!;
    expect(nJobs.kind).toBe('number');
    expect([...Array(a.dataset.table.rowCount).keys()].map((i) => cellText(nJobs, i))).toContain(
      '-1',
    );
    expect(findColumn(a.dataset.table, 'Duration')?.kind).toBe('number');
  });

  it('MLflow search_runs: params renamed, metrics kept under metrics.*, run name as id', async () => {
    const a = await read('mlflow_search_runs_rf.csv');
    // The two runs are duplicates: every parameter is the same, so all are folded.
    expect(a.dataset.source.tableFormat?.renamed['params.n_estimators']).toBe('n_estimators');
    expect(a.columnsWith('param')).toEqual([]);
    expect(a.dataset.source.tableFormat?.folded).toContain('n_estimators');
    expect(a.role('metrics.training_log_loss')).toMatchObject({ kind: 'metric', split: 'train' });
    expect(a.columnsWith('metric').every((c) => c.startsWith('metrics.'))).toBe(true);
    expect(a.role('tags.mlflow.runName')).toEqual({ kind: 'id' });
    expect(a.role('status')).toEqual({ kind: 'status' });
    // Two duplicate runs: every metric is constant, and none is folded away.
    expect(a.dataset.source.tableFormat?.folded.some((c) => c.startsWith('metrics.'))).toBe(false);
  });

  it('W&B quant bits: bit widths are params, accuracy the metric', async () => {
    const a = await read('wandb_export_quant_bits.csv');
    expect(a.role('act_bits')).toEqual({ kind: 'param' });
    expect(a.role('weight_bits')).toEqual({ kind: 'param' });
    expect(a.role('quant_test_acc')).toMatchObject({ kind: 'metric', family: 'accuracy' });
    expect(a.role('Name')).toEqual({ kind: 'id' });
    expect(a.role('State')).toEqual({ kind: 'status' });
    expect(a.role('Sweep')).toEqual({ kind: 'ignore' });
    expect(a.dataset.source.tableFormat?.folded).toEqual(
      expect.arrayContaining(['Sweep', 'batch_size', 'seed', 'wandb_project']),
    );
  });

  it('Ray Tune without metrics: config params, no metric, nothing breaks', async () => {
    const a = await read('ray_tune_results_no_metrics.csv');
    expect(a.columnsWith('metric')).toEqual([]);
    expect(a.role('trial_id')).toEqual({ kind: 'id' });
    expect(a.role('pred_token')).toEqual({ kind: 'param' });
    expect(a.role('date')).toEqual({ kind: 'time' });
    expect(a.role('hostname')).toEqual({ kind: 'ignore' });
    expect(a.dataset.source.tableFormat?.renamed['config/use_lstm']).toBe('use_lstm');
  });

  it('generic tables keep their names', async () => {
    const a = await read('hpi_sample_results.csv');
    expect(a.dataset.source.tableFormat?.renamed).toEqual({});
    expect(a.dataset.source.tableFormat?.reason).toMatch(/no tool-specific columns/);
    expect(a.role('val_loss')).toMatchObject({ kind: 'metric' });
  });
});
