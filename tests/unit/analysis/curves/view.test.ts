import { describe, expect, it } from 'vitest';
import { curveView } from '../../../../src/lib/analysis/curves';
import { downsampleCurve } from '../../../../src/lib/analysis/curves/downsample';
import { smoothEma } from '../../../../src/lib/analysis/curves/series';
import type { CurveQuery, CurveSet, Dataset, Finding } from '../../../../src/lib/model';
import { tableFromColumns } from '../table-helper';
import { curve, noise, set } from './helpers';

function dataset(curves: CurveSet): Dataset {
  return {
    source: {
      file: 'logs',
      bytes: 0,
      format: 'curve-logs',
      formatReason: '',
      dialect: null,
      rows: 0,
      columns: 0,
      issues: [],
      quarantined: [],
      quarantinedCount: 0,
    },
    table: tableFromColumns({ run: curves.runs.map((r) => r.runId) }),
    curves,
    curveRows: Int32Array.from(curves.runs, (_, i) => i),
  };
}

const query = (extra: Partial<CurveQuery> = {}): CurveQuery => ({
  metric: 'loss',
  runIds: null,
  smoothing: 0.6,
  x: 'step',
  maxPoints: 100,
  ...extra,
});

describe('downsampleCurve', () => {
  const n = 10_000;
  const r = noise(7);
  const values = Float64Array.from({ length: n }, (_, i) => 2 * Math.exp(-i / 2000) + 0.05 * r());
  values[5003] = 50; // one-point spike
  values[7000] = NaN; // one missing point
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const d = downsampleCurve(x, values, 0.6, 200);
  const kept = Array.from(d.index);

  it('stays within maxPoints, in order, keeping the first and last points', () => {
    expect(kept.length).toBeLessThanOrEqual(200);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(n - 1);
    expect(kept.every((k, i) => i === 0 || k > kept[i - 1])).toBe(true);
  });

  it('keeps the spike, the NaN gap and the global min and max', () => {
    expect(kept).toContain(5003);
    expect(kept).toContain(7000);
    let lo = 0;
    let hi = 0;
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      if (v < values[lo]) lo = i;
      if (v > values[hi]) hi = i;
    });
    expect(kept).toContain(lo);
    expect(kept).toContain(hi);
  });

  it('preserves the min and max of every bucket: the envelope is unchanged', () => {
    const keptValues = kept.map((k) => values[k]).filter(Number.isFinite);
    const finite = Array.from(values).filter(Number.isFinite);
    expect(Math.max(...keptValues)).toBe(Math.max(...finite));
    expect(Math.min(...keptValues)).toBe(Math.min(...finite));
  });

  it('returns every point when the curve is short enough', () => {
    expect(Array.from(downsampleCurve(x.slice(0, 5), values.slice(0, 5), 0.6, 10).index)).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  it('gives the full-resolution EMA (smoothEma) at the kept points', () => {
    const full = smoothEma(values, 0.6);
    kept.forEach((k, j) => {
      if (Number.isFinite(full[k])) expect(d.smoothed[j]).toBe(full[k]);
      else expect(d.smoothed[j]).toBeNaN();
      expect(Object.is(d.raw[j], values[k])).toBe(true);
    });
  });

  it('buckets by index when steps go back (a restarted run)', () => {
    const xs = Float64Array.from({ length: 1000 }, (_, i) => i % 600);
    const vs = Float64Array.from({ length: 1000 }, (_, i) => (i === 700 ? 9 : 1));
    const r = downsampleCurve(xs, vs, 0, 20);
    expect(r.index.length).toBeLessThanOrEqual(20);
    expect(Array.from(r.index)).toContain(700);
  });
});

describe('curveView', () => {
  it('debiases the EMA like TensorBoard on a hand-computed example', () => {
    // weight 0.5: last = 0.5·0 + 0.5·4 = 2 → 2 / (1 − 0.5) = 4;
    // then 0.5·2 + 0.5·2 = 2 → 2 / (1 − 0.25) = 8/3; then NaN passes; then 0.5·2 + 0.5·8 = 5 → 5 / (1 − 0.125) = 40/7.
    const view = curveView(
      dataset(set([curve('a', 'loss', [4, 2, NaN, 8], [1, 2, 3, 4])])),
      query({ smoothing: 0.5 }),
      [],
    );
    const [s] = view.series;
    expect(Array.from(s.raw)).toEqual([4, 2, NaN, 8]);
    expect(s.smoothed[0]).toBe(4);
    expect(s.smoothed[1]).toBeCloseTo(8 / 3, 12);
    expect(s.smoothed[2]).toBeNaN();
    expect(s.smoothed[3]).toBeCloseTo(40 / 7, 12);
    expect(s.points).toBe(4);
  });

  it('smooths at full resolution before downsampling and keeps a spike', () => {
    const values = Array.from({ length: 5000 }, (_, i) => 1 + 0.001 * i);
    values[2500] = 100;
    const view = curveView(
      dataset(set([curve('a', 'loss', values)])),
      query({ maxPoints: 50 }),
      [],
    );
    const [s] = view.series;
    expect(s.x.length).toBeLessThanOrEqual(50);
    expect(Array.from(s.raw)).toContain(100);
    const at = Array.from(s.raw).indexOf(100);
    // The EMA at the spike: 0.4 · 100 + 0.6 · (previous smoothed ≈ 3.499) ≈ 42.1.
    expect(s.smoothed[at]).toBeCloseTo(0.4 * 100 + 0.6 * (1 + 0.001 * 2499), 1);
  });

  it('falls back to steps without wall times and says so; uses wall times when there', () => {
    const c = curve('a', 'loss', [3, 2, 1], [10, 20, 30]);
    const b = {
      ...curve('b', 'loss', [3, 2, 1], [10, 20, 30]),
      wallTimes: Float64Array.from([100, 160, 220]),
    };
    const d = dataset(set([c, b]));
    const rel = curveView(d, query({ x: 'relative-time' }), []);
    expect(Array.from(rel.series[0].x)).toEqual([10, 20, 30]);
    expect(Array.from(rel.series[1].x)).toEqual([0, 60, 120]);
    expect(rel.note).toMatch(/1 of 2 runs logged no wall times/);
    const wall = curveView(d, query({ x: 'wall-time', runIds: ['b'] }), []);
    expect(wall.series.map((s) => s.runId)).toEqual(['b']);
    expect(Array.from(wall.series[0].x)).toEqual([100_000, 160_000, 220_000]);
    expect(wall.note).toBeNull();
  });

  it('places markers at the raw value of the nearest logged step', () => {
    const d = dataset(set([curve('a', 'loss', [3, 2, 9, 1, NaN], [10, 20, 30, 40, 50])]));
    const finding = (id: string, steps: number[], metric = 'loss'): Finding => ({
      id,
      detector: 'loss-spike',
      severity: 'warning',
      title: id,
      runIds: ['a'],
      rows: [0],
      evidence: [],
      explanation: '',
      recommendation: '',
      curve: { metric, steps },
    });
    const view = curveView(d, query(), [
      finding('spike', [31]),
      finding('nan', [50]),
      finding('other', [10], 'eval_loss'),
    ]);
    expect(view.markers.map((m) => [m.findingId, m.x, m.y])).toEqual([
      ['spike', 30, 9],
      ['nan', 50, 1],
    ]);
  });

  it('1,000 runs × 10,000 steps', () => {
    const r = noise(3);
    const base = Float64Array.from(
      { length: 10_000 },
      (_, i) => 2 * Math.exp(-i / 3000) + 0.05 * r(),
    );
    const steps = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const curves = Array.from({ length: 1000 }, (_, k) => ({
      runId: `r${k}`,
      metric: 'loss',
      steps,
      values: base.map((v) => v * (1 + k / 1000)),
      wallTimes: null,
    }));
    const d = dataset({
      runs: curves.map((c) => ({
        runId: c.runId,
        source: '',
        params: {},
        plannedSteps: null,
        plannedEpochs: null,
        notes: [],
      })),
      curves,
    });
    const t0 = performance.now();
    const view = curveView(d, query({ maxPoints: 1000 }), []);
    const cold = performance.now() - t0;
    const t1 = performance.now();
    curveView(d, query({ maxPoints: 1000 }), []);
    const warm = performance.now() - t1;
    // Printed for the record only: wall-clock asserts would be flaky on shared CI machines.
    console.log(
      `curveView: 1,000 runs × 10,000 steps (10M points): ${cold.toFixed(0)} ms cold, ${warm.toFixed(0)} ms warm`,
    );
    expect(view.series).toHaveLength(1000);
    expect(view.series.every((s) => s.x.length <= 1000)).toBe(true);
  });
});
