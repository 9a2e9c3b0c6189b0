import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../../src/lib/analysis/stats/fdr';

describe('Benjamini–Hochberg', () => {
  it('matches R p.adjust(p, "BH") / SciPy false_discovery_control', () => {
    // The 25 p-values of McDonald's Handbook of Biological Statistics example.
    const p = [
      0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269,
      0.275, 0.34, 0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986,
    ];
    const expected = [
      0.025, 0.1, 0.21, 0.21, 0.21, 0.25, 0.264286, 0.491071, 0.491071, 0.491071, 0.491071,
      0.491071, 0.491071, 0.491071, 0.532812, 0.532812, 0.564706, 0.781579, 0.781579, 0.87,
      0.907143, 0.986, 0.986, 0.986, 0.986,
    ];
    benjaminiHochberg(p).forEach((q, i) => expect(q).toBeCloseTo(expected[i], 5));
  });

  it('keeps the input order and handles ties', () => {
    const expected = [0.025, 0.05, 0.05, 0.025, 0.5];
    benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]).forEach((q, i) =>
      expect(q).toBeCloseTo(expected[i], 15),
    );
    for (const q of benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05])) {
      expect(q).toBeCloseTo(0.05, 15);
    }
  });

  it('caps at 1, leaves NaN out of the count, and accepts nothing', () => {
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    const q = benjaminiHochberg([0.01, NaN, 0.02]);
    expect(q[0]).toBeCloseTo(0.02, 15);
    expect(q[1]).toBeNaN();
    expect(q[2]).toBeCloseTo(0.02, 15);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
