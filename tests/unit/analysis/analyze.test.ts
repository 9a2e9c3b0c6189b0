import { describe, expect, it } from 'vitest';
import { analyze as analyzeDataset, DEFAULT_SETTINGS as DEFAULTS } from '../../../src/lib/analysis';
import { generatePlantedSweep } from '../../../src/lib/fixtures';
import { readCsv } from '../../../src/lib/ingest';
import {
  analyze,
  canAnalyze,
  DEFAULT_SETTINGS,
  DETECTORS,
  inferRoles,
} from '../../../src/lib/analysis';
import { analyzeTable, seedSampleTable, sourceOf, tableFromColumns } from './table-helper';

describe('analyze on the seed sample', () => {
  const summary = analyzeTable(seedSampleTable());
  const finding = (id: string) => summary.findings.find((f) => f.id === id);

  it('finds trial 2 failed with NaN metrics, trial 4 inf, trial 3 overfitting, trial 5 short', () => {
    expect(summary.findings.map((f) => f.id)).toEqual([
      'nan-metrics:2',
      'nan-metrics:4',
      'failed-status:2',
      'overfitting:3',
      'short-run:5',
      // Six trials over three hyperparameters: too few to tell their effects apart (info only).
      'small-sweep:sweep',
    ]);
    expect(finding('small-sweep:sweep')?.severity).toBe('info');
    expect(finding('failed-status:2')?.severity).toBe('critical');
    expect(finding('nan-metrics:4')?.evidence).toEqual([
      { label: 'val_loss', value: 'inf', threshold: 'not finite', column: 'val_loss' },
    ]);
    const ratio = finding('overfitting:3')?.evidence.find((e) => e.label.includes('/'));
    expect(Number(ratio?.value)).toBeCloseTo(5.33, 1);
    expect(finding('short-run:5')?.runIds).toEqual(['5']);
  });

  it('summarises the sweep', () => {
    expect(summary.version).toBe(1);
    expect(summary.runIds).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(summary.overview).toEqual({
      trials: 6,
      healthy: 2,
      withIssues: 4,
      // small-sweep judges the sweep, not its trials, so it does not count here.
      bySeverity: { critical: 2, warning: 2, info: 0 },
      params: ['lr', 'batch_size', 'weight_decay'],
      metrics: ['train_loss', 'val_loss', 'train_acc', 'val_acc'],
    });
    expect(summary.detectorCounts).toHaveLength(DETECTORS.length);
    expect(
      summary.detectorCounts
        .filter((d) => d.findings > 0)
        .map((d) => [d.detector, d.findings, d.runs]),
    ).toEqual([
      ['nan-metrics', 2, 2],
      ['failed-status', 1, 1],
      ['overfitting', 1, 1],
      ['short-run', 1, 1],
      ['small-sweep', 1, 6],
    ]);
    // Six trials, four with a finite val_loss: too few for importance and a best region.
    expect(summary.dataQuality).toEqual([
      'Only 4 finished trials have a finite val_loss; hyperparameter importance needs at least 10, so it was not computed.',
      'Too few trials to derive a best region (at least 10 needed).',
    ]);
  });

  it('is JSON-serialisable without loss', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('re-runs with overrides: without a budget there is no short run', () => {
    const again = analyzeTable(seedSampleTable(), {
      epochs: { kind: 'ignore' },
      runtime_sec: { kind: 'ignore' },
    });
    expect(again.findings.some((f) => f.detector === 'short-run')).toBe(false);
    expect(again.roles.find((r) => r.column === 'epochs')?.overridden).toBe(true);
  });
});

describe('analyze on incomplete data', () => {
  it('says clearly when there are no metric columns (Ray Tune results without metrics)', () => {
    const table = tableFromColumns(
      {
        trial_id: ['36656_00000', '36656_00001'],
        hostname: ['MaximeWel', 'MaximeWel'],
        'config/pred_token': ['False', 'True'],
        'config/use_lstm': ['False', 'False'],
      },
      ['trial_id'],
    );
    expect(canAnalyze(inferRoles(table, {}))).toBe(false);
    const summary = analyzeTable(table);
    expect(summary.findings).toEqual([]);
    expect(summary.dataQuality.join(' ')).toMatch(/No metric columns/);
    expect(summary.runIds).toEqual(['36656_00000', '36656_00001']);
  });

  it('names runs "row N" without an id column, and says so', () => {
    const summary = analyzeTable(tableFromColumns({ lr: [0.1, 0.2], val_loss: ['NaN', 0.3] }));
    expect(summary.runIds).toEqual(['row 1', 'row 2']);
    expect(summary.findings[0].id).toBe('nan-metrics:row 1');
    expect(summary.findings[0].title).toMatch(/^Row 1 /);
    expect(summary.dataQuality.join(' ')).toMatch(/No run id column/);
  });

  it('handles a table without rows', () => {
    const summary = analyzeTable(tableFromColumns({ trial_id: [], val_loss: [] }));
    expect(summary.overview.trials).toBe(0);
    expect(summary.dataQuality[0]).toMatch(/no data rows/);
  });

  it('reports quarantined rows and unknown statuses', () => {
    const table = tableFromColumns({
      trial_id: [1, 2],
      status: ['finished', 'zombie'],
      val_loss: [0.1, 0.2],
    });
    const summary = analyze(
      { source: sourceOf(table, 'runs.csv', 3), table },
      { overrides: {}, settings: DEFAULT_SETTINGS },
    );
    expect(summary.dataQuality).toContain(
      '3 rows of runs.csv could not be read and were left out (see Sources for line numbers).',
    );
    expect(summary.dataQuality.join(' ')).toMatch(/"zombie"/);
  });

  it('gives repeated user-chosen ids a suffix so finding ids stay unique', () => {
    const table = tableFromColumns({ group: ['a', 'a'], val_loss: ['NaN', 'NaN'] });
    const summary = analyzeTable(table, { group: { kind: 'id' } });
    expect(summary.runIds).toEqual(['a', 'a (2)']);
    expect(new Set(summary.findings.map((f) => f.id)).size).toBe(2);
  });

  it('counts info-only runs as healthy', () => {
    const table = tableFromColumns({
      number: [0, 1, 2],
      state: ['COMPLETE', 'PRUNED', 'COMPLETE'],
      value: [0.1, 0.5, 0.2],
    });
    const { overview } = analyzeTable(table);
    expect(overview).toMatchObject({ healthy: 3, withIssues: 0 });
    expect(overview.bySeverity.info).toBe(1);
  });
});

describe('first-pass scope', () => {
  it('runs only the per-trial detectors and defers the statistics', async () => {
    const csv = generatePlantedSweep(42).csv;
    const dataset = await readCsv(new File([csv], 'p.csv'), {
      onProgress: () => {},
      isCancelled: () => false,
    });
    const quick = analyze(dataset, {
      overrides: {},
      settings: DEFAULT_SETTINGS,
      scope: 'first-pass',
    });
    const full = analyzeDataset(dataset, { overrides: {}, settings: DEFAULTS });
    expect(quick.firstPass).toBe(true);
    expect(quick.importance).toBeNull();
    expect(quick.detectorCounts.map((c) => c.detector)).not.toContain('confounded-params');
    // The per-trial findings are the same in both passes.
    const perTrial = (s: typeof full) =>
      s.findings
        .filter((f) =>
          ['nan-metrics', 'failed-status', 'overfitting', 'short-run'].includes(f.detector),
        )
        .map((f) => f.id);
    expect(perTrial(quick)).toEqual(perTrial(full));
    expect(full.firstPass).toBeUndefined();
  });
});
