/**
 * A big sweep is analysed in two passes (per-trial detectors first, then everything): the full
 * pass reuses what the first one computed, and must still give exactly what a fresh full
 * analysis gives.
 */
import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import { generatePlantedSweep } from '../../../src/lib/fixtures';
import type { AnalysisSummary, DetectorSettings, Finding } from '../../../src/lib/model';
import { datasetOf, tableFromCsv } from './table-helper';

const firstPassOnly = (s: AnalysisSummary) =>
  s.findings.filter((f) => f.detector === 'nan-metrics');

function twoPasses(csv: string, first: DetectorSettings, full: DetectorSettings) {
  const dataset = datasetOf(tableFromCsv(csv));
  const a = analyze(dataset, { overrides: {}, settings: first, scope: 'first-pass' });
  const b = analyze(dataset, { overrides: {}, settings: full, scope: 'full' });
  // A fresh table with the same cells, never analysed before.
  const fresh = analyze(datasetOf(tableFromCsv(csv)), { overrides: {}, settings: full });
  return { first: a, full: b, fresh };
}

describe('the full pass after a first pass', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals a fresh full analysis and reuses the first pass's findings (seed ${seed})`, () => {
      const { csv } = generatePlantedSweep(seed, 80);
      const { first, full, fresh } = twoPasses(csv, DEFAULT_SETTINGS, DEFAULT_SETTINGS);
      expect(first.firstPass).toBe(true);
      expect(full.firstPass).toBeUndefined();
      expect(full).toEqual(fresh);
      const reused = firstPassOnly(first);
      expect(reused.length).toBeGreaterThan(0);
      // The same finding objects: the detector did not run again.
      const byId = new Map<string, Finding>(full.findings.map((f) => [f.id, f]));
      for (const f of reused) expect(byId.get(f.id)).toBe(f);
    });
  }

  it('starts afresh when the settings changed in between', () => {
    const { csv } = generatePlantedSweep(4, 80);
    const changed: DetectorSettings = {
      ...DEFAULT_SETTINGS,
      overfitting: { ...DEFAULT_SETTINGS.overfitting, lossRatio: 1.2 },
    };
    const { first, full, fresh } = twoPasses(csv, DEFAULT_SETTINGS, changed);
    expect(full).toEqual(fresh);
    const before = new Set(first.findings);
    expect(full.findings.some((f) => before.has(f))).toBe(false);
  });

  it('reuses a first pass once only', () => {
    const { csv } = generatePlantedSweep(5, 80);
    const dataset = datasetOf(tableFromCsv(csv));
    const options = { overrides: {}, settings: DEFAULT_SETTINGS };
    const first = analyze(dataset, { ...options, scope: 'first-pass' });
    const full = analyze(dataset, options);
    const again = analyze(dataset, options);
    expect(again).toEqual(full);
    const before = new Set(first.findings);
    expect(again.findings.some((f) => before.has(f))).toBe(false);
  });
});
