import { resolve } from 'node:path';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCurves } from '../../../../src/lib/analysis/curves';
import { readCurveCsv, readTrainerState } from '../../../../src/lib/ingest/curves';
import type { CurveSet, Finding } from '../../../../src/lib/model';

const REAL = resolve(__dirname, '../../../../../shared/data/real');
const STATES = `${REAL}/trainer_state`;
const CSVS = `${REAL}/curves_csv`;

function load(): Map<string, CurveSet> {
  const sets = new Map<string, CurveSet>();
  for (const f of readdirSync(STATES).filter((n) => n.endsWith('.json'))) {
    sets.set(f, readTrainerState(readFileSync(`${STATES}/${f}`, 'utf8'), f, f).curves);
  }
  for (const f of readdirSync(CSVS).filter((n) => n.endsWith('.csv'))) {
    sets.set(f, readCurveCsv(readFileSync(`${CSVS}/${f}`, 'utf8'), f, { runId: f }).curves);
  }
  return sets;
}

const ids = (fs: Finding[]) => fs.map((f) => f.id).sort();

describe.runIf(existsSync(STATES) && existsSync(CSVS))('curve detectors on the real files', () => {
  const findings = new Map([...load()].map(([name, set]) => [name, analyzeCurves(set)]));
  const of = (name: string) => {
    const f = findings.get(name);
    if (!f) throw new Error(`missing ${name}`);
    return f;
  };

  it('reads every file', () => {
    expect(findings.size).toBe(12);
  });

  it('Whisper: overfitting onset on eval_loss (0.321 → 0.420)', () => {
    const f = of('whisper_large_v2_ja_overfit.json');
    expect(ids(f)).toEqual(['overfitting-onset:whisper_large_v2_ja_overfit.json:eval_loss']);
    expect(f[0].evidence[0].value).toBe('4');
  });

  it('Falcon: gradient-norm explosions at 3.26 / 2.49 / 3.92, barely learning', () => {
    const f = of('falcon_lora_imdb_125steps.json');
    expect(ids(f)).toEqual([
      'grad-norm-explosion:falcon_lora_imdb_125steps.json:grad_norm',
      'plateau:falcon_lora_imdb_125steps.json:loss',
      'stopped-early:falcon_lora_imdb_125steps.json:small-budget',
      'too-few-points:falcon_lora_imdb_125steps.json:no-eval',
    ]);
    // Too short: 125 steps × batch 2 = 250 examples seen (README: "too short, barely learning").
    const budget = f.find((x) => x.id.endsWith(':small-budget'));
    expect(budget?.severity).toBe('info');
    expect(budget?.title).toMatch(/125 steps × batch 2 = 250 examples/);
    expect(f.find((x) => x.detector === 'grad-norm-explosion')?.curve).toEqual({
      metric: 'grad_norm',
      steps: [50, 70, 80],
    });
    const grad = f.find((x) => x.detector === 'grad-norm-explosion');
    expect(grad?.evidence[0].value).toBe('50, 70, 80');
    // It ran its full budget (last log 120 of max_steps 125, logging every 10).
    expect(f.some((x) => x.detector === 'stopped-early' && x.severity === 'warning')).toBe(false);
  });

  it('Qwen3: no per-step data, said as info', () => {
    const f = of('qwen3_lora_no_step_logs.json');
    expect(f.map((x) => [x.id, x.severity])).toEqual([
      ['too-few-points:qwen3_lora_no_step_logs.json:*', 'info'],
    ]);
  });

  it('OCR TensorBoard CSV: steps go backwards', () => {
    const f = of('tensorboard_ocr_loss_step_reset.csv');
    expect(f.some((x) => x.detector === 'step-restart')).toBe(true);
  });

  it('IMDB TensorBoard CSV: the spike at step 1', () => {
    const f = of('tensorboard_imdb_age_gender_train_loss.csv');
    expect(f.map((x) => x.detector)).toEqual(['loss-spike']);
    expect(f[0].evidence[0].value).toBe('1');
  });

  it('single-row Lightning log and 2-epoch Keras history: too few points', () => {
    for (const name of [
      'lightning_metrics_lora_single_row.csv',
      'keras_history_hijaiyah_2epochs.csv',
    ]) {
      expect(of(name).map((x) => `${x.detector}/${x.severity}`)).toEqual(['too-few-points/info']);
    }
  });

  it('stays quiet on the healthy control', () => {
    expect(of('qwen05b_verifier_full_ft_healthy.json')).toEqual([]);
  });

  it('logs without evaluation say so as info, and nothing else when they fall steadily', () => {
    for (const name of ['bert_weibo_100ep_noeval.json', 'lora_project_noeval.json']) {
      expect(
        of(name).map((x) => [x.id, x.severity]),
        name,
      ).toEqual([[`too-few-points:${name}:no-eval`, 'info']]);
    }
  });

  it('T5: still falling steeply at the end (undertrained), no evaluation', () => {
    const name = 't5_amharic_geez_legacy_1ep_undertrained.json';
    const f = of(name);
    expect(f.map((x) => [x.id, x.severity])).toEqual([
      [`still-improving:${name}:loss`, 'info'],
      [`too-few-points:${name}:no-eval`, 'info'],
    ]);
    expect(f[0].curve).toEqual({ metric: 'loss', steps: [1500, 2500] });
  });

  it('Lightning SLM: the train/val gap grows every epoch from epoch 3', () => {
    const name = 'lightning_metrics_slm_pretrain_20ep.csv';
    const f = of(name);
    expect(f.map((x) => [x.id, x.severity])).toEqual([
      [`overfitting-onset:${name}:val_loss`, 'info'],
    ]);
    expect(f[0].evidence[0].value).toBe('16');
    // Onset at the first epoch where val is above the epoch-mean train loss (epoch 3).
    expect(f[0].curve).toEqual({ metric: 'val_loss', steps: [1147, 5739] });
  });

  it('Whisper: the onset marks the rising evaluations', () => {
    const f = of('whisper_large_v2_ja_overfit.json');
    expect(f[0].curve).toEqual({ metric: 'eval_loss', steps: [1000, 2000, 3000, 4000, 5000] });
  });
});
