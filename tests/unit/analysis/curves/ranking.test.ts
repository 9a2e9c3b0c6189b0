import { describe, expect, it } from 'vitest';
import { rankRuns, smoothEma } from '../../../../src/lib/analysis/curves';
import { curve, noise, set } from './helpers';

describe('smoothEma', () => {
  it('is debiased: a constant stays constant from the first point', () => {
    expect(Array.from(smoothEma([2, 2, 2], 0.6))).toEqual([2, 2, 2]);
  });
  it('matches TensorBoard on a step', () => {
    const s = smoothEma([0, 1], 0.6);
    // last = 0.4 · 1 = 0.4 after two points; debias 1 − 0.36 = 0.64.
    expect(s[0]).toBe(0);
    expect(s[1]).toBeCloseTo(0.4 / 0.64, 12);
  });
  it('weight 0 returns the values and NaN passes through', () => {
    expect(Array.from(smoothEma([3, NaN, 1], 0))).toEqual([3, NaN, 1]);
  });
});

const N = 100;
const steps = Array.from({ length: N }, (_, i) => i + 1);
function decay(final: number, tau: number, jitter: number, seed: number): number[] {
  const r = noise(seed);
  return steps.map((s) => final + (2 - final) * Math.exp(-s / tau) + jitter * r());
}

describe('rankRuns', () => {
  // low: lowest final; fast: converges first; smooth: least noise; every one loses elsewhere.
  const low = decay(0.2, 25, 0.03, 1);
  const fast = decay(0.5, 3, 0.03, 2);
  const smooth = decay(0.4, 25, 0.001, 3);
  const spiky = decay(0.4, 25, 0.03, 4);
  spiky[50] = 3;
  spiky[70] = 3;
  const s = set([
    curve('low', 'loss', low, steps),
    curve('fast', 'loss', fast, steps),
    curve('smooth', 'loss', smooth, steps),
    curve('spiky', 'loss', spiky, steps),
  ]);
  const ranked = rankRuns(s, 'loss', 'min');
  const byId = new Map(ranked.map((r) => [r.runId, r]));
  const get = (id: string) => {
    const r = byId.get(id);
    if (!r) throw new Error(id);
    return r;
  };

  it('finds the best run on each component', () => {
    expect(get('low').componentRanks.finalValue).toBe(1);
    expect(get('fast').componentRanks.convergence).toBe(1);
    expect(get('smooth').componentRanks.stability).toBe(1);
    expect(get('spiky').componentRanks.stability).toBe(4);
    expect(get('spiky').spikes).toBe(2);
    expect(get('low').finalValue).toBeCloseTo(0.2, 1);
    expect(get('fast').convergenceStep).toBeLessThan(get('low').convergenceStep);
  });

  it('composite = mean of component ranks, sorted, with an explanation', () => {
    for (const r of ranked) {
      const c = r.componentRanks;
      expect(r.score).toBeCloseTo((c.finalValue + c.convergence + c.stability) / 3, 12);
      expect(r.explanation).toContain(`#${r.rank} of 4`);
    }
    expect(ranked.map((r) => r.rank)).toEqual([...ranked.map((r) => r.rank)].sort((a, b) => a - b));
    expect(ranked[ranked.length - 1].runId).toBe('spiky');
  });

  it('max direction prefers the highest final value and counts dips as spikes', () => {
    const acc = set([
      curve(
        'hi',
        'acc',
        steps.map((x) => 0.9 - 0.5 * Math.exp(-x / 10)),
        steps,
      ),
      curve(
        'lo',
        'acc',
        steps.map((x) => 0.7 - 0.5 * Math.exp(-x / 10)),
        steps,
      ),
    ]);
    const r = rankRuns(acc, 'acc', 'max');
    expect(r.map((x) => x.runId)).toEqual(['hi', 'lo']);
    expect(r[0].componentRanks.finalValue).toBe(1);
  });

  it('skips runs without the metric or without finite points', () => {
    const r = rankRuns(
      set([curve('a', 'loss', [1, 0.5]), curve('b', 'loss', [NaN]), curve('c', 'acc', [1])]),
      'loss',
      'min',
    );
    expect(r.map((x) => x.runId)).toEqual(['a']);
  });
});

describe('rankRuns with a curve that ends NaN', () => {
  const steps = Array.from({ length: 40 }, (_, i) => (i + 1) * 10);
  const healthy = steps.map((_, i) => 1 / (1 + i * 0.1));
  // Better than the healthy run until it breaks at step 310, then NaN to the end.
  const broken = steps.map((_, i) => (i < 30 ? 0.5 / (1 + i * 0.2) : NaN));
  const ranked = rankRuns(
    set([curve('healthy', 'loss', healthy, steps), curve('broken', 'loss', broken, steps)]),
    'loss',
    'min',
  );

  it('ranks it after every run that ended finite and says why', () => {
    expect(ranked.map((r) => r.runId)).toEqual(['healthy', 'broken']);
    const last = ranked[1];
    expect(last.brokenFromStep).toBe(310);
    expect(last.componentRanks.finalValue).toBe(1);
    expect(last.explanation).toMatch(/NaN\/Inf from step 310/);
    expect(ranked[0].brokenFromStep).toBeNull();
  });
});
