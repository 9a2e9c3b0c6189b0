/** within-noise: base-vs-fine-tuned and best-vs-runner-up differences inside their 95% interval. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withinNoise } from '../../../../src/lib/analysis/detectors';
import {
  baseVsTunedWithinNoise,
  lmEvalOld,
  seed004EvaluationResults,
  seed004TrainingResults,
  trackerComparison,
} from '../../../../src/lib/fixtures';
import type { AnalysisSummary } from '../../../../src/lib/model';
import { analyzeFiles, evidenceText, fixture } from '../audit/helpers';
import { findingsOnGeneratedSweeps } from './helpers';
import { runDetector, seedSampleTable } from '../table-helper';

const REAL = resolve(__dirname, '../../../../../shared/data/real/eval_json');
const real = (name: string) => readFileSync(`${REAL}/${name}`, 'utf8');
const ofDetector = (s: AnalysisSummary) => s.findings.filter((f) => f.detector === 'within-noise');

function lmEvalModel(model: string, hellaswag: number, arc: number) {
  return {
    path: `${model}.json`,
    text: lmEvalOld()
      .text.replace('EleutherAI/pythia-410m', `EleutherAI/${model}`)
      .replace('"acc": 0.4113', `"acc": ${hellaswag}`)
      .replace('"acc": 0.6014', `"acc": ${arc}`),
  };
}

describe('within-noise', () => {
  it('a 1.2-point gain on 250 examples is within noise: ±8.5 points', async () => {
    const { summary } = await analyzeFiles([fixture(baseVsTunedWithinNoise())]);
    const found = ofDetector(summary);
    expect(found).toHaveLength(1);
    const f = found[0];
    expect(f.severity).toBe('warning');
    expect(f.runIds).toEqual(['fine-tuned', 'base']);
    expect(f.title).toBe(
      'Run fine-tuned vs the base model: a 1.2-point gain on eval_accuracy (250 examples) is within noise, the 95% interval of the difference is ±8.5 points',
    );
    expect(evidenceText(f)[0]).toMatch(
      /^eval_accuracy: fine-tuned − base = \+1\.2 points \(\|difference\| < ±8\.5 points = 1\.96·√\(p₁\(1−p₁\)\/n₁ \+ p₂\(1−p₂\)\/n₂\) on 250 and 250 examples\)$/,
    );
    // (1.96² · (0.612·0.388 + 0.624·0.376)) / 0.012² ≈ 12,600 examples per model.
    expect(evidenceText(f)[1]).toMatch(
      /^examples per model to resolve this difference = 12,5\d\d$/,
    );
    expect(f.recommendation).toContain('paired test');
  });

  it('a real gain on the same 250 examples stays quiet', async () => {
    const text = baseVsTunedWithinNoise().text.replace('"accuracy": 0.624', '"accuracy": 0.74');
    const { summary } = await analyzeFiles([{ path: 'evaluation_results.json', text }]);
    expect(ofDetector(summary)).toEqual([]);
  });

  it('two lm-eval models 0.4 points apart with stderr 0.0049: best vs runner-up is info', async () => {
    const { summary } = await analyzeFiles([
      lmEvalModel('pythia-410m', 0.4113, 0.6014),
      lmEvalModel('pythia-1b', 0.4153, 0.7014),
    ]);
    const found = ofDetector(summary);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('info');
    expect(found[0].title).toMatch(
      /^Run pythia-1b \(best\) vs pythia-410m \(runner-up\): a 0\.4-point difference on hellaswag\/acc is within noise, the 95% interval of the difference is ±1\.4 points/,
    );
    // arc_easy: 10 points apart with stderr 0.01 is a real difference, not listed.
    expect(found[0].evidence.map((e) => e.column)).not.toContain('arc_easy/acc');
    expect(evidenceText(found[0])[0]).toContain('1.96·√(se₁² + se₂²), se 0.0049 and 0.0049');
  });

  it('tracker experiments with sample counts: only the pair inside the noise', async () => {
    const { summary } = await analyzeFiles([fixture(trackerComparison())]);
    // exp_b (best) leads exp_c (runner-up) by 33 of 400 problems: outside ±6.6 points.
    expect(ofDetector(summary)).toEqual([]);
  });

  it('stays quiet without stderr or counts (seed 004 loss/perplexity) and on sweeps', async () => {
    const { summary } = await analyzeFiles([
      fixture(seed004TrainingResults()),
      fixture(seed004EvaluationResults()),
    ]);
    expect(ofDetector(summary)).toEqual([]);
    expect(findingsOnGeneratedSweeps(withinNoise)).toEqual([]);
    expect(runDetector(withinNoise, seedSampleTable())).toEqual([]);
  });
});

describe.runIf(existsSync(REAL))('within-noise on real lm-eval files', () => {
  const asdiv = 'lmeval_v04_llama3_peft_epoch5_asdiv_limit512.json';

  it('different tasks (bloom GSM8K, llama3 ASDiv) are not compared', async () => {
    const { summary } = await analyzeFiles([
      { path: asdiv, text: real(asdiv) },
      {
        path: 'lmeval_v03_bloom1b1_gsm8k_8shot.json',
        text: real('lmeval_v03_bloom1b1_gsm8k_8shot.json'),
      },
    ]);
    expect(ofDetector(summary)).toEqual([]);
  });

  it('the epoch-5 checkpoint 0.6 points above an epoch-4 one (±3.8) is within noise', async () => {
    const text = real(asdiv);
    const epoch4 = text.replaceAll('0.892578125', '0.88671875').replaceAll('epoch5', 'epoch4');
    const { summary } = await analyzeFiles([
      { path: asdiv, text },
      { path: asdiv.replace('epoch5', 'epoch4'), text: epoch4 },
    ]);
    const found = ofDetector(summary);
    expect(found).toHaveLength(1);
    expect(found[0].title).toMatch(
      /epoch5.*\(best\) vs .*epoch4.* \(runner-up\): a 0\.59-point difference on asdiv_cot_llama\/strict-match\/exact_match is within noise, the 95% interval of the difference is ±3\.8 points \(and 1 more metric\)$/,
    );
  });
});
