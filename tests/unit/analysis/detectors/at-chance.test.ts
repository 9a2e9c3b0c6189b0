import { describe, expect, it } from 'vitest';
import { atChance } from '../../../../src/lib/analysis/detectors';
import { runDetector, settingsWith, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps } from './helpers';
import { DEFAULT_SETTINGS } from '../../../../src/lib/analysis/settings';

type Columns = Parameters<typeof tableFromColumns>[0];
const run = (columns: Columns, settings = DEFAULT_SETTINGS) =>
  runDetector(atChance, tableFromColumns(columns), settings);

describe('at-chance', () => {
  it('takes chance from a classes column: 10 classes → ≤ 11% is at chance', () => {
    const findings = run({
      trial_id: [1, 2, 3, 4],
      num_classes: [10, 10, 10, 10],
      lr: [1, 0.1, 0.01, 0.001],
      val_acc: [0.1, 0.105, 0.5, 0.112],
    });
    expect(findings.map((f) => f.id)).toEqual(['at-chance:1', 'at-chance:2']);
    expect(findings[0].severity).toBe('critical');
    expect(findings[0].evidence[1]).toMatchObject({ label: 'chance level', value: '0.1' });
    expect(findings[0].evidence[1].threshold).toMatch(/num_classes = 10/);
  });

  it('catches the quantised CIFAR-10 run: 10.34% on a percent scale, chance from the checkpoint path', () => {
    const findings = run({
      Name: ['weight_4_act_2', 'weight_4_act_4', 'weight_8_act_8'],
      checkpoint: Array(3).fill('./checkpoints/mobilenetv2_cifar10_best.pth'),
      act_bits: [2, 4, 8],
      quant_test_acc: [10.34, 42.95, 96.39],
      quant_test_loss: [4.943, 2.009, 0.202],
    });
    expect(findings.map((f) => f.id)).toEqual(['at-chance:weight_4_act_2']);
    const [f] = findings;
    expect(f.title).toMatch(/10\.34% is at chance \(10% for 10 classes\)/);
    expect(f.evidence.map((e) => e.label)).toEqual([
      'quant_test_acc',
      'chance level',
      'quant_test_loss',
    ]);
    expect(f.evidence[1].threshold).toMatch(/CIFAR-10.*checkpoint/);
    expect(f.evidence[2].threshold).toMatch(/ln\(10\)/);
    // The nearest config that learned, by shared hyperparameters.
    expect(f.recommendation).toMatch(/weight_4_act_4.*42\.95/);
  });

  it('reads the dataset from the metric name, and scales chance for top-5', () => {
    const findings = run({
      trial_id: [1, 2, 3],
      imagenet_top5_acc: [0.0052, 0.6, 0.7],
      cifar100_test_acc: [0.5, 0.0105, 0.6],
    });
    expect(findings.map((f) => f.id)).toEqual(['at-chance:1', 'at-chance:2']);
    expect(findings[0].evidence[1]).toMatchObject({
      label: 'chance level (top-5)',
      value: '0.005',
    });
  });

  it('calls a far-below-chance accuracy "below chance" and points at the labels', () => {
    const [f] = run({ trial_id: [1, 2], n_classes: [10, 10], val_acc: [0.02, 0.8] });
    expect(f.title).toMatch(/below chance/);
    expect(f.recommendation).toMatch(/label/);
  });

  it('stays quiet when chance is unknown, and uses the chanceLevel setting when set', () => {
    const columns: Columns = { trial_id: [1, 2, 3], val_acc: [0.1, 0.26, 0.8] };
    expect(run(columns)).toEqual([]);
    const set = settingsWith({ atChance: { chanceLevel: 0.25, margin: 0.1 } });
    const findings = run(columns, set);
    expect(findings.map((f) => f.id)).toEqual(['at-chance:1', 'at-chance:2']);
    expect(findings[1].evidence[1].threshold).toBe('chanceLevel setting');
  });

  it('does not judge failed or unfinished runs', () => {
    const columns: Columns = {
      trial_id: [1, 2, 3],
      status: ['failed', 'pruned', 'completed'],
      num_classes: [10, 10, 10],
      val_acc: [0.1, 0.1, 0.1],
    };
    expect(run(columns).map((f) => f.id)).toEqual(['at-chance:3']);
  });

  it('stays quiet on healthy and planted sweeps (no class count known there)', () => {
    expect(findingsOnGeneratedSweeps(atChance)).toEqual([]);
  });
});
