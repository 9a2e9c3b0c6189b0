/** The summary as pretty JSON: same summary, same bytes; numbers JSON cannot hold are spelled out. */
import type { AnalysisSummary } from '../model';

// Readers see what the analysis found before the bookkeeping; the order never depends on input.
const TOP_LEVEL_ORDER: readonly (keyof AnalysisSummary)[] = [
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
];

export function summaryToJson(summary: AnalysisSummary): string {
  const ordered = Object.fromEntries(TOP_LEVEL_ORDER.map((key) => [key, summary[key]]));
  // JSON.stringify would turn ±Infinity and NaN into null, losing the very values reported.
  const replacer = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  return `${JSON.stringify(ordered, replacer, 2)}\n`;
}
