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
}
