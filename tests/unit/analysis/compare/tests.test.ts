/** The significance tests behind the Compare cell, on planted differences with known answers. */
import { describe, expect, it } from 'vitest';
import {
  normalTwoSided,
  pairedBootstrap,
  stderrTest,
  twoProportionTest,
} from '../../../../src/lib/analysis/compare';
import { mulberry32 } from '../../../../src/lib/analysis/stats/random';

/** 400 paired 0/1 results: b equals a except `moreRight` problems it gets right and `moreWrong` it misses. */
function paired(moreRight: number, moreWrong: number, seed = 1): { a: number[]; b: number[] } {
  const random = mulberry32(seed);
  const a = Array.from({ length: 400 }, () => (random() < 0.6 ? 1 : 0));
  const b = [...a];
  let r = moreRight;
  let w = moreWrong;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0 && r > 0) {
      b[i] = 1;
      r--;
    } else if (b[i] === 1 && w > 0) {
      b[i] = 0;
      w--;
    }
  }
  return { a, b };
}

describe('paired bootstrap', () => {
  it('finds a real difference: 40 more right, 5 more wrong of 400 (p < 0.01)', () => {
    const { a, b } = paired(40, 5);
    const r = pairedBootstrap(b, a);
    expect(r.difference).toBeCloseTo(35 / 400, 12);
    expect(r.pValue).toBeLessThan(0.01);
    expect(r.low).toBeGreaterThan(0);
  });

  it('calls a null difference noise: 16 more right, 14 more wrong (p > 0.2)', () => {
    const { a, b } = paired(16, 14);
    const r = pairedBootstrap(b, a);
    expect(r.difference).toBeCloseTo(2 / 400, 12);
    expect(r.pValue).toBeGreaterThan(0.2);
    expect(r.low).toBeLessThan(0);
    expect(r.high).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and moves with another seed', () => {
    const { a, b } = paired(20, 10);
    expect(pairedBootstrap(b, a, 10_000, 7)).toEqual(pairedBootstrap(b, a, 10_000, 7));
    const other = pairedBootstrap(b, a, 10_000, 8);
    const first = pairedBootstrap(b, a, 10_000, 7);
    expect([other.low, other.high, other.pValue]).not.toEqual([
      first.low,
      first.high,
      first.pValue,
    ]);
  });

  it('its interval always contains the observed difference (60 random paired sets)', () => {
    const random = mulberry32(42);
    for (let k = 0; k < 60; k++) {
      const n = 20 + Math.floor(random() * 200);
      const a = Array.from({ length: n }, () => random() * 2);
      const b = a.map((x) => x + (random() - 0.5) * (1 + random()));
      const r = pairedBootstrap(b, a, 2000, k);
      expect(r.low).toBeLessThanOrEqual(r.difference);
      expect(r.high).toBeGreaterThanOrEqual(r.difference);
      expect(r.pValue).toBeGreaterThan(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
    }
  });

  it('identical results: difference 0, p = 1', () => {
    const r = pairedBootstrap([1, 0, 1, 1], [1, 0, 1, 1], 500);
    expect([r.difference, r.low, r.high, r.pValue]).toEqual([0, 0, 0, 1]);
  });
});

describe('tests from summaries', () => {
  it('normal two-sided p: 1.96 → 0.05, 0 → 1, 3.29 → 0.001', () => {
    expect(normalTwoSided(1.959964)).toBeCloseTo(0.05, 5);
    expect(normalTwoSided(0)).toBeCloseTo(1, 6);
    expect(normalTwoSided(-3.2905)).toBeCloseTo(0.001, 5);
  });

  it('z-test from stderr: 0.05 apart with se 0.01 each is z = 3.54', () => {
    const r = stderrTest(0.65, 0.01, 0.6, 0.01);
    expect(r.difference).toBeCloseTo(0.05, 12);
    expect(r.pValue).toBeCloseTo(normalTwoSided(0.05 / Math.sqrt(2e-4)), 10);
    expect(r.pValue).toBeLessThan(0.001);
    expect(r.high - r.difference).toBeCloseTo(1.96 * Math.sqrt(2e-4), 3);
  });

  it('two proportions: 62.4% vs 61.2% on 250 each is noise (±8.5 points)', () => {
    const r = twoProportionTest(0.624, 250, 0.612, 250);
    expect(r.pValue).toBeGreaterThan(0.7);
    expect((r.high - r.low) / 2).toBeCloseTo(0.0852, 3);
    expect(twoProportionTest(0.75, 1000, 0.6, 1000).pValue).toBeLessThan(1e-6);
  });
});
