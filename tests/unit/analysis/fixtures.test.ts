import { describe, expect, it } from 'vitest';
import { createRandom, generateWideSweep, mulberry32 } from '../../../src/lib/fixtures';
import { analyzeTable, tableFromCsv } from './table-helper';

describe('random', () => {
  it('is seeded and uniform in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('draws integers and log-uniform values inside their ranges', () => {
    const rng = createRandom(3);
    for (let i = 0; i < 200; i++) {
      const n = rng.int(2, 5);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(5);
      const lr = rng.logUniform(1e-5, 1e-2);
      expect(lr).toBeGreaterThanOrEqual(1e-5);
      expect(lr).toBeLessThan(1e-2);
    }
  });
});

describe('generateWideSweep', () => {
  it('has the requested shape and analyses like a sweep', () => {
    const csv = generateWideSweep(1, 500, 30);
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(501);
    expect(lines.every((l) => l.split(',').length === 30)).toBe(true);
    const summary = analyzeTable(tableFromCsv(csv));
    expect(summary.overview.params.length).toBeGreaterThanOrEqual(15);
    expect(summary.overview.withIssues).toBeGreaterThan(0);
    expect(summary.overview.healthy).toBeGreaterThan(400);
  });

  it('writes about 250 bytes per trial at 30 columns (100,000 trials ≈ 25 MB)', () => {
    const bytes = generateWideSweep(2, 2000, 30).length;
    expect(bytes / 2000).toBeGreaterThan(180);
    expect(bytes / 2000).toBeLessThan(300);
  });
});
