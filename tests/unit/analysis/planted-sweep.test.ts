import { describe, expect, it } from 'vitest';
import { generateHealthySweep, generatePlantedSweep } from '../../../src/lib/fixtures';
import type { DetectorId } from '../../../src/lib/model';
import { analyzeTable, tableFromCsv } from './table-helper';

const sortIds = (ids: string[]) => [...ids].sort((a, b) => Number(a) - Number(b));

describe('planted sweep', () => {
  it.each([42, 1, 2, 3, 7, 1234])(
    'seed %i: every planted pathology is found, nothing else',
    (seed) => {
      const { csv, planted } = generatePlantedSweep(seed, 60);
      const summary = analyzeTable(tableFromCsv(csv));
      const found = (detector: DetectorId) =>
        sortIds(summary.findings.filter((f) => f.detector === detector).flatMap((f) => f.runIds));
      expect(found('nan-metrics')).toEqual(sortIds(planted.nanMetrics));
      expect(found('failed-status')).toEqual(sortIds(planted.failedStatus));
      expect(found('overfitting')).toEqual(sortIds(planted.overfitting));
      expect(found('short-run')).toEqual(sortIds(planted.shortRun));
      expect(summary.findings.every((f) => f.severity !== 'info')).toBe(true);
    },
  );

  it('plants the high-lr NaN region where the associations find it', () => {
    const { csv } = generatePlantedSweep(42, 60);
    const summary = analyzeTable(tableFromCsv(csv));
    const lr = summary.associations.find((a) => a.param === 'lr' && a.issue === 'nan-metrics');
    const hot = lr?.buckets.find((b) => b.label === lr.hotBucket);
    // The top quartile of lr, which holds every trial with lr ≥ 0.01.
    expect(hot).toBe(lr?.buckets.at(-1));
    expect(hot?.hi).toBeGreaterThanOrEqual(0.01);
    expect(hot?.rate).toBeGreaterThan(0.5);
    const decay = summary.associations.find(
      (a) => a.param === 'weight_decay' && a.issue === 'overfitting',
    );
    expect(decay?.hotBucket).toBe('0');
  });

  it('is deterministic', () => {
    expect(generatePlantedSweep(42).csv).toBe(generatePlantedSweep(42).csv);
    expect(generatePlantedSweep(42).csv).not.toBe(generatePlantedSweep(43).csv);
  });

  it('leaves crashed runs without metrics: empty cells, not NaN', () => {
    const { csv, planted } = generatePlantedSweep(42, 60);
    const lines = csv.trimEnd().split('\n');
    for (const id of planted.crashed) {
      const cells = lines[Number(id)].split(',');
      expect(cells[1]).toBe('crashed');
      expect(cells.slice(5, 9)).toEqual(['', '', '', '']);
    }
  });
});

describe('healthy sweep', () => {
  it('produces no finding on 20 seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const summary = analyzeTable(tableFromCsv(generateHealthySweep(seed, 40)));
      expect(summary.findings, `seed ${seed}`).toEqual([]);
      expect(summary.overview.healthy).toBe(40);
    }
  });

  it('has budgets of 18–25 epochs', () => {
    const epochs = tableFromCsv(generateHealthySweep(5, 40)).columns.find(
      (c) => c.name === 'epochs',
    );
    const values = epochs?.kind === 'number' ? [...epochs.values] : [];
    expect(Math.min(...values)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...values)).toBeLessThanOrEqual(25);
  });
});
