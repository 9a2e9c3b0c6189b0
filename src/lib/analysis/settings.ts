/** Default detector thresholds, each with the one-line reason it has that value. */
import type { DetectorSettings } from '../model';

export const DEFAULT_SETTINGS: DetectorSettings = {
  overfitting: { lossRatio: 1.5, accuracyGap: 0.1, minBudgetFraction: 0.5 },
  shortRun: { fractionOfMedian: 0.5, minTrials: 4 },
  association: { buckets: 4 },
  metricOutOfRange: { tolerance: 1e-6 },
  atChance: { chanceLevel: null, margin: 0.1 },
  collapsedTrials: { minTrials: 3, tolerance: 1e-6 },
  tooGood: { lossFloor: 1e-6, judgeTrainingMetrics: false },
  seedVariance: { minRatio: 2, unstableRatio: 4 },
  duplicateResults: { tolerance: 1e-6 },
  edgeOfRange: {
    topFraction: 0.1,
    minTopTrials: 3,
    minValues: 3,
    edgeFraction: 0.2,
    maxPValue: 0.01,
    minTrials: 8,
  },
  confoundedParams: { minCorrelation: 0.9, minTrials: 8 },
  valuesTriedOnce: { maxValues: 10 },
  smallSweep: { trialsPerParam: 10, minTrials: 5 },
  flatSweep: {
    noiseMultiplier: 2,
    relativeSpread: 0.05,
    minConfigs: 3,
    alpha: 0.05,
    minRankTrials: 20,
    rankRelativeSpread: 0.5,
  },
  tinyEvalSet: { minEvalExamples: 100, minTrainExamples: 100 },
  valBelowTrain: { maxRatio: 0.8, minEpochs: 2 },
  implausibleLossScale: { vocabSize: 32000, maxPerplexity: 1000 },
  limitedEval: { severeBelow: 500 },
  floorEffect: { margin: 0.05 },
  withinNoise: { zCritical: 1.96, maxRuns: 10 },
  dryRun: { maxSteps: 50, maxSeconds: 60, minEpochFraction: 0.1, maxRuns: 10 },
  mcAtChance: { margin: 0.1 },
  accuracyVsF1: { maxGap: 0.15 },
  curvePoints: { minPoints: 5 },
  curveSmoothing: { weight: 0.6 },
  curveSpikes: {
    window: 10,
    minHistoryPoints: 1,
    noiseMultiplier: 6,
    minRise: 0.3,
    minRangeFraction: 0.05,
  },
  curveDivergence: { giveBack: 0.5, tailFraction: 0.25 },
  curvePlateau: { minImprovement: 0.1, minPoints: 8 },
  curveStillImproving: { tailFraction: 0.25, minTailDrop: 0.05, minRateShare: 0.25 },
  curveOverfitting: { risingEvaluations: 3, wideningEvaluations: 5, minGapFraction: 0.05 },
  curveGradNorm: { ratio: 5, minHistoryPoints: 3 },
  curveBudget: { siblingFraction: 0.5, minSiblingRuns: 3, minExamples: 500 },
};

/**
 * Labels and descriptions of the curve sections for the Settings cell (sweep sections take theirs
 * from the detector with the same id; curve sections group thresholds shared by several detectors).
 */
export const SETTING_SECTIONS: Readonly<Record<string, { label: string; description: string }>> = {
  curvePoints: {
    label: 'Curves: points needed',
    description: 'How many points a training curve needs before the curve detectors judge it.',
  },
  curveSmoothing: {
    label: 'Curves: smoothing',
    description: 'The EMA the curve detectors and the leaderboard smooth curves with.',
  },
  curveSpikes: {
    label: 'Curves: loss spikes',
    description: 'When a loss point is far enough above its recent level to be a spike.',
  },
  curveDivergence: {
    label: 'Curves: divergence',
    description: 'When a training loss climbing back from its minimum is divergence.',
  },
  curvePlateau: {
    label: 'Curves: plateau',
    description: 'When a loss that hardly improved over the run is a plateau.',
  },
  curveStillImproving: {
    label: 'Curves: still improving',
    description: 'When a loss still falling steeply at the end marks an undertrained run.',
  },
  curveOverfitting: {
    label: 'Curves: overfitting onset',
    description: 'When a rising held-out loss or a growing train/held-out gap is overfitting.',
  },
  curveGradNorm: {
    label: 'Curves: gradient-norm explosions',
    description: 'When a gradient norm is far enough above its running median to be an explosion.',
  },
  curveBudget: {
    label: 'Curves: stopped early',
    description: 'When a run ended far short of its planned budget or of its siblings.',
  },
};

type Rationales = {
  [Group in keyof DetectorSettings]: Record<keyof DetectorSettings[Group], string>;
};

export const SETTING_RATIONALES: Rationales = {
  overfitting: {
    lossRatio:
      'A validation loss 50% above the training loss is well beyond the few-percent gap of a model that generalises.',
    accuracyGap:
      'Ten accuracy points between train and validation is more than split noise on any realistic validation set.',
    minBudgetFraction:
      'Runs with less than half the typical budget are judged by the short-run detector; their early gap is noise.',
  },
  shortRun: {
    fractionOfMedian:
      'Half the typical budget is far outside the normal spread of a sweep (18–25 epochs is healthy), so only truly cut-short runs fire.',
    minTrials: 'With fewer than four budgets the median is not a trustworthy "typical" run.',
  },
  association: {
    buckets:
      'Quartiles keep several trials per bucket in sweeps of a few dozen trials while still separating low from high values.',
  },
  metricOutOfRange: {
    tolerance:
      'One part in a million absorbs float rounding (0.1 + 0.2 style) without hiding a real 1.5 accuracy.',
  },
  atChance: {
    chanceLevel:
      'Left empty, chance is 1 / classes from a classes column or a known dataset (CIFAR-10 → 0.1); set it when neither is in the file.',
    margin:
      'Within 10% of chance (≤ 11% for 10 classes, ≤ 55% for 2) a model is practically guessing; real learners beat chance by far more.',
  },
  collapsedTrials: {
    minTrials:
      'Two configs can tie by coincidence; three or more with the exact same value point to a constant predictor or a setting that does nothing.',
    tolerance:
      'Values equal to six significant digits are the same result printed differently, not a coincidence.',
  },
  tooGood: {
    lossFloor:
      'A held-out loss below one in a million means (near-)certain, always-right predictions, which real held-out data does not allow.',
    judgeTrainingMetrics:
      'Off: a large model that fits its training set perfectly is normal; the overfitting detector judges the train/held-out gap.',
  },
  seedVariance: {
    minRatio:
      'Unless configs differ by at least twice the seed-to-seed spread, the ranking of configs is mostly luck.',
    unstableRatio:
      'A config whose seeds spread four times as much as those of a typical config (and beyond chance by a χ² test over all configs) has a seed that diverged or fell into a bad minimum.',
  },
  duplicateResults: {
    tolerance:
      'Values equal to six significant digits are the same result printed differently, not a coincidence.',
  },
  edgeOfRange: {
    topFraction:
      'The best tenth of a sweep shows where good configs are without being one lucky trial.',
    minTopTrials: 'Three best trials at least, so one lucky trial at the edge does not fire.',
    minValues:
      'With two values every trial is at an edge; three or more make a range with an inside.',
    edgeFraction:
      'For continuously sampled settings, the outer fifth of the range (log scale for rates) is where the best trials sit when the optimum lies beyond it; on a grid the edge is the extreme value.',
    maxPValue:
      'At 1% both the clustering of the best trials at the edge and the trend towards it must be unlikely to be luck, so a sweep where nothing matters almost never fires.',
    minTrials:
      'Below eight trials "the best tenth" is one or two runs: too few to locate an optimum.',
  },
  confoundedParams: {
    minCorrelation:
      'At |ρ| ≥ 0.9 the two settings move together in almost every trial, so no analysis can tell their effects apart.',
    minTrials:
      'With fewer than eight trials a rank correlation of 0.9 happens by chance too often.',
  },
  valuesTriedOnce: {
    maxValues:
      'Ten or fewer distinct values is a grid or a choice list, where each value should be tried more than once; more is continuous sampling.',
  },
  smallSweep: {
    trialsPerParam:
      'Random search needs roughly ten trials per hyperparameter before their effects separate from noise.',
    minTrials: 'Below five trials no pattern, best config or range can be told from luck.',
  },
  flatSweep: {
    noiseMultiplier:
      'Two standard errors is the usual 95% line: a best − worst difference below it is indistinguishable from noise.',
    relativeSpread:
      'Without any noise estimate, configs within 5% of each other (of the error rate for accuracies) are too close to rank.',
    minConfigs: 'Two configs are a comparison, not a sweep; three or more make "flat" meaningful.',
    alpha:
      'The usual 5% level: an ANOVA (or chi-square) test of the config means against the noise, or every rank test of a hyperparameter, that is not significant at it shows no effect.',
    minRankTrials:
      'Below 20 trials a rank test would miss even a large effect, so "no hyperparameter is associated" would mean nothing.',
    rankRelativeSpread:
      'Rank tests that find nothing only mean "flat" when configs are also close: a spread of more than half the typical value (of the error rate for accuracies) points to a real effect the tests cannot see (an interaction), not noise.',
  },
  tinyEvalSet: {
    minEvalExamples:
      'Below 100 examples the 95% interval of an accuracy near 50% is wider than ±10 points (14 examples: ±23), too wide to compare models.',
    minTrainExamples:
      'Fewer than 100 training examples (seed 004: 54) is enough to memorise, not to fine-tune a model to a task.',
  },
  valBelowTrain: {
    maxRatio:
      'Dropout and epoch-averaged training losses put validation a few percent below training; 20% below is beyond that (seed 004: 0.43–0.56 at every epoch).',
    minEpochs: 'Two evaluations at least, so "at every epoch" is a pattern, not one point.',
  },
  implausibleLossScale: {
    vocabSize:
      "LLaMA and Mistral tokenizers have 32,000 tokens (ln ≈ 10.4); set the model's own size, or log vocab_size with the run.",
    maxPerplexity:
      'Fine-tuned language models reach perplexities of 3–50; in the thousands (seed 004: 25,594) the model is near a uniform guess.',
  },
  limitedEval: {
    severeBelow:
      'Below 500 documents the 95% interval of a 50% accuracy is wider than ±4.4 points, more than most fine-tuning gains.',
  },
  floorEffect: {
    margin:
      'Within 5 points of 0 or 1, a benchmark has too few right or wrong answers to rank models (GSM8K 0.0083: 11 of 1,319).',
  },
  withinNoise: {
    zCritical:
      'The usual 95% line: a difference under 1.96 standard errors of the difference appears by chance in more than 1 of 20 re-evaluations (two accuracies near 60% on 250 examples each: ±8.6 points).',
    maxRuns:
      'A handful of models or checkpoints is a comparison whose winner a reader takes as real; in a sweep, flat-sweep and seed-variance judge noise instead.',
  },
  dryRun: {
    maxSteps:
      'Fifty steps is a smoke test (seed 004: 21; max_steps=5 debug runs); the shortest real fine-tunes in the reference files ran 120–125 steps.',
    maxSeconds:
      'Under a minute of training (seed 004: 6 s) is a pipeline check for any model a report audits; the healthy reports trained for 10–100 minutes.',
    minEpochFraction:
      'Less than a tenth of one pass over the training set leaves most examples unseen: a debug run, not a fine-tune.',
    maxRuns:
      'A report or a handful of checkpoints; in a sweep, short-run and stopped-early judge lengths against the siblings.',
  },
  mcAtChance: {
    margin:
      'Within 10% of guessing (≤ 27.5% on 4-choice MMLU or ARC, ≤ 55% on 2-choice WinoGrande or BoolQ) a model is practically guessing; as at-chance.',
  },
  accuracyVsF1: {
    maxGap:
      'A majority-class predictor at 90% accuracy on two classes has a macro-F1 of 0.47; balanced classifiers keep the two within a few points (LR sweep: 0.62 vs 0.61).',
  },
  curvePoints: {
    minPoints: 'Five points is the least that shows a direction and a rise over three evaluations.',
  },
  curveSmoothing: {
    weight:
      "TensorBoard's default smoothing slider, so the curves and the verdicts match what users see there.",
  },
  curveSpikes: {
    window: 'Ten logs are enough for a robust median yet short enough to follow a falling loss.',
    minHistoryPoints:
      'One earlier point suffices because the rise and range tests guard against noise; this catches a blow-up on the second log (TensorBoard IMDB run: 12.4 → 18.4).',
    noiseMultiplier: 'Six robust standard deviations: ordinary minibatch noise stays well inside.',
    minRise: '30% above the local median: epoch-boundary bumps (about 5%) stay quiet.',
    minRangeFraction:
      "A jump under 5% of the curve's overall range is invisible on the plot (near-zero losses).",
  },
  curveDivergence: {
    giveBack: 'Giving back half of what was gained is more than noise around a minimum.',
    tailFraction: 'The last quarter of the run shows whether it is still going up.',
  },
  curvePlateau: {
    minImprovement:
      'Less than 10% better than at the start: the model barely learned (Falcon LoRA run: 6%).',
    minPoints: 'A plateau needs a curve long enough that "flat" is not just "short".',
  },
  curveStillImproving: {
    tailFraction:
      'The last quarter of the run (at least three points) shows whether the loss has levelled off; longer, and one epoch-boundary bump before a flat end reads as a fall.',
    minTailDrop:
      'A tail that still falls 5% of the final loss is a gain more training would buy, beyond noise (T5 Amharic run: 7%).',
    minRateShare:
      'Still falling at a quarter of the average rate means the curve has not bent flat yet (T5: 33%); a long-converging run (BERT Weibo, 100 epochs: 15%) stays quiet.',
  },
  curveOverfitting: {
    risingEvaluations: 'Three rising evaluations in a row are a trend, not noise.',
    wideningEvaluations:
      'A train/held-out gap that widened at each of the last five evaluations is a trend (Lightning SLM run: 17 in a row), not the wobble of a healthy run.',
    minGapFraction:
      'A final gap under 5% of the held-out loss is within the usual train/held-out difference of a model that generalises.',
  },
  curveGradNorm: {
    ratio:
      'Five times the running median is far beyond clipping-level noise (Falcon: 8× vs about 0.4).',
    minHistoryPoints: 'The first gradient norms are often large; wait for three before judging.',
  },
  curveBudget: {
    siblingFraction:
      'Half of the typical length: far shorter than its siblings, not just a little.',
    minSiblingRuns: 'The median of fewer than three runs is not a typical length.',
    minExamples:
      'A few hundred examples seen in total (125 steps × batch 2 in the Falcon LoRA log) is a smoke test, not a fine-tune; the healthy Qwen 0.5B control saw 960.',
  },
};

/** Settings with every group present, so partial settings from storage or a CLI cannot crash. */
export function withDefaults(settings: Partial<DetectorSettings> | undefined): DetectorSettings {
  const out: Record<string, object> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof DetectorSettings)[]) {
    out[key] = { ...DEFAULT_SETTINGS[key], ...settings?.[key] };
  }
  return out as unknown as DetectorSettings;
}
