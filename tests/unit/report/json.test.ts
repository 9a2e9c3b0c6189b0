import { describe, expect, it } from 'vitest';
import { summaryToJson } from '../../../src/lib/report';
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
      'roles',
      'runIds',
    ]);
  });

  it('spells out numbers JSON cannot hold instead of writing null', () => {
    const odd = { ...summary, associations: [{ ...summary.associations[0], baseRate: Infinity }] };
    expect(JSON.parse(summaryToJson(odd)).associations[0].baseRate).toBe('Infinity');
  });
});
