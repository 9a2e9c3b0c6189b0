/** compareForView on report fixtures read as the page reads them: config diff, winners, tests. */
import { describe, expect, it } from 'vitest';
import { compareForView } from '../../../../src/lib/analysis/compare';
import { baseVsTunedWithinNoise, lmEvalOld, trackerComparison } from '../../../../src/lib/fixtures';
import { analyzeFiles, fixture } from '../audit/helpers';

/** lmEvalOld as a second model: other name, given scores. */
function lmEvalModel(model: string, hellaswag: number, arc: number) {
  const f = lmEvalOld();
  return {
    path: `${model}/results.json`,
    text: f.text
      .replace('EleutherAI/pythia-410m', `EleutherAI/${model}`)
      .replace('"acc": 0.4113', `"acc": ${hellaswag}`)
      .replace('"acc": 0.6014', `"acc": ${arc}`),
  };
}

describe('compare runs', () => {
  it('tracker runs with per-sample results: paired bootstrap, config diff, winner', async () => {
    const { ds, summary } = await analyzeFiles([fixture(trackerComparison())]);
    expect(ds.samples?.map((s) => [s.runId, s.metric, s.ids.length])).toEqual([
      ['exp_a', 'gsm8k/accuracy', 400],
      ['exp_b', 'gsm8k/accuracy', 400],
      ['exp_c', 'gsm8k/accuracy', 400],
    ]);
    const { comparison } = compareForView(ds, summary, {
      runIds: ['exp_a', 'exp_b', 'exp_c'],
      metric: 'gsm8k/accuracy',
    });
    expect(comparison).not.toBeNull();
    const c = comparison!;
    // learning_rate differs; base_model, lora_rank, num_steps… are equal and hidden.
    expect(c.config.map((r) => r.key)).toContain('learning_rate');
    expect(c.config.find((r) => r.key === 'learning_rate')?.values).toEqual([
      '1e-5',
      '5e-5',
      '2e-5',
    ]);
    expect(c.config.map((r) => r.key)).not.toContain('lora_rank');
    expect(c.hiddenConfig).toBeGreaterThanOrEqual(3);
    const acc = c.metrics[0];
    expect(acc.metric).toBe('gsm8k/accuracy');
    expect(acc.winners).toEqual([1]);
    const [vsA, , vsC] = acc.tests;
    expect(acc.tests[1]).toBeNull();
    expect(vsA?.kind).toBe('paired-bootstrap');
    expect(vsA?.method).toMatch(
      /^paired bootstrap over 400 shared examples, 10,000 resamples \(seed /,
    );
    expect(vsA?.difference).toBeCloseTo(-35 / 400, 12);
    expect(vsA?.pValue).toBeLessThan(0.01);
    // exp_c vs exp_b: 2 more right than exp_a against 35: still a real gap, exp_c vs exp_a is not.
    expect(vsC?.pValue).toBeLessThan(0.01);
    const ac = compareForView(ds, summary, { runIds: ['exp_a', 'exp_c'] }).comparison!;
    const t = ac.metrics.find((m) => m.metric === 'gsm8k/accuracy')!;
    expect(t.winners).toEqual([1]);
    expect(t.tests[0]?.pValue).toBeGreaterThan(0.2);
    expect(t.tests[0]?.interval?.low).toBeLessThan(0);
    // Lower is better for a loss: the winner is the smallest train/loss.
    const loss = c.metrics.find((m) => m.metric === 'train/loss');
    expect(loss?.direction).toBe('min');
    expect(loss?.winners).toEqual([1]);
    expect(loss?.tests[0]?.kind).toBe('none');
    expect(loss?.tests[0]?.method).toBe(
      'no test possible: no per-sample results, stderr or sample count',
    );
  });

  it('lm-eval models: z-test from stderr; the leaderboard has ± intervals', async () => {
    const { ds, summary } = await analyzeFiles([
      lmEvalModel('pythia-410m', 0.4113, 0.6014),
      lmEvalModel('pythia-1b', 0.4713, 0.6114),
    ]);
    const ids = summary.runIds;
    expect(ids).toHaveLength(2);
    const { comparison, leaderboard, metrics } = compareForView(ds, summary, {
      runIds: ids,
      metric: 'hellaswag/acc',
    });
    expect(metrics).toContain('hellaswag/acc');
    expect(metrics.some((m) => m.endsWith('_stderr'))).toBe(false);
    const h = comparison!.metrics[0];
    expect(h.metric).toBe('hellaswag/acc');
    expect(h.winners).toEqual([1]);
    expect(h.tests[0]?.kind).toBe('stderr-z');
    expect(h.tests[0]?.pValue).toBeLessThan(1e-6);
    const arc = comparison!.metrics.find((m) => m.metric === 'arc_easy/acc')!;
    expect(arc.tests[0]?.pValue).toBeGreaterThan(0.4);
    expect(comparison!.config.map((r) => r.key)).toContain('model');
    expect(leaderboard?.metric).toBe('hellaswag/acc');
    expect(leaderboard?.entries.map((e) => [e.rank, e.value, e.intervalFrom])).toEqual([
      [1, 0.4713, 'stderr'],
      [2, 0.4113, 'stderr'],
    ]);
    expect(leaderboard!.entries[0].interval!.high - 0.4713).toBeCloseTo(1.96 * 0.0049, 3);
  });

  it('base vs fine-tuned accuracy on 250 examples: two-proportion test, binomial intervals', async () => {
    const { ds, summary } = await analyzeFiles([fixture(baseVsTunedWithinNoise())]);
    const { comparison, leaderboard } = compareForView(ds, summary, {
      runIds: ['base', 'fine-tuned'],
      metric: 'eval_accuracy',
    });
    const acc = comparison!.metrics[0];
    expect(acc.metric).toBe('eval_accuracy');
    expect(acc.winners).toEqual([1]);
    expect(acc.tests[0]?.kind).toBe('two-proportion');
    expect(acc.tests[0]?.pValue).toBeGreaterThan(0.5);
    expect(leaderboard?.entries.map((e) => e.intervalFrom)).toEqual(['binomial', 'binomial']);
  });

  it('unknown and surplus runs are reported; one run gives no comparison', async () => {
    const { ds, summary } = await analyzeFiles([fixture(trackerComparison())]);
    const c = compareForView(ds, summary, {
      runIds: ['exp_a', 'nope', 'exp_b', 'exp_c', 'exp_a'],
    }).comparison!;
    expect(c.missing).toEqual(['nope']);
    expect(c.runIds).toEqual(['exp_a', 'exp_b', 'exp_c']);
    expect(compareForView(ds, summary, { runIds: ['exp_a'] }).comparison).toBeNull();
  });
});
