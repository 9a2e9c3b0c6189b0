/** SeriesBuilder across its growth steps and full blocks, against plain arrays. */
import { describe, expect, it } from 'vitest';
import { SeriesBuilder } from '../../../../src/lib/ingest/curves/series';

describe('SeriesBuilder', () => {
  it.each([0, 1, 64, 65, 16384, 16385, 40000, 70001])('%i points, walls from the middle', (n) => {
    const builder = new SeriesBuilder('run', 'loss');
    const steps: number[] = [];
    const values: number[] = [];
    const walls: number[] = [];
    const firstWall = Math.floor(n * 0.6);
    for (let i = 0; i < n; i++) {
      const wall = i >= firstWall && i % 3 !== 0 ? 1e9 + i : undefined;
      if (i % 2) builder.push(i, i / 7, wall);
      else if (wall === undefined) builder.pushPoint(i, i / 7);
      else builder.push(i, i / 7, wall);
      steps.push(i);
      values.push(i / 7);
      walls.push(wall ?? NaN);
      if (i % 997 === 0) expect(builder.lastStep()).toBe(i);
    }
    expect(builder.length).toBe(n);
    const curve = builder.finish();
    expect(Array.from(curve.steps)).toEqual(steps);
    expect(Array.from(curve.values)).toEqual(values);
    const anyWall = walls.some((w) => !Number.isNaN(w));
    expect(curve.wallTimes === null ? null : Array.from(curve.wallTimes)).toEqual(
      anyWall ? walls : null,
    );
  });
});
