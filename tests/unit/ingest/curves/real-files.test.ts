/**
 * The public files in ../shared/data/real/{trainer_state,curves_csv} (when that folder exists),
 * checked against what their README row says a careful engineer sees.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { detectCurveCsv, readCurveCsv, readTrainerState } from '../../../../src/lib/ingest/curves';
import type { Curve, CurveSet } from '../../../../src/lib/model';

const root = path.resolve(__dirname, '../../../../../shared/data/real');
const stateDir = path.join(root, 'trainer_state');
const csvDir = path.join(root, 'curves_csv');
const list = (dir: string, ext: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)) : [];
const stateFiles = list(stateDir, '.json');
const csvFiles = list(csvDir, '.csv');
const sweepDir = path.join(root, 'sweep_csv');
const sweepFiles = list(sweepDir, '.csv');

function curve(set: CurveSet, metric: string): Curve {
  const c = set.curves.find((x) => x.metric === metric);
  if (!c) throw new Error(`no curve ${metric}: ${set.curves.map((x) => x.metric).join(', ')}`);
  return c;
}
const xs = (c: Curve) => [...c.steps];
const ys = (c: Curve) => [...c.values];
const round = (v: number[], digits = 3) => v.map((x) => Number(x.toFixed(digits)));

describe.runIf(stateFiles.length > 0)('real trainer_state.json files', () => {
  const load = (f: string) =>
    readTrainerState(readFileSync(path.join(stateDir, f), 'utf8'), f, f.replace(/\.json$/, ''));

  it.each(stateFiles)('%s reads with no issues', (f) => {
    const r = load(f);
    expect(r.issues).toEqual([]);
    expect(r.curves.runs).toHaveLength(1);
    expect(r.info).not.toBeNull();
  });

  it('whisper: eval_loss rises at every eval 0.321→0.420; best checkpoint 3000 by WER', () => {
    const r = load('whisper_large_v2_ja_overfit.json');
    const evalLoss = curve(r.curves, 'eval_loss');
    expect(round(ys(evalLoss))).toEqual([0.321, 0.358, 0.394, 0.412, 0.42]);
    expect(xs(evalLoss)).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(curve(r.curves, 'eval_wer').values.length).toBe(5);
    const loss = curve(r.curves, 'loss');
    expect(loss.values.length).toBe(200);
    expect(loss.values[loss.values.length - 1]).toBeLessThanOrEqual(3e-4);
    expect(r.curves.runs[0]).toMatchObject({ plannedSteps: 5000, plannedEpochs: 39 });
    expect(r.info?.bestModelCheckpoint).toMatch(/checkpoint-3000$/);
    expect(r.curves.runs[0].notes.join(' ')).toContain('best_model_checkpoint checkpoint-3000');
  });

  it('qwen3: no per-step data (logging_steps 996 > max_steps 768), train_loss 0.973 in the summary', () => {
    const r = load('qwen3_lora_no_step_logs.json');
    expect(r.curves.curves).toEqual([]);
    expect(r.info?.hasPerStepData).toBe(false);
    expect(r.curves.runs[0].notes[0]).toMatch(
      /^no per-step data.*logging_steps 996 > max_steps 768/,
    );
    expect(r.info?.summary.train_loss).toBeCloseTo(0.973, 3);
  });

  it('falcon: 125 planned steps, loss 3.26→3.02 with minimum 2.92 at step 100, grad_norm spikes', () => {
    const r = load('falcon_lora_imdb_125steps.json');
    expect(r.curves.runs[0].plannedSteps).toBe(125);
    expect(r.info?.globalStep).toBe(125);
    const loss = curve(r.curves, 'loss');
    expect(loss.values[0]).toBeCloseTo(3.26, 2);
    expect(loss.values[loss.values.length - 1]).toBeCloseTo(3.02, 2);
    const min = Math.min(...ys(loss));
    expect(min).toBeCloseTo(2.92, 2);
    expect(loss.steps[ys(loss).indexOf(min)]).toBe(100);
    const spikes = ys(curve(r.curves, 'grad_norm')).filter((g) => g > 2);
    expect(round(spikes, 2)).toEqual([3.26, 2.49, 3.92]);
    expect(r.curves.curves.some((c) => c.metric.startsWith('eval_'))).toBe(false);
    expect(r.curves.runs[0].notes.join(' ')).toMatch(
      /no evaluation in log_history \(eval_steps 500 > max_steps 125\)/,
    );
  });

  it('bert: 100 epochs (25,800 steps) with no evaluation; loss 0.98→0.16', () => {
    const r = load('bert_weibo_100ep_noeval.json');
    expect(r.curves.runs[0]).toMatchObject({ plannedSteps: 25800, plannedEpochs: 100 });
    expect(r.info?.evalEntries).toBe(0);
    expect(r.curves.curves.some((c) => c.metric.startsWith('eval_'))).toBe(false);
    const loss = ys(curve(r.curves, 'loss'));
    expect(loss[0]).toBeCloseTo(0.98, 2);
    expect(loss[loss.length - 1]).toBeCloseTo(0.16, 2);
    expect(r.curves.runs[0].notes.join(' ')).toContain('no evaluation in log_history');
  });

  it('t5 legacy: 5 log points, loss 3.47→2.37, one epoch, no logging_steps key', () => {
    const r = load('t5_amharic_geez_legacy_1ep_undertrained.json');
    const loss = curve(r.curves, 'loss');
    expect(xs(loss)).toEqual([500, 1000, 1500, 2000, 2500]);
    expect(loss.values[0]).toBeCloseTo(3.47, 2);
    expect(loss.values[4]).toBeCloseTo(2.37, 2);
    expect(r.info?.loggingSteps).toBeNull();
    expect(r.curves.runs[0].plannedEpochs).toBe(1);
  });

  it('lora project: 201 steps, 3 epochs, loss 2.64→1.28, no eval', () => {
    const r = load('lora_project_noeval.json');
    expect(r.curves.runs[0]).toMatchObject({ plannedSteps: 201, plannedEpochs: 3 });
    const loss = ys(curve(r.curves, 'loss'));
    expect(loss[0]).toBeCloseTo(2.64, 2);
    expect(loss[loss.length - 1]).toBeCloseTo(1.28, 2);
    expect(ys(curve(r.curves, 'learning_rate'))[0]).toBeLessThanOrEqual(2e-4);
    expect(r.info?.evalEntries).toBe(0);
  });

  it('qwen 0.5b healthy: eval_loss falls at every eval 0.108→0.049; first grad_norm 33', () => {
    const r = load('qwen05b_verifier_full_ft_healthy.json');
    const evalLoss = ys(curve(r.curves, 'eval_loss'));
    expect(evalLoss[0]).toBeCloseTo(0.108, 3);
    expect(evalLoss[evalLoss.length - 1]).toBeCloseTo(0.049, 3);
    for (let i = 1; i < evalLoss.length; i++) expect(evalLoss[i]).toBeLessThan(evalLoss[i - 1]);
    expect(curve(r.curves, 'grad_norm').values[0]).toBeGreaterThan(30);
    expect(r.curves.runs[0].plannedSteps).toBe(120);
  });
});

describe.runIf(csvFiles.length > 0)('real curve CSVs', () => {
  const load = (f: string) => readCurveCsv(readFileSync(path.join(csvDir, f), 'utf8'), f);

  it.each(csvFiles)('%s is detected and reads with no issues', (f) => {
    const r = load(f);
    expect(r.format).not.toBeNull();
    expect(r.issues).toEqual([]);
    expect(r.curves.curves.length).toBeGreaterThan(0);
  });

  it('keras hijaiyah: 2 epochs, accuracy 0.09→0.13, val 0.17→0.26', () => {
    const r = load('keras_history_hijaiyah_2epochs.csv');
    expect(r.format?.kind).toBe('keras');
    expect(xs(curve(r.curves, 'accuracy'))).toEqual([0, 1]);
    expect(round(ys(curve(r.curves, 'accuracy')), 2)).toEqual([0.09, 0.13]);
    expect(round(ys(curve(r.curves, 'val_accuracy')), 2)).toEqual([0.17, 0.26]);
  });

  it('lightning lora: a single row (epoch 3, step 49, train_loss 6.67)', () => {
    const r = load('lightning_metrics_lora_single_row.csv');
    expect(r.format?.kind).toBe('lightning');
    expect(r.rows).toBe(1);
    const c = curve(r.curves, 'train_loss');
    expect(xs(c)).toEqual([49]);
    expect(c.values[0]).toBeCloseTo(6.67, 2);
    expect(ys(curve(r.curves, 'epoch'))).toEqual([3]);
  });

  it('lightning slm: 20 epochs of val_loss 6.83→5.55 and train_loss_epoch 7.64→5.18', () => {
    const r = load('lightning_metrics_slm_pretrain_20ep.csv');
    expect(r.format?.kind).toBe('lightning');
    const val = ys(curve(r.curves, 'val_loss'));
    const train = ys(curve(r.curves, 'train_loss_epoch'));
    expect(val).toHaveLength(20);
    expect(train).toHaveLength(20);
    expect(round([val[0], val[19]], 2)).toEqual([6.83, 5.55]);
    expect(round([train[0], train[19]], 2)).toEqual([7.64, 5.18]);
    // Val below train for epochs 0–2, then the gap grows to +0.37.
    expect(val[0]).toBeLessThan(train[0]);
    expect(val[19] - train[19]).toBeCloseTo(0.37, 2);
    expect(curve(r.curves, 'epoch_time').values[0]).toBeGreaterThan(150);
    expect(curve(r.curves, 'train_loss_step').steps[0]).toBe(49);
  });

  it('tensorboard imdb: 30 points with a spike at step 1 (12.4→18.4)', () => {
    const r = load('tensorboard_imdb_age_gender_train_loss.csv');
    expect(r.format?.kind).toBe('tensorboard');
    const c = r.curves.curves[0];
    expect(c.steps).toHaveLength(30);
    expect(round(ys(c).slice(0, 2), 1)).toEqual([12.4, 18.4]);
    expect(c.wallTimes?.[0]).toBeCloseTo(1559699797.29, 1);
    expect(c.metric).toBe('tensorboard_imdb_age_gender_train_loss');
  });

  it('tensorboard ocr: steps reset and run out of order, kept in file order', () => {
    const r = load('tensorboard_ocr_loss_step_reset.csv');
    const steps = xs(r.curves.curves[0]);
    expect(steps).toHaveLength(1000);
    expect(steps.slice(0, 5)).toEqual([43, 46, 72, 95, 68]);
    const backwards = steps.filter((s, i) => i > 0 && s < steps[i - 1]);
    expect(backwards).toEqual([68, 41, 36]);
    expect(steps[steps.length - 1]).toBe(17376);
  });
});

describe.runIf(sweepFiles.length > 0)('real sweep tables are not taken for curve CSVs', () => {
  it.each(sweepFiles)('%s', (f) => {
    const firstLine = readFileSync(path.join(sweepDir, f), 'utf8')
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)[0];
    const header = Papa.parse<string[]>(firstLine).data[0];
    expect(detectCurveCsv(header, f)).toBeNull();
  });
});
