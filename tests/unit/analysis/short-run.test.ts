import { describe, expect, it } from 'vitest';
import { shortRun } from '../../../src/lib/analysis/detectors';
import { runDetector, seedSampleTable, tableFromColumns } from './table-helper';

describe('short-run', () => {
  it('finds seed sample trial 5 (5 epochs against a median of 20)', () => {
    const findings = runDetector(shortRun, seedSampleTable());
    expect(findings.map((f) => f.id)).toEqual(['short-run:5']);
    const [f] = findings;
    expect(f.severity).toBe('warning');
    expect(f.evidence[0]).toEqual({
      label: 'epochs',
      value: '5',
      threshold: '< 0.5 × median 20 = 10',
      column: 'epochs',
    });
  });

  it('does not double-report failed runs (trial 2 stopped at 3 epochs)', () => {
    const ids = runDetector(shortRun, seedSampleTable()).map((f) => f.id);
    expect(ids).not.toContain('short-run:2');
  });

  it('stays quiet on a healthy sweep with budgets of 18–25 epochs', () => {
    const epochs = [18, 25, 20, 22, 19, 24, 21, 23, 18, 25];
    const table = tableFromColumns({ trial_id: epochs.map((_, i) => i + 1), epochs });
    expect(runDetector(shortRun, table)).toEqual([]);
  });

  it('needs at least minTrials budgets', () => {
    const table = tableFromColumns({ trial_id: [1, 2, 3], epochs: [20, 20, 2] });
    expect(runDetector(shortRun, table)).toEqual([]);
  });

  it('falls back to steps, then runtime', () => {
    const table = tableFromColumns({
      trial_id: [1, 2, 3, 4, 5],
      runtime_sec: [300, 310, 290, 305, 60],
    });
    const [f] = runDetector(shortRun, table);
    expect(f.id).toBe('short-run:5');
    expect(f.title).toMatch(/60 runtime_sec/);
  });

  it('ignores pruned runs: the tuner stopped them on purpose', () => {
    const table = tableFromColumns({
      number: [0, 1, 2, 3, 4],
      state: ['COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE', 'PRUNED'],
      steps: [1000, 1000, 1000, 1000, 100],
    });
    expect(runDetector(shortRun, table)).toEqual([]);
  });
});
