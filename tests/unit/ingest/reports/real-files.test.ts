/** The public report files in ../shared/data/real/eval_json, read in place (README rows). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSources } from '../../../../src/lib/ingest';
import { readReport } from '../../../../src/lib/ingest/reports';
import { input, noHooks, rolesOf } from './helpers';

const DIR = path.resolve(__dirname, '../../../../../shared/data/real/eval_json');
const read = (name: string) => readReport(readFileSync(path.join(DIR, name), 'utf8'), name);
const load = (name: string) =>
  readSources([input(name, new Uint8Array(readFileSync(path.join(DIR, name))))], noHooks);

describe.runIf(existsSync(DIR))('real evaluation reports', () => {
  it('T5 eval_results.json: ROUGE-1/2/L/Lsum 41.6/19.2/29.5/38.8, eval_loss 1.634 on 13,368 samples', () => {
    const r = read('hf_eval_results_t5_summarization_rouge.json');
    expect(r.kind).toBe('hf-results');
    const m = r.runs[0].metrics;
    expect(
      [m.eval_rouge1, m.eval_rouge2, m.eval_rougeL, m.eval_rougeLsum].map((v) => +v.toFixed(1)),
    ).toEqual([41.6, 19.2, 29.5, 38.8]);
    expect(m.eval_loss).toBeCloseTo(1.634, 3);
    expect(m.eval_gen_len).toBeCloseTo(73.5, 1);
    expect(m.eval_samples).toBe(13368);
    expect(m.eval_runtime / 60).toBeCloseTo(54, 0);
    expect(r.runs[0].notes.join(' ')).toMatch(/13,368 samples/);
  });

  it('Qwen3 train_results.json: train_loss 0.973, 3 epochs, and a note that there is no eval', () => {
    const r = read('hf_train_results_qwen3_lora.json');
    expect(r.kind).toBe('hf-results');
    const m = r.runs[0].metrics;
    expect(m.train_loss).toBeCloseTo(0.973, 3);
    expect(Math.round(m.epoch)).toBe(3);
    expect(m.num_input_tokens_seen).toBe(24689312);
    expect(Object.keys(m).filter((k) => /^(?:eval|test|predict)_/.test(k))).toEqual([]);
    expect(r.runs[0].notes.join(' ')).toMatch(/no evaluation metric/);
  });

  it('lm-eval v0.3 bloom-1b1 gsm8k 8-shot: acc 0.0083 ± 0.0025', () => {
    const r = read('lmeval_v03_bloom1b1_gsm8k_8shot.json');
    expect(r.kind).toBe('lm-eval');
    expect(r.label).toMatch(/older schema/);
    const run = r.runs[0];
    expect(run.runId).toBe('bigscience/bloom-1b1/lmeval_v03_bloom1b1_gsm8k_8shot');
    expect(run.metrics['gsm8k/acc']).toBeCloseTo(0.0083, 4);
    expect(run.metrics['gsm8k/acc_stderr']).toBeCloseTo(0.0025, 4);
    expect(run.params).toMatchObject({ model: 'bigscience/bloom-1b1', num_fewshot: 8 });
    expect(run.params.limit).toBeUndefined();
  });

  it('lm-eval v0.4 llama3 PEFT epoch 5 asdiv: EM 0.893 on a 512-document limit', () => {
    const r = read('lmeval_v04_llama3_peft_epoch5_asdiv_limit512.json');
    expect(r.kind).toBe('lm-eval');
    expect(r.label).toMatch(/current schema/);
    const run = r.runs[0];
    expect(run.runId).toMatch(/epoch_5/);
    expect(run.metrics['asdiv_cot_llama/strict-match/exact_match']).toBeCloseTo(0.893, 3);
    expect(run.metrics['asdiv_cot_llama/flexible-extract/exact_match_stderr']).toBeCloseTo(
      0.0137,
      4,
    );
    expect(run.params).toMatchObject({
      limit: 512,
      'asdiv_cot_llama/n': 512,
      'asdiv_cot_llama/n_shot': 8,
      model: 'meta-llama/Meta-Llama-3-8B-Instruct',
    });
    expect(run.notes.join(' ')).toMatch(/limit 512.*512 documents of 2,305/);
    expect(r.roles['asdiv_cot_llama/strict-match/exact_match']).toEqual({
      kind: 'metric',
      split: 'test',
      family: 'accuracy',
      direction: 'max',
    });
  });

  it.each([
    ['hf_eval_results_t5_summarization_rouge.json', 'eval_rouge1', 'metric'],
    ['hf_train_results_qwen3_lora.json', 'train_loss', 'metric'],
    ['lmeval_v03_bloom1b1_gsm8k_8shot.json', 'gsm8k/acc', 'metric'],
    [
      'lmeval_v04_llama3_peft_epoch5_asdiv_limit512.json',
      'asdiv_cot_llama/strict-match/exact_match',
      'metric',
    ],
  ])(
    '%s alone through readSources: an eval-report, one row, %s a %s',
    async (name, column, kind) => {
      const ds = await load(name);
      expect(ds.source.files?.[0].kind).toBe('eval-report');
      expect(ds.table.rowCount).toBe(1);
      expect(ds.source.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(rolesOf(ds)[column].kind).toBe(kind);
      expect(rolesOf(ds).run.kind).toBe('id');
    },
  );

  it('Qwen3 train_results.json beside its trainer_state.json: one run, the report on its row', async () => {
    const state = path.resolve(DIR, '../trainer_state/qwen3_lora_no_step_logs.json');
    const ds = await readSources(
      [
        input('qwen3/trainer_state.json', new Uint8Array(readFileSync(state))),
        input(
          'qwen3/train_results.json',
          new Uint8Array(readFileSync(path.join(DIR, 'hf_train_results_qwen3_lora.json'))),
        ),
      ],
      noHooks,
    );
    expect(ds.source.files?.map((f) => [f.kind, f.runId])).toEqual([
      ['trainer-state', 'qwen3'],
      ['eval-report', 'qwen3'],
    ]);
    expect(ds.table.rowCount).toBe(1);
    const column = ds.table.columns.find((c) => c.name === 'num_input_tokens_seen');
    expect(column?.kind === 'number' ? column.values[0] : null).toBe(24689312);
  });
});
