import { describe, expect, it } from 'vitest';
import type { CurveRunInfo, CurveSummary } from '../../../src/lib/model';
import {
  chooseRuns,
  effectiveMetric,
  formatParam,
  metricGroups,
  paramsText,
  varyingParams,
} from '../../../src/lib/state/curves';

const run = (i: number, params: CurveRunInfo['params']): CurveRunInfo => ({
  runId: `run_${i}`,
  source: `sweep/run_${i}`,
  params,
  lastStep: 100,
  plannedSteps: null,
  points: 10,
  row: i,
  notes: [],
});

function summary(n: number): CurveSummary {
  const runs = Array.from({ length: n }, (_, i) => run(i, { lr: i % 2 ? 2e-4 : 1e-4, seed: 1 }));
  return {
    runs,
    metrics: [
      { metric: 'train/loss', kind: 'train-loss', direction: 'min', runs: n, points: 10 * n },
      { metric: 'eval/loss', kind: 'eval-loss', direction: 'min', runs: n, points: 10 * n },
      { metric: 'train/lr', kind: 'learning-rate', direction: 'min', runs: n, points: 10 * n },
    ],
    defaultMetric: 'eval/loss',
    rankings: [
      {
        metric: 'eval/loss',
        direction: 'min',
        method: 'mean of ranks',
        runs: [...runs].reverse().map((r, i) => ({
          runId: r.runId,
          finalValue: 1,
          convergenceStep: 1,
          stability: 0,
          spikes: 0,
          score: i + 1,
          rank: i + 1,
          componentRanks: { finalValue: i + 1, convergence: 1, stability: 1 },
          brokenFromStep: null,
          explanation: '',
        })),
      },
    ],
    totalPoints: 30 * n,
  };
}

describe('curve view helpers', () => {
  it('groups metrics with the default first', () => {
    const groups = metricGroups(summary(3));
    expect(groups[0].metrics[0].metric).toBe('eval/loss');
    expect(groups.map((g) => g.kind)).toEqual(['eval-loss', 'train-loss', 'learning-rate']);
  });

  it('falls back to the default metric for an unknown choice', () => {
    expect(effectiveMetric(summary(3), 'nope')).toBe('eval/loss');
    expect(effectiveMetric(summary(3), 'train/loss')).toBe('train/loss');
  });

  it('draws every run of a small sweep and the top 20 of a large one, plus the selection', () => {
    expect(chooseRuns(summary(5), 'eval/loss', 'top', '', []).runIds).toBeNull();
    const big = chooseRuns(summary(30), 'eval/loss', 'top', '', ['run_0']);
    expect(big.runIds?.slice(0, 2)).toEqual(['run_29', 'run_28']);
    expect(big.runIds).toHaveLength(21);
    expect(big.description).toMatch(/top 20 of 30 runs by the eval\/loss ranking, plus 1 selected/);
  });

  it('filters runs by name or hyperparameter', () => {
    expect(chooseRuns(summary(4), 'eval/loss', 'all', 'lr=2e-4', []).runIds).toEqual([
      'run_1',
      'run_3',
    ]);
    expect(chooseRuns(summary(4), 'eval/loss', 'all', 'run_2', []).runIds).toEqual(['run_2']);
  });

  it('shows hyperparameters that vary, as people write them', () => {
    const s = summary(4);
    expect(varyingParams(s.runs)).toEqual(['lr']);
    expect(paramsText(s.runs[1].params)).toBe('lr=2e-4 · seed=1');
    expect(formatParam(0.05)).toBe('0.05');
    expect(formatParam(5e-5)).toBe('5e-5');
  });
});
