/** The audit detectors on the other report fixtures, on real report files, and quiet on sweeps. */
import { resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../../../src/lib/analysis';
import {
  describeInterval,
  impliedCount,
  wilsonInterval,
} from '../../../../src/lib/analysis/audit/interval';
import {
  hfAllResults,
  lmEvalCurrent,
  lmEvalOld,
  trackerExport,
} from '../../../../src/lib/fixtures';
import { findingsOnGeneratedSweeps } from '../detectors/helpers';
import { runDetector, seedSampleTable, tableFromColumns } from '../table-helper';
import { analyzeFiles, auditFindings, evidenceText, fixture, REPORT_DETECTORS } from './helpers';

const REAL = resolve(__dirname, '../../../../../shared/data/real/eval_json');
const real = (name: string) => ({ path: name, text: readFileSync(`${REAL}/${name}`, 'utf8') });
const audit = REPORT_DETECTORS.map((id) => DETECTORS.find((d) => d.id === id)!);

describe('binomial intervals', () => {
  it('14 examples put ±23 points on a 50% accuracy; 100 examples ±9.6', () => {
    expect(describeInterval(wilsonInterval(0.5, 14))).toBe('26.8%–73.2% (±23.2 points)');
    expect(describeInterval(wilsonInterval(0.5, 100))).toBe('40.4%–59.6% (±9.6 points)');
    expect(impliedCount(0.00834, 0.002505)).toBe(1318);
    expect(impliedCount(0, 0.1)).toBeNull();
  });
});

describe('report fixtures', () => {
  it('lm-eval with limit = 100: limited-eval warns; 62 wikitext documents are not a tiny set', async () => {
    const found = auditFindings((await analyzeFiles([fixture(lmEvalCurrent())])).summary);
    expect(found.map((f) => [f.detector, f.severity])).toEqual([['limited-eval', 'warning']]);
    expect(found[0].title).toBe(
      'Run org/tiny-llm/results_2024-08-21T04-41-31: evaluated with limit = 100, on a subset of each task',
    );
    expect(evidenceText(found[0])).toContain('gsm8k: documents scored = 100');
  });

  it('healthy reports stay quiet: Trainer all_results, old lm-eval, a tracker export', async () => {
    for (const f of [hfAllResults(), lmEvalOld(), trackerExport()]) {
      const { summary } = await analyzeFiles([fixture(f)]);
      expect(auditFindings(summary), f.name).toEqual([]);
    }
  });
});

describe.runIf(existsSync(REAL))('real report files', () => {
  it('bloom-1b1 GSM8K 8-shot 0.0083 ± 0.0025: floor effect, 11 of ~1,318 right', async () => {
    const { summary } = await analyzeFiles([real('lmeval_v03_bloom1b1_gsm8k_8shot.json')]);
    const found = auditFindings(summary);
    expect(found.map((f) => f.detector)).toEqual(['floor-effect']);
    expect(found[0].title).toMatch(
      /gsm8k\/acc 0\.00834 ± 0\.002505 is at the floor \(about 11 of 1,318 answers right\)$/,
    );
  });

  it('T5 eval_results on 13,368 samples: quiet', async () => {
    const { summary } = await analyzeFiles([real('hf_eval_results_t5_summarization_rouge.json')]);
    expect(auditFindings(summary)).toEqual([]);
  });

  it('Qwen3 train_results: no evaluation at all, reported by eval-missing', async () => {
    const { summary } = await analyzeFiles([real('hf_train_results_qwen3_lora.json')]);
    expect(auditFindings(summary)).toEqual([]);
    expect(summary.findings.map((f) => f.detector)).toEqual(['eval-missing']);
  });

  it('Llama-3 PEFT asdiv with limit 512: limited-eval as info (above 500 documents)', async () => {
    const { summary } = await analyzeFiles([
      real('lmeval_v04_llama3_peft_epoch5_asdiv_limit512.json'),
    ]);
    expect(auditFindings(summary).map((f) => [f.detector, f.severity])).toEqual([
      ['limited-eval', 'info'],
    ]);
  });
});

describe('quiet on sweeps', () => {
  it('no audit finding on 20 healthy and 6 planted generated sweeps, nor the seed sample', () => {
    for (const detector of audit) {
      expect(findingsOnGeneratedSweeps(detector), detector.id).toEqual([]);
      expect(runDetector(detector, seedSampleTable()), detector.id).toEqual([]);
    }
  });

  it('sweep parameters that look like sizes or limits are not read as such', () => {
    const table = tableFromColumns({
      trial: [1, 2, 3],
      test_size: [0.2, 0.25, 0.3],
      limit: [10, 20, 30],
      n: [5, 10, 20],
      val_loss: [0.5, 0.4, 0.45],
      val_acc: [0.97, 0.98, 0.99],
    });
    for (const detector of audit) expect(runDetector(detector, table), detector.id).toEqual([]);
  });

  it('an MSE loss in the hundreds is not judged without a perplexity or a vocabulary size', () => {
    const table = tableFromColumns({ trial: [1, 2], lr: [0.1, 0.01], val_loss: [250, 300] });
    const scale = audit.find((d) => d.id === 'implausible-loss-scale')!;
    expect(runDetector(scale, table)).toEqual([]);
    const withVocab = tableFromColumns({
      trial: [1, 2],
      vocab_size: [50257, 50257],
      val_loss: [11.2, 3.1],
    });
    expect(runDetector(scale, withVocab).map((f) => f.title)).toEqual([
      'Trial 1: val_loss 11.2 is at the level of a uniform guess over 50,257 tokens (loss ln 50,257 ≈ 10.8)',
    ]);
  });
});
