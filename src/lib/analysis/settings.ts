/** Default detector thresholds, each with the one-line reason it has that value. */
import type { DetectorSettings } from '../model';

export const DEFAULT_SETTINGS: DetectorSettings = {
  overfitting: { lossRatio: 1.5, accuracyGap: 0.1, minBudgetFraction: 0.5 },
  shortRun: { fractionOfMedian: 0.5, minTrials: 4 },
  association: { buckets: 4 },
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
};

/** Settings with every group present, so partial settings from storage or a CLI cannot crash. */
export function withDefaults(settings: Partial<DetectorSettings> | undefined): DetectorSettings {
  return {
    overfitting: { ...DEFAULT_SETTINGS.overfitting, ...settings?.overfitting },
    shortRun: { ...DEFAULT_SETTINGS.shortRun, ...settings?.shortRun },
    association: { ...DEFAULT_SETTINGS.association, ...settings?.association },
  };
}
