import { describe, expect, it } from 'vitest';
import {
  isGenericFolderName,
  paramsFromName,
  runNameFromPath,
  splitFromPath,
} from '../../../../src/lib/ingest/runs';

describe('runNameFromPath', () => {
  it.each([
    [
      'sweep/run_2_lr-2e-4_rank-32_epochs-1/logs/events.out.tfevents.123',
      'run_2_lr-2e-4_rank-32_epochs-1',
    ],
    ['sweep\\run_a\\tensorboard\\train\\events.out.tfevents.1', 'run_a'],
    ['exp/lr=0.001,bs=32/lightning_logs/version_0/metrics.csv', 'lr=0.001,bs=32'],
    ['out/lr_0.001-wd_0.1/runs/Jun05_12-30-00_gpu01/events.out.tfevents.1', 'lr_0.001-wd_0.1'],
    ['my-model/checkpoint-500/trainer_state.json', 'my-model'],
    ['lightning_logs/version_3/metrics.csv', 'version_3'],
    ['./run_1/eval/events.out.tfevents.9', 'run_1'],
    ['/abs/path/run_7/hparams.yaml', 'run_7'],
    ['multirun/2024-01-05/12-30-00/3/.hydra/config.yaml', '3'],
    ['logs/events.out.tfevents.1', 'logs'],
  ])('%s → %s', (p, expected) => {
    expect(runNameFromPath(p)).toBe(expected);
  });

  it('is null for a file in no folder', () => {
    expect(runNameFromPath('events.out.tfevents.1')).toBeNull();
    expect(runNameFromPath('./trainer_state.json')).toBeNull();
  });

  it('joins with paramsFromName for the sweep-guide layout', () => {
    const name = runNameFromPath('sweep/run_2_lr-2e-4_rank-32_epochs-1/logs/events.out.tfevents.1');
    expect(paramsFromName(name ?? '')).toEqual({ lr: 2e-4, rank: 32, epochs: 1 });
  });
});

describe('splitFromPath', () => {
  it.each([
    ['run_1/logs/train/events.out.tfevents.1', 'train'],
    ['run_1/logs/validation/events.out.tfevents.1', 'validation'],
    ['run_1/eval/events.out.tfevents.1', 'eval'],
    ['run_1/logs/events.out.tfevents.1', null],
    ['train/run_1/events.out.tfevents.1', null],
  ])('%s → %s', (p, expected) => {
    expect(splitFromPath(p)).toBe(expected);
  });
});

describe('isGenericFolderName', () => {
  it.each([
    'logs',
    'TensorBoard',
    'runs',
    'version_12',
    'train',
    'eval',
    'checkpoint-100',
    'Jun05_12-30-00_host',
    '2024-01-05',
  ])('%s is generic', (n) => expect(isGenericFolderName(n)).toBe(true));
  it.each(['run_2', 'lr-2e-4', 'baseline', 'bert-base'])('%s is not generic', (n) =>
    expect(isGenericFolderName(n)).toBe(false),
  );
});
