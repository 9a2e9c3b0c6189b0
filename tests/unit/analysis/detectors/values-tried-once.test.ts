import { describe, expect, it } from 'vitest';
import { valuesTriedOnce } from '../../../../src/lib/analysis/detectors';
import { runDetector, tableFromColumns } from '../table-helper';
import { findingsOnGeneratedSweeps } from './helpers';

type Columns = Parameters<typeof tableFromColumns>[0];
const run = (columns: Columns) => runDetector(valuesTriedOnce, tableFromColumns(columns));

describe('values-tried-once', () => {
  it('lists grid values that only one scored trial used, with that trial and its result', () => {
    const findings = run({
      Name: ['w4a2', 'w4a6', 'w6a4', 'w6a6', 'w8a6', 'w6a8', 'w4a4', 'w4a8', 'w8a8', 'w8a4'],
      act_bits: [2, 6, 4, 6, 6, 8, 4, 8, 8, 4],
      weight_bits: [4, 4, 6, 6, 8, 6, 4, 4, 8, 8],
      quant_test_acc: [10.34, 85.78, 61.08, 94.94, 95.67, 95.45, 42.95, 86.86, 96.39, 62.64],
    });
    expect(findings.map((f) => f.id)).toEqual(['values-tried-once:act_bits']);
    const [f] = findings;
    expect(f.severity).toBe('info');
    expect(f.runIds).toEqual(['w4a2']);
    expect(f.title).toBe('act_bits 2 was tried in only one trial');
    expect(f.evidence[0]).toMatchObject({
      label: 'act_bits 2',
      value: '1 trial (w4a2, quant_test_acc 10.34)',
    });
  });

  it('does not count failed trials as tries, and ignores continuous sampling', () => {
    const findings = run({
      status: ['completed', 'failed', 'completed', 'completed', 'completed', 'completed'],
      optimizer: ['adam', 'sgd', 'sgd', 'adam', 'adam', 'sgd'],
      lr: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
      val_loss: [1, 'NaN', 2, 3, 4, 5],
    });
    expect(findings).toEqual([]);
    const once = run({
      status: ['completed', 'failed', 'completed', 'completed', 'completed', 'completed'],
      optimizer: ['adam', 'sgd', 'sgd', 'adam', 'adam', 'adam'],
      val_loss: [1, 'NaN', 2, 3, 4, 5],
    });
    expect(once.map((f) => f.runIds)).toEqual([['row 3']]);
  });

  it('stays quiet on healthy and planted sweeps', () => {
    expect(findingsOnGeneratedSweeps(valuesTriedOnce)).toEqual([]);
  });
});
