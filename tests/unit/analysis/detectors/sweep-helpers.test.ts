import { describe, expect, it } from 'vitest';
import { inferRoles } from '../../../../src/lib/analysis';
import { datasetIn } from '../../../../src/lib/analysis/sweep/chance';
import { isSeedName } from '../../../../src/lib/analysis/sweep/facts';
import { significantDigits } from '../../../../src/lib/analysis/sweep/metric-kind';
import { primaryMetric } from '../../../../src/lib/analysis/sweep/primary-metric';
import {
  hypergeometricUpper,
  logGamma,
  spearman,
} from '../../../../src/lib/analysis/sweep/rank-stats';
import { commonDenominator } from '../../../../src/lib/analysis/sweep/resolution';
import { seedSampleTable, tableFromColumns } from '../table-helper';

function primaryOf(columns: Parameters<typeof tableFromColumns>[0]): string | undefined {
  const table = tableFromColumns(columns);
  return primaryMetric(table, inferRoles(table, {}))?.column.name;
}

describe('primaryMetric', () => {
  it('prefers a held-out loss, then a held-out accuracy', () => {
    expect(primaryMetric(seedSampleTable(), inferRoles(seedSampleTable(), {}))).toMatchObject({
      column: { name: 'val_loss' },
      role: { split: 'val', family: 'loss', direction: 'min' },
    });
    expect(primaryOf({ lr: [1, 2], train_loss: [1, 2], test_acc: [0.5, 0.6] })).toBe('test_acc');
  });

  it('takes the mean score, not a per-fold score or its spread (scikit-learn cv_results_)', () => {
    expect(
      primaryOf({
        param_C: [1, 10],
        split0_test_score: [0.9, 0.95],
        split1_test_score: [0.9, 0.9],
        mean_test_score: [0.9, 0.925],
        std_test_score: [0, 0.025],
      }),
    ).toBe('mean_test_score');
  });

  it("takes Optuna's value, training metrics only when nothing else is there, and skips sparse ones", () => {
    expect(primaryOf({ number: [0, 1], value: [0.3, 0.2], params_lr: [1, 2] })).toBe('value');
    expect(primaryOf({ lr: [1, 2], training_accuracy: [0.9, 0.95] })).toBe('training_accuracy');
    expect(
      primaryOf({
        lr: [1, 2, 3, 4],
        eval_accuracy: [null, null, null, 0.7],
        accuracy: [0.7, 0.71, 0.72, 0.73],
      }),
    ).toBe('accuracy');
  });

  it('is null without metrics', () => {
    expect(primaryOf({ lr: [1, 2] })).toBeUndefined();
  });
});

describe('number resolution', () => {
  it('counts significant digits without float noise', () => {
    expect(significantDigits(0.9400000000000001)).toBe(2);
    expect(significantDigits(0.11250000224977508)).toBe(11);
    expect(significantDigits(1500)).toBe(2);
    expect(significantDigits(0.6247491638795987)).toBeGreaterThanOrEqual(9);
  });

  it('finds the eval-set size behind full-precision accuracies', () => {
    expect(commonDenominator([0.6247491638795987, 0.6367892976588628, 0.620066889632107])).toBe(
      1495,
    );
    expect(commonDenominator([934 / 1495, 7 / 11])).toBe(16445);
    // Short decimals say nothing about the eval set; arbitrary floats have no small denominator.
    expect(commonDenominator([0.62, 0.5])).toBeNull();
    expect(commonDenominator([0.11250000224977508])).toBeNull();
    expect(commonDenominator([Math.PI / 4])).toBeNull();
  });
});

describe('names', () => {
  it('recognises seed columns', () => {
    for (const name of [
      'seed',
      'data_seed',
      'random_state',
      'params.random_state',
      'config/seed',
    ]) {
      expect(isSeedName(name), name).toBe(true);
    }
    for (const name of ['lr', 'seeding_strategy_x', 'batch_size']) {
      expect(isSeedName(name), name).toBe(false);
    }
  });

  it('finds datasets and their class counts', () => {
    expect(datasetIn('./checkpoints/mobilenetv2_cifar10_best.pth')).toMatchObject({ classes: 10 });
    expect(datasetIn('CIFAR-100')).toMatchObject({ classes: 100 });
    expect(datasetIn('tiny-imagenet-200')).toMatchObject({ classes: 200 });
    expect(datasetIn('resnet50_imagenet')).toMatchObject({ classes: 1000 });
    expect(datasetIn('fashion_mnist')).toMatchObject({ classes: 10 });
    expect(datasetIn('emnist_letters')).toBeNull();
    expect(datasetIn('cifar10_to_cifar100')).toBeNull();
    expect(datasetIn('my_dataset')).toBeNull();
  });
});

describe('rank statistics', () => {
  it('computes Spearman with ties, the hypergeometric tail and log-gamma', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 1, 2, 2], [1, 2, 1, 2])).toBeCloseTo(0);
    // 3 of 3 drawn from 7 of 21: C(7,3) / C(21,3).
    expect(hypergeometricUpper(21, 7, 3, 3)).toBeCloseTo(35 / 1330, 10);
    expect(hypergeometricUpper(21, 7, 3, 0)).toBeCloseTo(1, 10);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 8);
  });
});
