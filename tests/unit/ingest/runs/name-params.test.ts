import { describe, expect, it } from 'vitest';
import { paramsFromName, typedValue } from '../../../../src/lib/ingest/runs';

describe('paramsFromName', () => {
  it.each([
    ['run_2_lr-2e-4_rank-32_epochs-1', { lr: 2e-4, rank: 32, epochs: 1 }],
    ['run_3_lr-2e-4_rank-32_epochs-1', { lr: 2e-4, rank: 32, epochs: 1 }],
    ['lr=0.001,bs=32', { lr: 0.001, bs: 32 }],
    ['lr_0.001-wd_0.1', { lr: 0.001, wd: 0.1 }],
    ['lr0.001_bs32', { lr: 0.001, bs: 32 }],
    ['lr_0.001_bs_32', { lr: 0.001, bs: 32 }],
    ['bs32-lr1e-3', { bs: 32, lr: 1e-3 }],
    ['lr-1e-05_seed-42', { lr: 1e-5, seed: 42 }],
    ['batch_size_32_learning_rate_5e-5', { batch_size: 32, learning_rate: 5e-5 }],
    ['bert-base-uncased_lr-2e-5', { lr: 2e-5 }],
    ['per_device_train_batch_size-8', { per_device_train_batch_size: 8 }],
    ['beta2-0.99_shuffle-true', { beta2: 0.99, shuffle: true }],
    ['use_amp_false', { amp: false }],
    ['lr=0.001;optimizer=adam', { lr: 0.001, optimizer: 'adam' }],
    ['model=bert_base_lr=3e-5', { model: 'bert_base', lr: 3e-5 }],
    ['lr=1e-4_batch_size=16', { lr: 1e-4, batch_size: 16 }],
    ['run_3_lr=0.1_wd=0', { lr: 0.1, wd: 0 }],
    ['sched=cosine_warmup_ratio=0.1', { sched: 'cosine', warmup_ratio: 0.1 }],
    ['trial_7_dropout-0.3', { dropout: 0.3 }],
    ['bias_-1', { bias: -1 }],
  ])('%s', (name, expected) => {
    expect(paramsFromName(name)).toEqual(expected);
  });

  it.each([
    'baseline',
    'run_2',
    'version_0',
    'gpt2-large',
    'llama2-7b_resnet50',
    't5-small',
    'fp16',
    '2024-01-05_12-30-00',
    'opt_adam',
    '',
  ])('finds nothing in %j', (name) => {
    expect(paramsFromName(name)).toEqual({});
  });

  it('keeps a key named __proto__ as data', () => {
    const p = paramsFromName('__proto__=1');
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });
});

describe('typedValue', () => {
  it.each([
    ['2e-4', 2e-4],
    ['32', 32],
    ['-0.5', -0.5],
    ['.5', 0.5],
    ['True', true],
    ['false', false],
    ['adam', 'adam'],
    ['0x10', '0x10'],
    [' 7 ', 7],
  ])('%j → %j', (text, expected) => {
    expect(typedValue(text)).toBe(expected);
  });
});
