import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CurveCsvReader,
  detectCurveCsv,
  readCurveCsv,
  type CurveCsvResult,
} from '../../../../src/lib/ingest/curves';
import type { Curve } from '../../../../src/lib/model';

const fixtures = path.join(__dirname, 'fixtures');
const read = (name: string, runId?: string) =>
  readCurveCsv(readFileSync(path.join(fixtures, name), 'utf8'), name, runId ? { runId } : {});

function curve(r: CurveCsvResult, metric: string, runId?: string): Curve {
  const c = r.curves.curves.find(
    (x) => x.metric === metric && (runId === undefined || x.runId === runId),
  );
  if (!c)
    throw new Error(
      `no curve ${runId}/${metric}: ${r.curves.curves.map((x) => `${x.runId}/${x.metric}`).join(', ')}`,
    );
  return c;
}

const xs = (c: Curve) => [...c.steps];
const ys = (c: Curve) => [...c.values];

describe('detectCurveCsv', () => {
  it.each([
    [
      ['Wall time', 'Step', 'Value'],
      'run-.-tag-loss.csv',
      'tensorboard',
      /TensorBoard scalar CSV because the header is Wall time,Step,Value/,
    ],
    [
      ['Step', 'a - loss', 'a - loss__MIN', 'a - loss__MAX'],
      'wandb_export.csv',
      'wandb',
      /W&B chart export/,
    ],
    [['run', 'step', 'metric', 'value'], 'log.csv', 'long', /long-format/],
    [
      ['name', 'global_step', 'tag', 'value'],
      'log.csv',
      'long',
      /run \(name\), step \(global_step\), metric \(tag\)/,
    ],
    [['iteration', 'key', 'value'], 'log.csv', 'long', /no run column/],
    [
      ['epoch', 'step', 'train_loss'],
      'metrics.csv',
      'lightning',
      /Lightning metrics.csv .*called metrics.csv/,
    ],
    [
      ['epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy'],
      'history.csv',
      'keras',
      /Keras CSVLogger/,
    ],
    [['', 'loss', 'val_loss'], 'history.csv', 'keras', /saved by pandas/],
    [
      ['loss', 'accuracy', 'val_loss', 'val_accuracy'],
      'history.csv',
      'keras',
      /without an epoch column/,
    ],
    [['step', 'loss', 'lr'], 'log.csv', 'wide', /wide per-step .* "step" is a step column/],
    [['epoch', 'train_loss', 'bleu'], 'log.csv', 'wide', /"epoch" is an epoch column/],
    [['_step', '_runtime', '_timestamp', 'train/loss'], 'history.csv', 'wide', /wide/],
  ])('%j in %s → %s', (header, file, kind, reason) => {
    const f = detectCurveCsv(header, file);
    expect(f?.kind).toBe(kind);
    expect(f?.reason).toMatch(reason);
  });

  it('returns null for a sweep table', () => {
    expect(detectCurveCsv(['trial', 'lr', 'batch_size', 'val_loss'], 'results.csv')).toBeNull();
    expect(detectCurveCsv(['only'], 'x.csv')).toBeNull();
    // Budget columns (epochs) and status/params_ columns mark one-row-per-trial tables.
    expect(detectCurveCsv(['trial_id', 'status', 'lr', 'epochs', 'val_loss'], 'r.csv')).toBeNull();
    expect(detectCurveCsv(['Run ID', 'Status', 'epoch', 'loss'], 'runs.csv')).toBeNull();
    expect(detectCurveCsv(['number', 'value', 'params_lr', 'state'], 'optuna.csv')).toBeNull();
    expect(detectCurveCsv(['lr', 'epochs', 'val_loss'], 'r.csv')).toBeNull();
  });

  it('maps the W&B history bookkeeping columns', () => {
    const f = detectCurveCsv(['_step', '_runtime', '_timestamp', 'train/loss'], 'h.csv');
    expect(f?.xColumn).toBe(0);
    expect(f?.wallTimeColumn).toBe(2);
    expect(f?.metrics.map((m) => m.metric)).toEqual(['train/loss']);
    expect(f?.ignored.map((i) => i.column)).toEqual(['_runtime']);
  });

  it('takes the TensorBoard run and tag from the download file name', () => {
    const f = detectCurveCsv(
      ['Wall time', 'Step', 'Value'],
      'dl/run-lr_0.1_train-tag-epoch_loss (1).csv',
    );
    expect(f?.runFromFileName).toBe('lr_0.1_train');
    expect(f?.metricFromFileName).toBe('epoch_loss');
  });
});

describe('readCurveCsv on hand-written fixtures', () => {
  it('TensorBoard scalar CSV: run and tag from the file name, wall time kept', () => {
    const r = read('run-lr_0.1_train-tag-epoch_loss.csv');
    expect(r.format?.kind).toBe('tensorboard');
    expect(r.curves.runs.map((x) => x.runId)).toEqual(['lr_0.1_train']);
    const c = curve(r, 'epoch_loss');
    expect(xs(c)).toEqual([0, 1, 2]);
    expect(ys(c)).toEqual([0.9, 0.7, 0.6]);
    expect([...(c.wallTimes ?? [])]).toEqual([1700000000.5, 1700000010.25, 1700000020]);
  });

  it('TensorBoard run "." takes the caller\'s run id', () => {
    const text = 'Wall time,Step,Value\n1,0,0.5\n';
    expect(
      readCurveCsv(text, 'run-.-tag-loss.csv', { runId: 'run_3' }).curves.curves[0],
    ).toMatchObject({
      runId: 'run_3',
      metric: 'loss',
    });
    expect(readCurveCsv(text, 'run-.-tag-loss.csv').curves.curves[0].runId).toBe('.');
  });

  it('W&B chart export: one curve per run, MIN/MAX ignored, empty cells skipped, NaN kept', () => {
    const r = read('wandb_export_train_loss.csv');
    expect(r.format?.kind).toBe('wandb');
    expect(r.curves.runs.map((x) => x.runId)).toEqual(['fancy-sun-12', 'lively-dawn-3']);
    expect(r.curves.curves).toHaveLength(2);
    const a = curve(r, 'train/loss', 'fancy-sun-12');
    expect(xs(a)).toEqual([0, 100, 200]);
    expect(ys(a)).toEqual([2.31, 1.82, 1.41]);
    const b = curve(r, 'train/loss', 'lively-dawn-3');
    expect(xs(b)).toEqual([0, 200, 300]);
    expect(b.values[2]).toBeNaN();
    expect(r.curves.runs[0].notes.join(' ')).toContain('__MIN');
  });

  it('long format in any column order, with runs, wall time, inf and NaN', () => {
    const r = read('long_format.csv');
    expect(r.format?.kind).toBe('long');
    expect(r.issues).toEqual([]);
    expect(r.curves.runs.map((x) => x.runId)).toEqual(['run_a', 'run_b']);
    expect(xs(curve(r, 'train/loss', 'run_a'))).toEqual([0, 10]);
    expect(ys(curve(r, 'train/loss', 'run_b')).slice(0, 2)).toEqual([2.7, Infinity]);
    expect(curve(r, 'train/loss', 'run_b').values[2]).toBeNaN();
    expect([...(curve(r, 'eval/loss', 'run_a').wallTimes ?? [])]).toEqual([1700000011]);
  });

  it('long format without run or step columns: one run, x = position in the series', () => {
    const r = readCurveCsv('tag,value\nloss,3\nacc,0.1\nloss,2\n', 'single.csv', { runId: 'r' });
    expect(xs(curve(r, 'loss', 'r'))).toEqual([0, 1]);
    expect(xs(curve(r, 'acc', 'r'))).toEqual([0]);
  });

  it('wide per-step CSV: sparse metric columns and ISO timestamps', () => {
    const r = read('wide_per_step.csv', 'exp1');
    expect(r.format?.kind).toBe('wide');
    expect(r.curves.runs.map((x) => x.runId)).toEqual(['exp1']);
    expect(xs(curve(r, 'loss'))).toEqual([10, 20, 30]);
    expect(xs(curve(r, 'eval_loss'))).toEqual([20]);
    expect(ys(curve(r, 'lr'))).toEqual([1e-4, 9e-5, 8e-5]);
    expect(curve(r, 'eval_loss').wallTimes?.[0]).toBe(Date.parse('2024-01-05T12:00:12Z') / 1000);
  });

  it('wide CSV with a run column', () => {
    const r = readCurveCsv('run,step,loss\na,0,1\nb,0,2\na,1,0.5\n', 'multi.csv');
    expect(r.curves.runs.map((x) => x.runId)).toEqual(['a', 'b']);
    expect(ys(curve(r, 'loss', 'a'))).toEqual([1, 0.5]);
  });

  it('Lightning metrics.csv: each metric at the rows where it is filled, x = step', () => {
    const r = read('metrics.csv', 'version_0');
    expect(r.format?.kind).toBe('lightning');
    expect(xs(curve(r, 'train_loss'))).toEqual([49, 99, 149, 199]);
    expect(xs(curve(r, 'val_loss'))).toEqual([99, 199]);
    expect(ys(curve(r, 'val_acc'))).toEqual([0.61, 0.63]);
    expect(xs(curve(r, 'epoch'))).toEqual([49, 99, 149, 199]);
    expect(ys(curve(r, 'epoch'))).toEqual([0, 0, 1, 1]);
  });

  it('Keras CSVLogger with an epoch column', () => {
    const r = read('keras_csvlogger.csv', 'cnn');
    expect(r.format?.kind).toBe('keras');
    expect(r.format?.xUnit).toBe('epoch');
    expect(xs(curve(r, 'val_loss'))).toEqual([0, 1, 2]);
    expect(ys(curve(r, 'val_loss'))).toEqual([1, 0.95, 0.99]);
    expect(r.curves.curves.map((c) => c.metric)).toEqual([
      'accuracy',
      'loss',
      'val_accuracy',
      'val_loss',
    ]);
  });

  it('Keras history without an epoch column: x = row position', () => {
    const r = read('keras_history_no_epoch.csv');
    expect(r.format?.xUnit).toBe('row');
    expect(xs(curve(r, 'loss'))).toEqual([0, 1]);
    expect(r.curves.runs[0].runId).toBe('keras_history_no_epoch');
    expect(r.curves.runs[0].notes.join(' ')).toContain('no epoch column');
  });
});

describe('readCurveCsv: robustness', () => {
  it('reports an unknown layout as an error naming the header', () => {
    const r = readCurveCsv('trial,lr,val_loss\n1,0.1,0.5\n', 'results.csv');
    expect(r.format).toBeNull();
    expect(r.curves).toEqual({ runs: [], curves: [] });
    expect(r.issues[0]).toMatchObject({ code: 'unsupported-format', severity: 'error', line: 1 });
    expect(r.issues[0].message).toContain('trial, lr, val_loss');
  });

  it('reports an empty file and a header-only file', () => {
    expect(readCurveCsv('', 'e.csv').issues[0].code).toBe('empty-file');
    const h = readCurveCsv('step,loss\n', 'h.csv');
    expect(h.issues[0].code).toBe('header-only');
    expect(h.curves.runs).toHaveLength(1);
  });

  it('skips rows whose step is not a number, with the line', () => {
    const r = readCurveCsv('step,loss\n1,0.5\nabc,0.4\n3,0.3\n', 's.csv');
    expect(xs(curve(r, 'loss'))).toEqual([1, 3]);
    expect(r.issues[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('counts text cells in metric columns instead of guessing', () => {
    const r = readCurveCsv('step,loss\n1,0.5\n2,oops\n', 's.csv');
    expect(ys(curve(r, 'loss'))).toEqual([0.5]);
    expect(r.issues.some((i) => /1 value of "loss" is text/.test(i.message))).toBe(true);
  });

  it('reads semicolon files with decimal commas, CRLF and a BOM', () => {
    const r = readCurveCsv('\ufeffstep;loss\r\n1;0,5\r\n2;0,25\r\n', 'eu.csv');
    expect(ys(curve(r, 'loss'))).toEqual([0.5, 0.25]);
  });

  it('streams: any chunking gives the same curves as one string', () => {
    const rows = ['run,step,metric,value'];
    for (let s = 0; s < 8000; s++) rows.push(`r${s % 3},${s},loss,${(1 / (s + 1)).toFixed(6)}`);
    const text = rows.join('\n') + '\n';
    const whole = readCurveCsv(text, 'big.csv');
    const reader = new CurveCsvReader('big.csv');
    for (let i = 0; i < text.length; i += 997) reader.feed(text.slice(i, i + 997));
    const chunked = reader.finish();
    expect(text.length).toBeGreaterThan(128 * 1024);
    expect(chunked.rows).toBe(8000);
    expect(chunked.curves.curves.map((c) => [c.runId, c.steps.length])).toEqual(
      whole.curves.curves.map((c) => [c.runId, c.steps.length]),
    );
    expect(chunked.curves.curves[2].values).toEqual(whole.curves.curves[2].values);
  });
});
