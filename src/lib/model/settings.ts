/** User-adjustable detector thresholds. Defaults and rationales live in analysis/settings.ts. */
export interface DetectorSettings {
  overfitting: {
    /** val_loss / train_loss at or above this is overfitting. */
    lossRatio: number;
    /** train_acc − val_acc at or above this (on a 0–1 scale) is overfitting. */
    accuracyGap: number;
    /** Only judge runs whose budget is at least this fraction of the sweep's median budget. */
    minBudgetFraction: number;
  };
  shortRun: {
    /** A run whose budget is below this fraction of the sweep's median budget is too short. */
    fractionOfMedian: number;
    /** Need at least this many runs with a budget to know what "typical" is. */
    minTrials: number;
  };
  association: {
    /** Number of quantile buckets for numeric hyperparameters. */
    buckets: number;
  };
  metricOutOfRange: {
    /** Slack for float rounding: an accuracy of 1 + tolerance is still in range (relative to the scale). */
    tolerance: number;
  };
  atChance: {
    /** Chance accuracy on a 0–1 scale when you know it (e.g. 0.25 for 4 choices); null = infer. */
    chanceLevel: number | null;
    /** An accuracy at most chance × (1 + margin) is at chance. */
    margin: number;
  };
  collapsedTrials: {
    /** At least this many trials with different configs must share one metric value. */
    minTrials: number;
    /** Relative difference under which two metric values count as the same. */
    tolerance: number;
  };
  tooGood: {
    /** A held-out loss or error at or below this is "zero". */
    lossFloor: number;
    /** Also judge training metrics (a perfect training score is normal for big models). */
    judgeTrainingMetrics: boolean;
  };
  seedVariance: {
    /** Between-config spread / within-config (seed) spread below this: rankings are unreliable. */
    minRatio: number;
    /** A config whose seed SD is at least this many times the median seed SD of all configs is unstable. */
    unstableRatio: number;
  };
  duplicateResults: {
    /** Relative difference under which two metric values count as the same. */
    tolerance: number;
  };
  edgeOfRange: {
    /** The best trials: this fraction of the scored trials… */
    topFraction: number;
    /** …but at least this many. */
    minTopTrials: number;
    /** Only hyperparameters with at least this many distinct values searched. */
    minValues: number;
    /** For continuous sampling: the outer fraction of the searched range that counts as the edge. */
    edgeFraction: number;
    /** Chance of so many best trials at the edge by luck (and of the trend) must be below this. */
    maxPValue: number;
    /** Need at least this many scored trials. */
    minTrials: number;
  };
  confoundedParams: {
    /** |Spearman correlation| between two numeric hyperparameters at or above this. */
    minCorrelation: number;
    /** Need at least this many trials where both are set. */
    minTrials: number;
  };
  valuesTriedOnce: {
    /** Hyperparameters with at most this many distinct values are treated as a grid of values. */
    maxValues: number;
  };
  smallSweep: {
    /** Fewer trials than this per hyperparameter is too few to tell their effects apart. */
    trialsPerParam: number;
    /** Fewer trials than this is too few for any conclusion (warning). */
    minTrials: number;
  };
  flatSweep: {
    /** Best − worst config within this many standard errors of their difference: flat. */
    noiseMultiplier: number;
    /** Without a noise estimate: spread / typical value (error rate for accuracies) at or below this. */
    relativeSpread: number;
    /** Need at least this many distinct configurations. */
    minConfigs: number;
    /** Flat when the test that the configs differ is not significant at this level. */
    alpha: number;
    /** Without a noise estimate: rank tests of every hyperparameter need this many trials. */
    minRankTrials: number;
    /** Without a noise estimate: rank tests speak for a flat sweep only up to this relative spread. */
    rankRelativeSpread: number;
  };
  // Audit of evaluation and fine-tuning reports.
  tinyEvalSet: {
    /** An evaluation set (val_size, eval_samples, lm-eval <task>/n) below this many examples is tiny. */
    minEvalExamples: number;
    /** A training set below this many examples is tiny. */
    minTrainExamples: number;
  };
  valBelowTrain: {
    /** Held-out loss / training loss at or below this (at the end, or at every evaluation). */
    maxRatio: number;
    /** On per-epoch curves: need at least this many evaluations for "every epoch". */
    minEpochs: number;
  };
  implausibleLossScale: {
    /** Vocabulary size when the run does not state one: ln(vocabSize) is a uniform guess's loss. */
    vocabSize: number;
    /** A perplexity at or above this is a model that has not learned. */
    maxPerplexity: number;
  };
  limitedEval: {
    /** An lm-eval `limit` below this many documents is a warning (info otherwise). */
    severeBelow: number;
  };
  floorEffect: {
    /** An accuracy within this of 0 (floor) or 1 (ceiling), on a 0–1 scale. */
    margin: number;
  };
  withinNoise: {
    /** A difference below this many standard errors of the difference is within noise (1.96: 95%). */
    zCritical: number;
    /** Without a base model, best vs runner-up is judged only in tables of at most this many runs. */
    maxRuns: number;
  };
  dryRun: {
    /** A run of at most this many optimiser steps (global_step, max_steps, total_steps) is a dry run. */
    maxSteps: number;
    /** …or one whose train_runtime (Trainer, in seconds) is below this. */
    maxSeconds: number;
    /** …or one that saw less than this share of one epoch of its training set. */
    minEpochFraction: number;
    /** Judged only in tables of at most this many runs (a report, a few checkpoints). */
    maxRuns: number;
  };
  mcAtChance: {
    /** A multiple-choice accuracy at most (1 / choices) × (1 + margin) is at chance. */
    margin: number;
  };
  accuracyVsF1: {
    /** Accuracy above macro-F1 by more than this (on a 0–1 scale) hides the minority classes. */
    maxGap: number;
  };
  // Training-curve detectors (analysis/curves): one section per concern, all prefixed "curve".
  curvePoints: {
    /** Fewer finite points than this and a curve is not judged (too-few-points says so). */
    minPoints: number;
  };
  curveSmoothing: {
    /** EMA weight of the smoothing used by the curve detectors and the ranking (TensorBoard's slider). */
    weight: number;
  };
  curveSpikes: {
    /** Points before the one judged that form the rolling baseline. */
    window: number;
    /** A spike needs at least this many earlier points in its window. */
    minHistoryPoints: number;
    /** A spike lies above median + this × the window's robust noise (1.4826 × MAD of differences / √2)… */
    noiseMultiplier: number;
    /** …and at least this fraction above that median… */
    minRise: number;
    /** …and at least this fraction of the curve's 5–95 % range above it. */
    minRangeFraction: number;
  };
  curveDivergence: {
    /** The smoothed end gave back at least this fraction of the start-to-minimum gain. */
    giveBack: number;
    /** The last this fraction of the points is fitted by a line to see whether it still rises. */
    tailFraction: number;
  };
  curvePlateau: {
    /** Relative improvement from start to smoothed end below this is a plateau. */
    minImprovement: number;
    /** A plateau needs at least this many points. */
    minPoints: number;
  };
  curveStillImproving: {
    /** The last this fraction of the points (at least 3) is the tail whose slope is judged. */
    tailFraction: number;
    /** The tail's line must fall by at least this fraction of the final value… */
    minTailDrop: number;
    /** …at a rate of at least this fraction of the run's average rate of improvement. */
    minRateShare: number;
  };
  curveOverfitting: {
    /** Consecutive evaluations with a rising held-out loss (while the training loss falls). */
    risingEvaluations: number;
    /** Consecutive evaluations, up to the last, in which the held-out − training gap grew. */
    wideningEvaluations: number;
    /** The final gap must be at least this fraction of the held-out loss. */
    minGapFraction: number;
  };
  curveGradNorm: {
    /** A gradient norm at least this many times its running median is an explosion. */
    ratio: number;
    /** Earlier points needed before one is judged. */
    minHistoryPoints: number;
  };
  curveBudget: {
    /** Stopped early when the last step is below this fraction of its siblings' median last step. */
    siblingFraction: number;
    /** Sibling comparison only with at least this many runs. */
    minSiblingRuns: number;
    /** A run that sees fewer training examples than this (steps × batch size) is a tiny budget. */
    minExamples: number;
  };
}
