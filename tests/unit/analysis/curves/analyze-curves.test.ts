import { describe, expect, it } from 'vitest';
import {
  analyze,
  CURVE_DETECTOR_INFO,
  DEFAULT_SETTINGS,
  summaryForView,
  VIEW_RANKED_RUNS_PER_METRIC,
} from '../../../../src/lib/analysis';
import { rankRuns } from '../../../../src/lib/analysis/curves';
import type { Dataset } from '../../../../src/lib/model';
import { curveDataset, curveRuns } from './curve-dataset';
import { curve, healthyLoss, run, set } from './helpers';

const run6 = (d: Dataset, scope?: 'first-pass') =>
  analyze(d, { overrides: {}, settings: DEFAULT_SETTINGS, ...(scope ? { scope } : {}) });

describe('analyze() with training curves', () => {
  const summary = run6(curveDataset());
  const byDetector = (id: string) => summary.findings.filter((f) => f.detector === id);

  it('reports curve findings on the rows of their runs, with the steps to mark', () => {
    const [nan] = byDetector('curve-nan');
    expect(nan.runIds).toEqual(['run_5_lr-0.002']);
    expect(nan.rows).toEqual([4]);
    expect(nan.curve).toEqual({ metric: 'train/loss', steps: [310] });
    const [spike] = byDetector('loss-spike');
    expect(spike.rows).toEqual([5]);
    expect(spike.curve?.steps).toEqual([260]);
  });

  it('lists curve findings after the sweep findings, counted with their labels', () => {
    const curveCounts = summary.detectorCounts.filter((d) => d.detector === 'curve-nan');
    expect(curveCounts).toEqual([
      { detector: 'curve-nan', label: 'NaN/Inf in a curve', findings: 1, runs: 1 },
    ]);
    const curveIds = new Set<string>(CURVE_DETECTOR_INFO.map((d) => d.id));
    const isCurve = summary.findings.map((f) => curveIds.has(f.detector));
    expect(isCurve.indexOf(true)).toBeGreaterThanOrEqual(0);
    expect(isCurve.slice(isCurve.indexOf(true)).every(Boolean)).toBe(true);
    expect(summary.overview.bySeverity.critical).toBe(1);
    expect(summary.overview.withIssues).toBe(2);
  });

  it('ties curve pathologies to folder-name hyperparameters in the associations', () => {
    const any = summary.associations.find((a) => a.param === 'lr' && a.issue === 'any');
    expect(any).toBeDefined();
    const top = any?.buckets[any.buckets.length - 1];
    expect(top?.withIssue).toBe(2);
  });

  it('skips the sweep detectors that repeat a curve detector on a derived table', () => {
    const ids = summary.detectorCounts.map((d) => d.detector);
    expect(ids).not.toContain('nan-metrics');
    expect(ids).not.toContain('short-run');
    expect(ids).not.toContain('overfitting');
    // With a sweep CSV the table's numbers are the sweep's own: every detector runs.
    const joined = run6(curveDataset('sweep-with-curves'));
    expect(joined.findings.some((f) => f.detector === 'nan-metrics')).toBe(true);
    expect(joined.findings.some((f) => f.detector === 'curve-nan')).toBe(true);
  });

  it('summarises runs, metrics, the default metric and the rankings', () => {
    const c = summary.curves;
    expect(c?.runs).toHaveLength(6);
    expect(c?.runs[0]).toMatchObject({
      runId: 'run_1_lr-0.0001',
      params: { lr: 1e-4 },
      lastStep: 400,
      plannedSteps: 400,
      points: 40 + 8 + 40,
      row: 0,
    });
    expect(c?.metrics.map((m) => [m.metric, m.kind, m.direction])).toEqual([
      ['train/loss', 'train-loss', 'min'],
      ['eval/loss', 'eval-loss', 'min'],
      ['train/learning_rate', 'learning-rate', 'min'],
    ]);
    expect(c?.metrics[0].points).toBe(6 * 40 - 10);
    expect(c?.defaultMetric).toBe('eval/loss');
    expect(c?.rankings.map((r) => r.metric)).toEqual(['eval/loss', 'train/loss']);
    expect(c?.rankings[0].runs[0].runId).toBe('run_1_lr-0.0001');
    expect(c?.rankings[0].method).toMatch(/mean of three component ranks/);
    expect(c?.totalPoints).toBe(6 * 88);
  });

  it('reads the curve thresholds from the settings sections', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      curveSpikes: { ...DEFAULT_SETTINGS.curveSpikes, minRise: 100 },
    };
    const quiet = analyze(curveDataset(), { overrides: {}, settings });
    expect(quiet.findings.some((f) => f.detector === 'loss-spike')).toBe(false);
    expect(quiet.findings.some((f) => f.detector === 'curve-nan')).toBe(true);
  });

  it('first pass keeps the curve findings and leaves out the rankings', () => {
    const first = run6(curveDataset(), 'first-pass');
    expect(first.findings.filter((f) => f.detector === 'curve-nan')).toHaveLength(1);
    expect(first.curves?.rankings).toEqual([]);
    expect(first.curves?.runs).toHaveLength(6);
  });

  it('a run that is not in the table keeps its id but marks no row', () => {
    const d = curveDataset('sweep-with-curves');
    d.curveRows = Int32Array.from([0, 1, 2, 3, -1, 5]);
    const s = run6(d);
    const [nan] = s.findings.filter((f) => f.detector === 'curve-nan');
    expect(nan.rows).toEqual([]);
    expect(nan.runIds).toEqual(['run_5_lr-0.002']);
    expect(s.detectorCounts.find((c) => c.detector === 'curve-nan')?.runs).toBe(1);
    expect(s.curves?.runs[4].row).toBe(-1);
  });

  it('without curves nothing changes: no curve detectors, curves null', () => {
    const d = curveDataset('csv-table');
    delete d.curves;
    delete d.curveRows;
    const s = run6(d);
    expect(s.curves).toBeNull();
    expect(s.detectorCounts.some((c) => c.detector === 'curve-nan')).toBe(false);
  });
});

describe('ranking of restarted runs', () => {
  it('scores a resumed run on the last write of each step', () => {
    // Logged 10…100, resumed from step 50 with lower values: the curve is 10…40, then 50…100 of
    // the second write, not both interleaved.
    const first = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1].map((v) => v + 1);
    const second = [0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
    const steps = [...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => i * 10), 50, 60, 70, 80, 90, 100];
    const s = set([curve('a', 'loss', [...first, ...second], steps)]);
    const [r] = rankRuns(s, 'loss', 'min', { smoothing: 0 });
    // Final value: mean of the last 10% of 10 points = the last point of the second write.
    expect(r.finalValue).toBe(0.05);
  });
});

describe('summaryForView', () => {
  it('caps the leaderboards at VIEW_RANKED_RUNS_PER_METRIC rows; the full summary keeps all', () => {
    const many = set(
      Array.from({ length: VIEW_RANKED_RUNS_PER_METRIC + 50 }, (_, i) =>
        curve(`r${i}`, 'loss', healthyLoss(10, i + 1)),
      ),
    );
    const d = curveDataset('curve-logs', { ...many, runs: many.runs.map((r) => run(r.runId)) });
    const full = run6(d);
    const view = summaryForView(full);
    expect(full.curves?.rankings[0].runs).toHaveLength(VIEW_RANKED_RUNS_PER_METRIC + 50);
    expect(view.curves?.rankings[0].runs).toHaveLength(VIEW_RANKED_RUNS_PER_METRIC);
    expect(view.curves?.rankings[0].runs[0].rank).toBe(1);
  });

  it('keeps the six-run summary as it is', () => {
    expect(summaryForView(run6(curveDataset())).curves).toEqual(run6(curveDataset()).curves);
    expect(curveRuns().runs).toHaveLength(6);
  });
});
