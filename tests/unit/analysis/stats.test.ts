import { describe, expect, it } from 'vitest';
import { median, quantileSorted, quantilesUnsorted } from '../../../src/lib/analysis/stats';
import { createRandom } from '../../../src/lib/fixtures';

describe('quantiles', () => {
  it('interpolates like numpy', () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(quantileSorted(Float64Array.from([1, 2, 3, 4]), 0.25)).toBe(1.75);
    expect(median([])).toBeNaN();
  });

  it('gives the same quantiles with quickselect as with sorting, ties included', () => {
    const rng = createRandom(11);
    const qs = [0.25, 0.5, 0.75, 1];
    for (let trial = 0; trial < 200; trial++) {
      const n = rng.int(1, 60);
      const values = Float64Array.from({ length: n }, () => rng.int(0, 8) / rng.pick([1, 3]));
      const sorted = values.slice().sort();
      const expected = qs.map((q) => quantileSorted(sorted, q));
      expect(quantilesUnsorted(values.slice(), qs)).toEqual(expected);
    }
  });
});
