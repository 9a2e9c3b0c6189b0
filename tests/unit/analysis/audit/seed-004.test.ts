/** Issue 5's done-when: a seed-004-shaped report pair yields the tiny set, val < train, perplexity, dry run. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../src/lib/analysis/settings';
import { valBelowTrainOnCurves } from '../../../../src/lib/analysis/audit/val-below-train-curves';
import { seed004EvaluationResults, seed004TrainingResults } from '../../../../src/lib/fixtures';
import { analyzeFiles, auditFindings, evidenceText, fixture } from './helpers';

const pair = () =>
  analyzeFiles([fixture(seed004TrainingResults()), fixture(seed004EvaluationResults())]);

describe('the seed-004 report pair', () => {
  it('fires tiny-eval-set, val-below-train, implausible-loss-scale and dry-run, nothing else of the audit', async () => {
    const { summary } = await pair();
    expect(auditFindings(summary).map((f) => [f.detector, f.runIds[0]])).toEqual([
      ['implausible-loss-scale', 'fine-tuned'],
      ['implausible-loss-scale', 'base'],
      ['val-below-train', 'fine-tuned'],
      ['tiny-eval-set', 'fine-tuned'],
      ['dry-run', 'fine-tuned'],
    ]);
  });

  it('dry-run: 21 optimiser steps (6.19 s, unit not stated) evaluated as the fine-tuned model', async () => {
    const f = auditFindings((await pair()).summary).find((x) => x.detector === 'dry-run');
    expect(f?.title).toBe(
      'Run fine-tuned: trained for only 21 optimiser steps, yet its evaluation is reported as the result (a dry run?)',
    );
    expect(evidenceText(f!)).toEqual([
      'optimiser steps (total_steps) = 21 (≤ 50)',
      'total_time (unit not stated) = 6.19',
      'reported val_loss = 7.021',
    ]);
  });

  it('tiny-eval-set: 14 validation and 54 training examples, with the ±23-point interval', async () => {
    const f = auditFindings((await pair()).summary).find((x) => x.detector === 'tiny-eval-set');
    expect(f?.severity).toBe('warning');
    expect(f?.title).toBe(
      'Run fine-tuned: evaluated on 14 examples, trained on 54 examples: any accuracy measured on it is ±23.2 points',
    );
    expect(evidenceText(f!)).toEqual([
      'training examples (train_size) = 54 (< 100)',
      'evaluation examples (val_size) = 14 (< 100)',
      '95% Wilson interval of a 50% accuracy on 14 examples = 26.8%–73.2% (±23.2 points)',
    ]);
  });

  it('val-below-train in the analysis is the per-epoch finding, marked on the curve, not repeated', async () => {
    const found = auditFindings((await pair()).summary).filter(
      (x) => x.detector === 'val-below-train',
    );
    expect(found).toHaveLength(1);
    expect(found[0].title).toMatch(/at every one of 3 evaluations/);
    expect(found[0].curve?.metric).toBe('val_loss');
    expect(found[0].rows).toHaveLength(1);
  });

  it('val-below-train on the per-epoch curves says "at every epoch"', async () => {
    const { ds } = await pair();
    const findings = valBelowTrainOnCurves(ds.curves!, DEFAULT_SETTINGS);
    expect(findings).toHaveLength(1);
    expect(findings[0].title).toMatch(
      /below train_loss at every one of 3 evaluations \(7\.021 vs 12\.47 at the end\)$/,
    );
    expect(evidenceText(findings[0])[1]).toBe(
      'val_loss / train_loss, per evaluation = 0.45, 0.43, 0.56 (every one ≤ 0.8 (highest 0.563))',
    );
    // One epoch above the ratio and "every epoch" no longer holds.
    const set = structuredClone(ds.curves!);
    const val = set.curves.find((c) => c.metric === 'val_loss')!;
    val.values[1] = 30;
    expect(valBelowTrainOnCurves(set, DEFAULT_SETTINGS)).toEqual([]);
  });

  it('implausible-loss-scale: perplexity 25,594 after a "44% reduction" from 45,916', async () => {
    const [ft, base] = auditFindings((await pair()).summary).filter(
      (x) => x.detector === 'implausible-loss-scale',
    );
    expect(ft.severity).toBe('critical');
    expect(ft.title).toBe(
      'Run fine-tuned: eval_perplexity 25,594 is at the level of a uniform guess over 32,000 tokens (loss ln 32,000 ≈ 10.4)',
    );
    expect(evidenceText(ft)).toEqual([
      'eval_perplexity = 25,594 (≥ 1,000; a uniform guess over 32,000 tokens scores 32,000)',
      'eval_perplexity of the other runs, also implausible = base 45,916',
      'train_loss = 12.47 (> ln(32,000) ≈ 10.4 (vocabSize setting))',
    ]);
    expect(evidenceText(base)).toContain(
      'eval_loss = 10.73 (> ln(32,000) ≈ 10.4 (vocabSize setting))',
    );
  });
});
