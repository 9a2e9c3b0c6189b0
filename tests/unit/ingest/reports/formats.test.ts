/** Every report layout from its generated fixture (src/lib/fixtures/reports.ts). */
import { describe, expect, it } from 'vitest';
import {
  hfAllResults,
  jsonLinesLog,
  jsonLinesRuns,
  lmEvalCurrent,
  lmEvalOld,
  pythonNanReport,
  seed004EvaluationResults,
  seed004TrainingResults,
  trackerExport,
  unknownReport,
  type ReportFixture,
} from '../../../../src/lib/fixtures';
import { readReport } from '../../../../src/lib/ingest/reports';

const read = (f: ReportFixture) => readReport(f.text, f.name);

describe('readReport: layouts', () => {
  it('fixtures are deterministic', () => {
    expect(trackerExport().text).toBe(trackerExport().text);
  });

  it('HF all_results.json: every value a metric, eval and train sample counts in notes', () => {
    const r = read(hfAllResults());
    expect(r.kind).toBe('hf-results');
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0].runId).toBe('all_results');
    expect(r.runs[0].metrics).toMatchObject({
      eval_accuracy: 0.8712,
      eval_loss: 0.3521,
      train_loss: 0.2814,
      epoch: 3,
    });
    expect(r.runs[0].notes.join(' ')).toMatch(/872 samples.*67,349 samples/);
  });

  it('a renamed HF file is still recognised by its keys', () => {
    expect(readReport(hfAllResults().text, 'metrics_final.json').kind).toBe('hf-results');
  });

  it('lm-eval older schema: <task>/<metric> and stderr, model from model_args', () => {
    const r = read(lmEvalOld());
    expect(r.kind).toBe('lm-eval');
    const run = r.runs[0];
    expect(run.runId).toBe('EleutherAI/pythia-410m/results');
    expect(run.metrics).toEqual({
      'hellaswag/acc': 0.4113,
      'hellaswag/acc_stderr': 0.0049,
      'hellaswag/acc_norm': 0.5312,
      'hellaswag/acc_norm_stderr': 0.005,
      'arc_easy/acc': 0.6014,
      'arc_easy/acc_stderr': 0.01,
    });
    expect(r.roles['hellaswag/acc_norm']).toMatchObject({ kind: 'metric', direction: 'max' });
    expect(r.roles['hellaswag/acc_stderr']).toEqual({ kind: 'ignore' });
  });

  it('lm-eval current schema: filters kept, "N/A" stderr missing, groups, limit and n as params', () => {
    const r = read(lmEvalCurrent());
    const run = r.runs[0];
    expect(run.runId).toBe('org/tiny-llm/results_2024-08-21T04-41-31');
    expect(run.metrics).toMatchObject({
      'gsm8k/strict-match/exact_match': 0.41,
      'gsm8k/flexible-extract/exact_match_stderr': 0.0499,
      'wikitext/word_perplexity': 16.2,
      'math/strict-match/exact_match': 0.41,
    });
    expect(run.metrics['wikitext/word_perplexity_stderr']).toBeUndefined();
    expect(run.notes.join(' ')).toMatch(/word_perplexity_stderr is "N\/A"/);
    expect(run.notes.join(' ')).toMatch(/at most 100 documents.*gsm8k: 100 documents of 1,319/);
    expect(run.params).toMatchObject({
      limit: 100,
      'gsm8k/n': 100,
      'gsm8k/n_shot': 5,
      model: 'org/tiny-llm',
    });
    expect(r.roles['wikitext/word_perplexity']).toMatchObject({ kind: 'metric', direction: 'min' });
  });

  it('seed 004 training_results.json: final losses, sizes in notes, per-epoch curves', () => {
    const r = read(seed004TrainingResults());
    expect(r.kind).toBe('training-report');
    const run = r.runs[0];
    expect(run.runId).toBe('fine-tuned');
    expect(run.metrics).toMatchObject({
      train_loss: 12.4703,
      val_loss: 7.0212,
      total_time: 6.19,
      total_steps: 21,
    });
    expect(run.params).toMatchObject({
      train_size: 54,
      val_size: 14,
      'config/learning_rate': 1e-5,
      'config/optimizer': 'AdamW',
    });
    expect(run.notes.join(' ')).toMatch(/val_size: 14/);
    const curves = r.curves?.curves ?? [];
    expect(curves.map((c) => c.metric)).toEqual(['train_loss', 'val_loss']);
    const [train, val] = curves;
    expect(Array.from(train.steps)).toEqual([1, 2, 3]);
    // The pathology the audit must find: validation below training at every epoch.
    expect(Array.from(val.values).every((v, i) => v < train.values[i])).toBe(true);
  });

  it('seed 004 evaluation_results.json: one run per variant, improvements kept as notes', () => {
    const r = read(seed004EvaluationResults());
    expect(r.kind).toBe('evaluation-comparison');
    expect(r.runs.map((x) => x.runId)).toEqual(['base', 'fine-tuned']);
    expect(r.runs[0].metrics).toEqual({ eval_loss: 10.7346, eval_perplexity: 45916.12 });
    expect(r.runs[1].metrics).toEqual({ eval_loss: 10.1501, eval_perplexity: 25593.58 });
    expect(r.runs[1].notes.join(' ')).toMatch(/perplexity_reduction_pct: 44.26/);
  });

  it('comparison in the metric-major and flat layouts', () => {
    const major = readReport('{"perplexity": {"base": 12, "finetuned": 9}}', 'eval.json');
    expect(major.runs.map((x) => [x.runId, x.metrics.eval_perplexity])).toEqual([
      ['base', 12],
      ['fine-tuned', 9],
    ]);
    const flat = readReport('{"base_accuracy": 0.2, "fine_tuned_accuracy": 0.5}', 'eval.json');
    expect(flat.runs.map((x) => x.metrics.eval_accuracy)).toEqual([0.2, 0.5]);
  });

  it('tracker export: config → params, last step metrics, per-sample results re-counted', () => {
    const r = read(trackerExport());
    expect(r.kind).toBe('tracker-export');
    const run = r.runs[0];
    expect(run.runId).toBe('exp_20250123_143022_a1b2c3');
    expect(run.params).toMatchObject({
      learning_rate: 5e-5,
      lora_rank: 8,
      status: 'completed',
      'gsm8k/per_sample_n': 100,
    });
    expect(run.metrics).toMatchObject({
      'train/loss': 0.6,
      'gsm8k/accuracy': 0.73,
      'gsm8k/partial_accuracy': 0.81,
    });
    expect(run.metrics.step).toBeUndefined();
    expect(run.notes.join(' ')).toMatch(
      /100 per-sample results, 73 of 100 correct.*matches the stated accuracy/,
    );
  });

  it('tracker export: a stated accuracy the samples do not reproduce is noted', () => {
    const text = trackerExport().text.replace('"accuracy": 0.73', '"accuracy": 0.9');
    expect(readReport(text, 'exp.json').runs[0].notes.join(' ')).toMatch(
      /states 0.9, which the samples do not reproduce/,
    );
  });

  it('JSON Lines with a run key: one run per line', () => {
    const r = read(jsonLinesRuns());
    expect(r.kind).toBe('json-lines');
    expect(r.runs.map((x) => [x.runId, x.metrics.val_loss, x.metrics.lr])).toEqual([
      ['run_0', 0.9, 1e-4],
      ['run_1', 0.7, 3e-4],
      ['run_2', 0.8, 1e-3],
    ]);
  });

  it('JSON Lines without a run key: the last record, NaN kept', () => {
    const r = read(jsonLinesLog());
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0].metrics).toEqual({ step: 30, loss: 0.5, grad_norm: NaN });
    expect(r.runs[0].notes.join(' ')).toMatch(/last of 3 records/);
  });

  it('Python NaN / Infinity tokens are read as numbers', () => {
    const r = read(pythonNanReport());
    expect(r.kind).toBe('hf-results');
    expect(r.runs[0].metrics).toMatchObject({ eval_loss: NaN, eval_perplexity: Infinity });
  });

  it('a syntax error is an invalid report with line and column', () => {
    const r = readReport('{\n  "eval_loss": 1.2,\n  "eval_acc": \n}', 'eval_results.json');
    expect(r.kind).toBe('invalid');
    expect(r.runs).toEqual([]);
    expect(r.issues[0]).toMatchObject({ code: 'invalid-json', line: 4, column: 1 });
  });

  it('unknown shape: numeric leaves by path, depth ≤ 6, a __proto__ key kept as data', () => {
    const r = read(unknownReport());
    expect(r.kind).toBe('generic');
    expect(r.runs[0].metrics).toEqual({
      '__proto__/polluted': 1,
      'summary/bleu': 31.2,
      'summary/chrf': 55,
    });
    expect(r.runs[0].params).toEqual({ model: 'm1' });
    expect(r.notUnderstood).toEqual([
      'tags (a list of 2 items)',
      'a/b/c/d/e/f (nested deeper than 6 levels)',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
