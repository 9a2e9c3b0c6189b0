import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import { summaryToJson } from '../../../src/lib/report';
import { curveDataset } from '../analysis/curves/curve-dataset';
import { analyzeTable, seedSampleTable } from '../analysis/table-helper';

describe('summaryToJson', () => {
  const summary = analyzeTable(seedSampleTable());

  it('is pretty, stable and lossless for a normal summary', () => {
    const json = summaryToJson(summary);
    expect(json).toBe(summaryToJson(analyzeTable(seedSampleTable())));
    expect(json).toContain('\n  "version": 1,');
    expect(JSON.parse(json)).toEqual(summary);
    expect(Object.keys(JSON.parse(json))).toEqual([
      'version',
      'source',
      'overview',
      'findings',
      'detectorCounts',
      'associations',
      'associationTesting',
      'primaryMetric',
      'correlations',
      'importance',
      'recommendedRegion',
      'logNextTime',
      'dataQuality',
      'curves',
      'roles',
      'runIds',
    ]);
  });

  it('includes the curve summary with every leaderboard row', () => {
    const withCurves = analyze(curveDataset(), { overrides: {}, settings: DEFAULT_SETTINGS });
    const parsed = JSON.parse(summaryToJson(withCurves));
    expect(parsed.curves.runs).toHaveLength(6);
    expect(parsed.curves.rankings[0].runs).toHaveLength(6);
    expect(parsed.curves).toEqual(JSON.parse(JSON.stringify(withCurves.curves)));
    expect(parsed.findings.some((f: { detector: string }) => f.detector === 'curve-nan')).toBe(
      true,
    );
  });

  it('spells out numbers JSON cannot hold instead of writing null', () => {
    const odd = { ...summary, associations: [{ ...summary.associations[0], baseRate: Infinity }] };
    expect(JSON.parse(summaryToJson(odd)).associations[0].baseRate).toBe('Infinity');
  });
});
