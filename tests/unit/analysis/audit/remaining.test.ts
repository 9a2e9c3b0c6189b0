/**
 * Issue 5 part 3, the remaining audit items: dry-run checkpoints, multiple-choice accuracy at
 * chance, ceilings, training-only reports and accuracy vs macro-F1, each with its quiet cases.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../../../src/lib/analysis';
import { choicesOf } from '../../../../src/lib/analysis/audit/mc-choices';
import {
  dryRunAllResults,
  hfAllResults,
  imbalancedClassifier,
  lmEvalAtChance,
  lmEvalCeiling,
  lmEvalOld,
  trainOnlyResults,
} from '../../../../src/lib/fixtures';
import { runDetector, settingsWith, tableFromColumns } from '../table-helper';
import { analyzeFiles, auditFindings, evidenceText, fixture } from './helpers';

const detector = (id: string) => DETECTORS.find((d) => d.id === id)!;
/** Public files written by others, beside the repository (CI always has them). */
const REAL = resolve(__dirname, '../../../../../shared/data/real');
const real = (path: string) => ({
  path: path.slice(path.lastIndexOf('/') + 1),
  text: readFileSync(`${REAL}/${path}`, 'utf8'),
});

describe('dry-run', () => {
  it('a max_steps=5 Trainer run: 0.24% of an epoch in 3.9 s, its evaluation reported', async () => {
    const found = auditFindings((await analyzeFiles([fixture(dryRunAllResults())])).summary);
    expect(found.map((f) => [f.detector, f.severity])).toEqual([['dry-run', 'warning']]);
    expect(found[0].title).toBe(
      'Run all_results: trained for only 0.24% of one epoch, yet its evaluation is reported as the result (a dry run?)',
    );
    expect(evidenceText(found[0])).toEqual([
      'share of one epoch trained = 0.24% (< 10%)',
      'training time (train_runtime) = 3.91 s (< 60 s)',
      'reported eval_accuracy = 0.5092',
    ]);
  });

  it('steps × batch against the training set size, and the step count itself', () => {
    const table = tableFromColumns({
      run: ['a', 'b'],
      max_steps: [40, 400],
      batch_size: [16, 16],
      train_samples: [50000, 50000],
      eval_accuracy: [0.55, 0.81],
    });
    const found = runDetector(detector('dry-run'), table);
    expect(found.map((f) => f.runIds)).toEqual([['a']]);
    expect(evidenceText(found[0]).slice(0, 2)).toEqual([
      'optimiser steps (max_steps) = 40 (≤ 50)',
      'share of one epoch trained = 1.3% (40 steps × batch 16 of 50,000 examples) (< 10%)',
    ]);
    // 400 steps of batch 16 are 13% of an epoch: not a dry run, and no longer one at 30 steps max.
    expect(
      runDetector(
        detector('dry-run'),
        table,
        settingsWith({
          dryRun: { maxSteps: 30, maxSeconds: 60, minEpochFraction: 0.01, maxRuns: 10 },
        }),
      ),
    ).toEqual([]);
  });

  it('quiet: a full Trainer run, a training-only run, a sweep of short trials, a runtime of unknown unit', async () => {
    for (const f of [hfAllResults(), trainOnlyResults()]) {
      const { summary } = await analyzeFiles([fixture(f)]);
      expect(
        summary.findings.filter((x) => x.detector === 'dry-run'),
        f.name,
      ).toEqual([]);
    }
    const sweep = tableFromColumns({
      trial: Array.from({ length: 12 }, (_, i) => i + 1),
      num_steps: Array.from({ length: 12 }, (_, i) => 20 + i),
      val_acc: Array.from({ length: 12 }, (_, i) => 0.6 + i / 100),
    });
    expect(runDetector(detector('dry-run'), sweep)).toEqual([]);
    // total_time of 6 may be minutes or hours: support for another signal, never enough alone.
    const minutes = tableFromColumns({ run: ['a'], total_time: [6], val_loss: [0.4] });
    expect(runDetector(detector('dry-run'), minutes)).toEqual([]);
    // 500 steps on a corpus of millions (0.8% of an epoch) is a max_steps fine-tune, not a dry run.
    const sft = tableFromColumns({
      run: ['sft'],
      max_steps: [500],
      batch_size: [16],
      train_samples: [1_000_000],
      eval_loss: [1.2],
    });
    expect(runDetector(detector('dry-run'), sft)).toEqual([]);
    // A small sweep of a small model: 45 s per trial is a real run.
    const quick = tableFromColumns({
      trial: [1, 2, 3],
      lr: [0.1, 0.01, 0.001],
      runtime_sec: [45, 52, 38],
      val_acc: [0.91, 0.95, 0.93],
    });
    expect(runDetector(detector('dry-run'), quick)).toEqual([]);
  });
});

describe('mc-at-chance', () => {
  it('pythia-70m: MMLU, ARC-Challenge and WinoGrande at chance, HellaSwag and PIQA above', async () => {
    const found = auditFindings((await analyzeFiles([fixture(lmEvalAtChance())])).summary);
    expect(found.map((f) => [f.detector, f.severity])).toEqual([['mc-at-chance', 'warning']]);
    expect(found[0].title).toBe(
      'Run EleutherAI/pythia-70m/results_2024-05-02T10-11-12: mmlu/acc 0.2465 is at the chance level of 0.25 (and 3 more)',
    );
    const metrics = found[0].evidence.filter((e) => e.column).map((e) => e.column);
    expect(metrics).toEqual([
      'mmlu/acc',
      'arc_challenge/acc',
      'arc_challenge/acc_norm',
      'winogrande/acc',
    ]);
    expect(evidenceText(found[0])).toContain(
      'chance level = 0.5 (1 / 2 answer choices (WinoGrande))',
    );
    expect(evidenceText(found[0])).toContain(
      '95% Wilson interval on 14,332 questions (count implied by the stderr) = 24%–25.4% (±0.7 points)',
    );
    expect(evidenceText(found[0])).toContain(
      '95% Wilson interval on 1,172 questions = 19.1%–23.8% (±2.3 points)',
    );
  });

  it('below chance by more than the margin is called below', () => {
    const table = tableFromColumns({ run: ['m'], 'arc_easy/acc': [0.2], 'boolq/acc': [0.38] });
    const [f] = runDetector(detector('mc-at-chance'), table);
    expect(f.title).toBe('Run m: arc_easy/acc 0.2 is below the chance level of 0.25 (and 1 more)');
  });

  it('quiet: pythia-410m (old schema), non-multiple-choice tasks, and where at-chance knows the classes', async () => {
    expect(auditFindings((await analyzeFiles([fixture(lmEvalOld())])).summary)).toEqual([]);
    const generative = tableFromColumns({ run: ['m'], 'gsm8k/acc': [0.2], 'cbt_cn/acc': [0.1] });
    expect(runDetector(detector('mc-at-chance'), generative)).toEqual([]);
    const classes = tableFromColumns({ run: ['m'], num_classes: [4], 'mmlu/acc': [0.25] });
    expect(runDetector(detector('mc-at-chance'), classes)).toEqual([]);
    expect(runDetector(detector('at-chance'), classes)).toHaveLength(1);
  });

  it('choice counts by task name, at word boundaries', () => {
    const count = (t: string) => choicesOf(t)?.count ?? null;
    expect(count('mmlu_professional_law')).toBe(4);
    expect(count('mmlu_pro_math')).toBe(10);
    expect(count('hendrycksTest-anatomy')).toBe(4);
    expect(count('arc_challenge')).toBe(4);
    expect(count('anli_r3')).toBe(3);
    expect(count('wsc273')).toBe(2);
    expect(count('cbt_cn')).toBeNull();
    expect(count('arcade')).toBeNull();
    expect(count('gsm8k')).toBeNull();
  });
});

describe('ceiling effect: already covered by floor-effect', () => {
  it('SciQ 0.992 ± 0.0028 (and acc_norm 0.981) at the ceiling, about 8 of 1,012 wrong', async () => {
    const found = auditFindings((await analyzeFiles([fixture(lmEvalCeiling())])).summary);
    expect(found.map((f) => f.detector)).toEqual(['floor-effect', 'floor-effect']);
    expect(found[0].title).toMatch(
      /sciq\/acc 0\.992 ± 0\.0028 is at the ceiling \(about 8 of 1,012 answers wrong\)$/,
    );
  });
});

describe('training-only report: already covered by eval-missing', () => {
  it('a Trainer train_results.json alone gets eval-missing and no audit finding', async () => {
    const { summary } = await analyzeFiles([fixture(trainOnlyResults())]);
    expect(summary.findings.map((f) => f.detector)).toEqual(['eval-missing']);
    expect(auditFindings(summary)).toEqual([]);
  });
});

describe('accuracy-vs-f1', () => {
  it('accuracy 0.9125 with macro-F1 0.5104 on a 90/10 set', async () => {
    const found = auditFindings((await analyzeFiles([fixture(imbalancedClassifier())])).summary);
    expect(found.map((f) => [f.detector, f.severity])).toEqual([['accuracy-vs-f1', 'warning']]);
    expect(found[0].title).toBe(
      'Run all_results: eval_accuracy 0.9125 but eval_f1_macro 0.5104 (gap 0.402): accuracy hides the minority classes',
    );
    expect(evidenceText(found[0])).toEqual([
      'eval_accuracy = 0.9125',
      'eval_accuracy − eval_f1_macro = 0.402 (> 0.15)',
    ]);
  });

  it('a stated majority-class rate not beaten is critical; percent scales compare as such', () => {
    const table = tableFromColumns({
      run: ['a', 'b'],
      test_acc: [88, 93],
      test_macro_f1: [80, 85],
      majority_baseline: [90, 90],
    });
    const found = runDetector(detector('accuracy-vs-f1'), table);
    expect(found.map((f) => [f.runIds[0], f.severity])).toEqual([['a', 'critical']]);
    expect(found[0].title).toBe(
      'Run a: test_acc 88 does not beat the majority-class rate: accuracy hides the minority classes',
    );
  });

  it('a sweep where every trial disagrees gets one finding, not one per trial', () => {
    const table = tableFromColumns({
      trial: [1, 2, 3, 4, 5],
      lr: [1e-4, 3e-4, 1e-3, 3e-3, 1e-2],
      val_accuracy: [0.9, 0.91, 0.9, 0.92, 0.9],
      val_macro_f1: [0.5, 0.55, 0.47, 0.6, 0.47],
    });
    const found = runDetector(detector('accuracy-vs-f1'), table);
    expect(found).toHaveLength(1);
    expect(found[0].runIds).toEqual(['1', '2', '3', '4', '5']);
    expect(found[0].title).toMatch(/^5 runs: e\.g\. val_accuracy 0\.9 but val_macro_f1 0\.5/);
  });

  it('quiet: balanced classes, a gap at the threshold, accuracy with no macro-F1', async () => {
    const balanced = await analyzeFiles([fixture(imbalancedClassifier(true))]);
    expect(auditFindings(balanced.summary)).toEqual([]);
    const edge = tableFromColumns({
      run: ['a'],
      val_acc: [0.8],
      val_f1_macro: [0.65],
      test_macro_f1: [0.1],
    });
    expect(runDetector(detector('accuracy-vs-f1'), edge)).toEqual([]);
  });
});

describe.runIf(existsSync(REAL))('real files', () => {
  it('the 3-point LR sweep (accuracy 0.62–0.64, macro-F1 0.61–0.62) is quiet', async () => {
    const { summary } = await analyzeFiles([real('sweep_csv/finetune_lr_sweep_3pts.csv')]);
    expect(auditFindings(summary)).toEqual([]);
  });

  it('trainer_state files: 120–125-step runs are not dry runs', async () => {
    for (const name of [
      'qwen05b_verifier_full_ft_healthy.json',
      'falcon_lora_imdb_125steps.json',
    ]) {
      const { summary } = await analyzeFiles([real(`trainer_state/${name}`)]);
      expect(
        summary.findings.filter((f) => f.detector === 'dry-run'),
        name,
      ).toEqual([]);
    }
    // The healthy Qwen run has total_steps 120 and an eval_loss: judged, not skipped.
    const { ds } = await analyzeFiles([
      real('trainer_state/qwen05b_verifier_full_ft_healthy.json'),
    ]);
    const lenient = { maxSteps: 150, maxSeconds: 60, minEpochFraction: 0.1, maxRuns: 10 };
    const found = runDetector(detector('dry-run'), ds.table, settingsWith({ dryRun: lenient }));
    expect(evidenceText(found[0])[0]).toBe('optimiser steps (total_steps) = 120 (≤ 150)');
  });
});
