import { describe, expect, it } from 'vitest';
import { failedStatus } from '../../../src/lib/analysis/detectors';
import { classifyStatus } from '../../../src/lib/analysis';
import { runDetector, seedSampleTable, tableFromColumns } from './table-helper';

describe('status vocabulary', () => {
  it.each([
    ['failed', 'failed'],
    ['FAILED', 'failed'],
    ['FAIL', 'failed'],
    ['fail', 'failed'],
    ['crashed', 'failed'],
    ['killed', 'failed'],
    ['KILLED', 'failed'],
    ['error', 'failed'],
    ['ERROR', 'failed'],
    ['errored', 'failed'],
    ['timeout', 'failed'],
    ['OOM', 'failed'],
    ['TrialState.FAIL', 'failed'],
    ['pruned', 'stopped'],
    ['PRUNED', 'stopped'],
    ['running', 'stopped'],
    ['RUNNING', 'stopped'],
    ['waiting', 'stopped'],
    ['queued', 'stopped'],
    ['finished', 'healthy'],
    ['FINISHED', 'healthy'],
    ['COMPLETE', 'healthy'],
    ['completed', 'healthy'],
    ['success', 'healthy'],
    ['ok', 'healthy'],
    ['done', 'healthy'],
    ['TERMINATED', 'healthy'],
    ['weird', 'unknown'],
  ])('%s is %s', (label, expected) => {
    expect(classifyStatus(label)).toBe(expected);
  });
});

describe('failed-status', () => {
  it('reports the seed sample trial 2 as critical, with the budget it reached', () => {
    const findings = runDetector(failedStatus, seedSampleTable());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.id).toBe('failed-status:2');
    expect(f.severity).toBe('critical');
    expect(f.evidence).toContainEqual({ label: 'status', value: 'failed', column: 'status' });
    expect(f.evidence).toContainEqual({ label: 'epochs', value: '3', column: 'epochs' });
    expect(f.recommendation).toMatch(/lr 0\.01/);
  });

  it('reports pruned and running trials as info, not failures', () => {
    const table = tableFromColumns({
      number: [0, 1, 2, 3],
      state: ['COMPLETE', 'PRUNED', 'RUNNING', 'FAIL'],
      value: [0.1, 0.2, 0.3, null],
    });
    const findings = runDetector(failedStatus, table);
    expect(findings.map((f) => [f.runIds[0], f.severity])).toEqual([
      ['1', 'info'],
      ['2', 'info'],
      ['3', 'critical'],
    ]);
  });

  it('tailors advice to out-of-memory failures', () => {
    const table = tableFromColumns({
      trial_id: [1, 2],
      status: ['ok', 'OOM'],
      batch_size: [32, 256],
    });
    const [f] = runDetector(failedStatus, table);
    expect(f.title).toMatch(/ran out of memory/);
    expect(f.recommendation).toMatch(/batch_size 256 → 128/);
  });

  it('stays quiet when every run finished, and without a status column', () => {
    const healthy = tableFromColumns({ trial_id: [1, 2], status: ['finished', 'completed'] });
    expect(runDetector(failedStatus, healthy)).toEqual([]);
    expect(runDetector(failedStatus, tableFromColumns({ trial_id: [1, 2] }))).toEqual([]);
  });
});
