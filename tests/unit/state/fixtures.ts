import type {
  AnalysisSummary,
  Column,
  ColumnRole,
  DetectorSettings,
  Finding,
  Role,
  SourceInfo,
} from '../../../src/lib/model';
import type { AnalyzeResult, LoadResult, SettingsSchema } from '../../../src/lib/worker/protocol';
import { buildSettingsSchema } from '../../../src/lib/worker/settings-schema';

/**
 * Settings of every kind the schema knows (real numbers, counts, booleans, automatic numbers),
 * so the state is tested on the shape of settings, not on today's detectors.
 */
export const testDefaults = {
  overfitting: { lossRatio: 1.5, accuracyGap: 0.1 },
  shortRun: { minTrials: 4 },
  atChance: { enabled: true, chanceLevel: null },
} as unknown as DetectorSettings;

export const testSchema: SettingsSchema = buildSettingsSchema(
  testDefaults,
  { overfitting: { lossRatio: 'A 50% gap is beyond noise.' } },
  [{ id: 'overfitting', label: 'Overfitting', description: 'val vs train' }],
);

export const source: SourceInfo = {
  file: 'sweep.csv',
  bytes: 120,
  format: 'csv-table',
  formatReason: 'comma-separated table with a header row',
  dialect: {
    delimiter: ',',
    quoteChar: '"',
    newline: '\n',
    decimal: '.',
    hasBom: false,
    encoding: 'UTF-8',
    reason: 'commas split every line into 4 fields',
  },
  rows: 3,
  columns: 4,
  issues: [],
  quarantined: [],
  quarantinedCount: 0,
};

export const columns: Column[] = [
  { kind: 'text', name: 'trial_id', codes: new Int32Array([0, 1, 2]), labels: ['a', 'b', 'c'] },
  { kind: 'number', name: 'lr', values: new Float64Array(3), states: new Uint8Array(3) },
  { kind: 'number', name: 'val_loss', values: new Float64Array(3), states: new Uint8Array(3) },
  { kind: 'number', name: 'epochs', values: new Float64Array(3), states: new Uint8Array(3) },
];

const valLoss: Role = { kind: 'metric', split: 'val', family: 'loss', direction: 'min' };

export function roles(overrides: Record<string, Role> = {}): ColumnRole[] {
  const inferred: [string, Role, string][] = [
    ['trial_id', { kind: 'id' }, 'named like an id'],
    ['lr', { kind: 'param' }, 'named like a learning rate'],
    ['val_loss', valLoss, 'named like a validation loss'],
    ['epochs', { kind: 'budget', unit: 'epochs' }, 'named like an epoch count'],
  ];
  return inferred.map(([column, role, reason]) =>
    overrides[column]
      ? { column, role: overrides[column], reason: 'set by you', overridden: true }
      : { column, role, reason, overridden: false },
  );
}

export function finding(detector: Finding['detector'], runIds: string[]): Finding {
  return {
    id: `${detector}:${runIds.join(',')}`,
    detector,
    severity: detector === 'nan-metrics' ? 'critical' : 'warning',
    title: `${detector} in ${runIds.join(', ')}`,
    runIds,
    rows: runIds.map((_, i) => i),
    evidence: [{ label: 'val_loss', value: 'NaN' }],
    explanation: 'why',
    recommendation: 'what',
  };
}

export function summary(
  overrides: Record<string, Role> = {},
  findings: Finding[] = [finding('nan-metrics', ['b'])],
): AnalysisSummary {
  return {
    version: 1,
    source,
    roles: roles(overrides),
    overview: {
      trials: 3,
      healthy: 2,
      withIssues: 1,
      bySeverity: { critical: 1, warning: 0, info: 0 },
      params: ['lr'],
      metrics: ['val_loss'],
    },
    findings,
    detectorCounts: [
      { detector: 'failed-status', label: 'Failed runs', findings: 0, runs: 0 },
      { detector: 'nan-metrics', label: 'NaN / Inf metrics', findings: 1, runs: 1 },
    ],
    associations: [],
    associationTesting: { method: 'test', tests: 0, fdr: 0.1, powered: false },
    primaryMetric: null,
    correlations: [],
    importance: null,
    recommendedRegion: null,
    logNextTime: [],
    dataQuality: [],
    curves: null,
    runIds: ['a', 'b', 'c'],
  };
}

export function analyzeResult(
  overrides: Record<string, Role> = {},
  settings: DetectorSettings = testDefaults,
): AnalyzeResult {
  return { summary: summary(overrides), reportMarkdown: '# Report\n', settings };
}

export function loadResult(
  datasetId = 1,
  analysed = true,
  settings: DetectorSettings = testDefaults,
): LoadResult {
  return {
    datasetId,
    source,
    columns,
    rowCount: 3,
    roles: roles(),
    analysis: analysed ? analyzeResult({}, settings) : null,
    settings,
    settingsSchema: testSchema,
  };
}
