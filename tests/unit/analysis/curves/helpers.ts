import type { Curve, CurveRun, CurveSet } from '../../../../src/lib/model';

export function curve(runId: string, metric: string, values: number[], steps?: number[]): Curve {
  return {
    runId,
    metric,
    steps: Float64Array.from(steps ?? values.map((_, i) => (i + 1) * 10)),
    values: Float64Array.from(values),
    wallTimes: null,
  };
}

export function run(runId: string, extra: Partial<CurveRun> = {}): CurveRun {
  return {
    runId,
    source: `${runId}.json`,
    params: {},
    plannedSteps: null,
    plannedEpochs: null,
    notes: [],
    ...extra,
  };
}

export function set(curves: Curve[], runs?: CurveRun[]): CurveSet {
  const ids = [...new Set(curves.map((c) => c.runId))];
  return { runs: runs ?? ids.map((id) => run(id)), curves };
}

/** Deterministic pseudo-random noise in [−1, 1]. */
export function noise(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) / 0xffffffff) * 2 - 1;
  };
}

/** A healthy falling loss: 2 → ~0.3 with ±2 % noise. */
export function healthyLoss(n: number, seed = 1): number[] {
  const r = noise(seed);
  return Array.from(
    { length: n },
    (_, i) => (0.3 + 1.7 * Math.exp(-i / (n / 5))) * (1 + 0.02 * r()),
  );
}
