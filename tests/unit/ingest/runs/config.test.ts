import { describe, expect, it } from 'vitest';
import {
  flattenParams,
  isConfigFileName,
  paramsFromConfig,
  parseYamlSubset,
} from '../../../../src/lib/ingest/runs';

describe('paramsFromConfig: hparams.yaml', () => {
  it('reads flat key: value lines with typed values', () => {
    const text = [
      '# Lightning hparams',
      'lr: 0.0002',
      'learning_rate: 1e-4',
      'batch_size: 32',
      'use_amp: true',
      'optimizer: adam',
      "name: 'my run'",
      'tag: "a # not a comment"',
      'scheduler: null',
      'weight_decay: 0.01  # trailing comment',
      'layers: [64, 128]',
    ].join('\n');
    const r = paramsFromConfig('lightning_logs/version_0/hparams.yaml', text);
    expect(r.issues).toEqual([]);
    expect(r.params).toEqual({
      lr: 0.0002,
      learning_rate: 1e-4,
      batch_size: 32,
      use_amp: true,
      optimizer: 'adam',
      name: 'my run',
      tag: 'a # not a comment',
      weight_decay: 0.01,
      layers: '[64,128]',
    });
    expect(r.reason).toBe('YAML mapping (hparams.yaml)');
  });

  it('flattens nested mappings with dots', () => {
    const text =
      'model:\n  hidden: 256\n  dropout: 0.1\n  head:\n    kind: linear\noptim:\n  lr: 3.0e-04\nseed: 7\n';
    expect(paramsFromConfig('hparams.yaml', text).params).toEqual({
      'model.hidden': 256,
      'model.dropout': 0.1,
      'model.head.kind': 'linear',
      'optim.lr': 3e-4,
      seed: 7,
    });
  });

  it('reads block lists of scalars and an empty key as null', () => {
    const text = 'targets:\n- q_proj\n- v_proj\nempty:\nother:\n  - 1\n  - 2\nlast: x\n';
    expect(paramsFromConfig('hparams.yaml', text).params).toEqual({
      targets: '["q_proj","v_proj"]',
      other: '[1,2]',
      last: 'x',
    });
  });

  it('skips python object tags and multi-line strings with a warning', () => {
    const text = [
      'lr: 0.1',
      'model: !!python/object:torch.nn.Linear',
      '  in_features: 3',
      'notes: |',
      '  line one',
      '  line two',
      'seed: 1',
    ].join('\n');
    const r = paramsFromConfig('hparams.yaml', text);
    expect(r.params).toEqual({ lr: 0.1, seed: 1 });
    expect(r.issues.map((i) => i.line)).toEqual([2, 4]);
    expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('unwraps a W&B config.yaml and drops its bookkeeping', () => {
    const text = [
      'wandb_version: 1',
      '',
      '_wandb:',
      '  desc: null',
      '  value:',
      '    cli_version: 0.15.0',
      'lr:',
      '  desc: null',
      '  value: 0.001',
      'epochs:',
      '  desc: Number of epochs',
      '  value: 10',
    ].join('\n');
    expect(paramsFromConfig('files/config.yaml', text).params).toEqual({ lr: 0.001, epochs: 10 });
  });

  it('keeps __proto__ keys as data', () => {
    const r = paramsFromConfig('hparams.yaml', '__proto__: 1\nconstructor: 2\n');
    expect(Object.keys(r.params)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
    expect(Object.getPrototypeOf(r.params)).toBe(Object.prototype);
  });
});

describe('paramsFromConfig: JSON files', () => {
  it('reads args.json (argparse dump) keeping scalars', () => {
    const text =
      '{"lr": 2e-4, "rank": 32, "epochs": 1, "output_dir": "out", "fp16": false, "resume": null}';
    expect(paramsFromConfig('args.json', text).params).toEqual({
      lr: 2e-4,
      rank: 32,
      epochs: 1,
      output_dir: 'out',
      fp16: false,
    });
  });

  it('flattens nested objects in config.json and params.json', () => {
    const text =
      '{"optimizer": {"name": "adamw", "betas": [0.9, 0.999], "lr": NaN}, "lora": {"r": 16, "alpha": 32}}';
    const r = paramsFromConfig('run_1/config.json', text);
    expect(r.params).toMatchObject({
      'optimizer.name': 'adamw',
      'optimizer.betas': '[0.9,0.999]',
      'lora.r': 16,
      'lora.alpha': 32,
    });
    expect(r.params['optimizer.lr']).toBeNaN();
    expect(paramsFromConfig('params.json', '{"a": {"b": {"c": 1}}}').params).toEqual({
      'a.b.c': 1,
    });
  });

  it('drops lists of objects and long lists', () => {
    const long = JSON.stringify({
      ids: Array.from({ length: 100 }, (_, i) => i),
      objs: [{ a: 1 }],
      k: 1,
    });
    expect(paramsFromConfig('config.json', long).params).toEqual({ k: 1 });
  });

  it('reports invalid JSON with its position', () => {
    const r = paramsFromConfig('args.json', '{\n  "lr": 0.1\n  "bs": 2\n}');
    expect(r.params).toEqual({});
    expect(r.issues[0]).toMatchObject({ severity: 'error', line: 3, column: 3, file: 'args.json' });
  });

  it('warns when the JSON is not an object', () => {
    const r = paramsFromConfig('params.json', '[1, 2]');
    expect(r.params).toEqual({});
    expect(r.issues[0].message).toMatch(/list, not an object/);
  });

  it('rejects other file types', () => {
    expect(paramsFromConfig('notes.txt', 'lr: 1').issues[0].severity).toBe('warning');
  });
});

describe('helpers', () => {
  it('knows the config file names', () => {
    expect(isConfigFileName('a/b/hparams.yaml')).toBe(true);
    expect(isConfigFileName('ARGS.JSON')).toBe(true);
    expect(isConfigFileName('trainer_state.json')).toBe(false);
  });

  it('flattenParams ignores non-objects', () => {
    expect(flattenParams(3)).toEqual({});
    expect(flattenParams(null)).toEqual({});
  });

  it('parseYamlSubset reports inconsistent indentation', () => {
    const r = parseYamlSubset('a:\n    b: 1\n  c: 2\n', 'x.yaml');
    expect(r.value).toEqual({ a: { b: 1 } });
    expect(r.issues[0].line).toBe(3);
  });
});
