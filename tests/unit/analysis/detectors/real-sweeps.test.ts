/**
 * The sweep-table detectors on the public files in ../shared/data/real/sweep_csv (skipped when
 * that folder is absent): each file gets the findings its README row says a careful engineer
 * sees, and nothing else from these detectors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS } from '../../../../src/lib/analysis';
import { ALL_DETECTORS } from '../../../../src/lib/fixtures/planted';
import { readCsv, type ByteSource } from '../../../../src/lib/ingest';
import type { AnalysisSummary, DetectorId, Finding } from '../../../../src/lib/model';

const DIR = join(import.meta.dirname, '../../../../../shared/data/real/sweep_csv');

/** The detectors this suite is about (the foundation's four have their own real-file test). */
const FOUNDATION: readonly DetectorId[] = [
  'nan-metrics',
  'failed-status',
  'overfitting',
  'short-run',
];
const SWEEP_DETECTORS = new Set<DetectorId>(ALL_DETECTORS.filter((d) => !FOUNDATION.includes(d)));

function fileSource(path: string, name: string): ByteSource {
  const blob = new Blob([readFileSync(path)]);
  return { name, size: blob.size, stream: () => blob.stream(), slice: (a, b) => blob.slice(a, b) };
}

async function analyzeFile(name: string): Promise<AnalysisSummary> {
  const hooks = { onProgress: () => {}, isCancelled: () => false };
  const dataset = await readCsv(fileSource(join(DIR, name), name), hooks);
  return analyze(dataset, { overrides: {}, settings: DEFAULT_SETTINGS });
}

async function sweepFindings(name: string): Promise<Finding[]> {
  return (await analyzeFile(name)).findings.filter((f) => SWEEP_DETECTORS.has(f.detector));
}

const idsAndSeverities = (findings: Finding[]) =>
  findings.map((f) => `${f.id} ${f.severity}`).sort();

const has = (name: string) => existsSync(join(DIR, name));

describe.runIf(existsSync(DIR))('sweep-table detectors on the real sweep CSVs', () => {
  it.runIf(has('wandb_export_quant_bits.csv'))(
    'wandb_export_quant_bits.csv: w4/a2 at chance on CIFAR-10; compression ratios derived from the bit widths',
    async () => {
      const findings = await sweepFindings('wandb_export_quant_bits.csv');
      expect(idsAndSeverities(findings)).toEqual([
        'at-chance:weight_4_act_2 critical',
        'confounded-params:act_bits~compression_ratio_activations warning',
        'confounded-params:weight_bits~compression_ratio_weights warning',
        'small-sweep:sweep info',
        'values-tried-once:act_bits info',
        'values-tried-once:compression_ratio_activations info',
      ]);
      const chance = findings.find((f) => f.detector === 'at-chance');
      expect(chance?.title).toMatch(/quant_test_acc 10\.34% is at chance \(10% for 10 classes\)/);
      expect(chance?.evidence.map((e) => e.threshold).join(' ')).toMatch(
        /CIFAR-10.*mobilenetv2_cifar10_best\.pth/,
      );
      expect(chance?.evidence.find((e) => e.label === 'quant_test_loss')?.value).toBe('4.943');
    },
  );

  it.runIf(has('sklearn_gridsearch_svm_collapsed.csv'))(
    'sklearn_gridsearch_svm_collapsed.csv: the RBF collapse (warning) and C irrelevant for linear (info)',
    async () => {
      const findings = await sweepFindings('sklearn_gridsearch_svm_collapsed.csv');
      expect(idsAndSeverities(findings)).toEqual([
        'collapsed-trials:mean_test_score=0.1125 warning',
        'collapsed-trials:mean_test_score=0.9062 info',
        'small-sweep:sweep info',
      ]);
      const collapse = findings[0];
      expect(collapse.rows).toEqual([13, 14, 16, 17, 19, 20]);
      expect(collapse.title).toMatch(/every trial with param_gamma ∈ \{0\.001, 0\.01\}/);
      expect(collapse.recommendation).toMatch(/all with param_kernel = rbf/);
      expect(findings[1].title).toMatch(/param_C made no difference with param_kernel = linear/);
      expect(findings[1].rows).toEqual([0, 1, 2]);
    },
  );

  it.runIf(has('mlflow_search_runs_rf.csv'))(
    'mlflow_search_runs_rf.csv: two duplicate runs and training metrics only',
    async () => {
      const findings = await sweepFindings('mlflow_search_runs_rf.csv');
      expect(idsAndSeverities(findings)).toEqual([
        'duplicate-results:125f3972d83b4899b0e88c81caa129d9 warning',
        'eval-missing:sweep warning',
      ]);
      const duplicate = findings.find((f) => f.detector === 'duplicate-results');
      expect(duplicate?.runIds).toEqual([
        '125f3972d83b4899b0e88c81caa129d9',
        'f2f198e6c17747aa82585112a50079a9',
      ]);
      const evidence = Object.fromEntries(duplicate?.evidence.map((e) => [e.label, e.value]) ?? []);
      expect(evidence['tags.mlflow.source.git.commit']).toMatch(/^31560edc.* in all$/);
      expect(evidence['differ only in']).toMatch(/tags\.mlflow\.runName/);
      // ≈0.9999 training scores are not "perfect", and training metrics are not judged by too-good:
      // eval-missing is the finding that explains them.
      expect(findings.some((f) => f.detector === 'too-good')).toBe(false);
    },
  );

  it.runIf(has('optuna_fakenews_3trials.csv'))(
    'optuna_fakenews_3trials.csv: a perfect value of 1.0 and only 3 trials',
    async () => {
      const findings = await sweepFindings('optuna_fakenews_3trials.csv');
      expect(idsAndSeverities(findings)).toEqual([
        'small-sweep:sweep warning',
        'too-good:2 warning',
      ]);
    },
  );

  it.runIf(has('finetune_lr_sweep_3pts.csv'))(
    'finetune_lr_sweep_3pts.csv: 3 points, differences within the noise of a 1,495-example eval set',
    async () => {
      const findings = await sweepFindings('finetune_lr_sweep_3pts.csv');
      expect(idsAndSeverities(findings)).toEqual([
        'flat-sweep:sweep warning',
        'small-sweep:sweep warning',
      ]);
      const flat = findings.find((f) => f.detector === 'flat-sweep');
      expect(flat?.evidence.find((e) => e.label === 'eval-set size')?.value).toBe('1495');
    },
  );

  it.runIf(has('optuna_eye_disease.csv'))(
    'optuna_eye_disease.csv: 20 trials in 5 dimensions, far from converged',
    async () => {
      const findings = await sweepFindings('optuna_eye_disease.csv');
      expect(idsAndSeverities(findings)).toEqual(['small-sweep:sweep info']);
      expect(findings[0].title).toMatch(/20 trials for 5 hyperparameters/);
    },
  );

  it.runIf(has('sklearn_cv_results_svm_full.csv'))(
    'sklearn_cv_results_svm_full.csv: the sigmoid kernel collapses for every setting; coarse fold ties are not duplicates',
    async () => {
      const findings = await sweepFindings('sklearn_cv_results_svm_full.csv');
      expect(idsAndSeverities(findings)).toEqual([
        'collapsed-trials:mean_test_score=0.32 warning',
        'collapsed-trials:mean_test_score=0.34 warning',
      ]);
      expect(findings.every((f) => f.runIds.length === 36)).toBe(true);
      expect(findings[0].title).toMatch(/param_kernel sigmoid/);
    },
  );

  it.runIf(has('hpi_sample_results.csv'))(
    'hpi_sample_results.csv: only a note that six trials are few for three hyperparameters',
    async () => {
      expect(idsAndSeverities(await sweepFindings('hpi_sample_results.csv'))).toEqual([
        'small-sweep:sweep info',
      ]);
    },
  );

  it.runIf(has('ray_tune_results_no_metrics.csv'))(
    'ray_tune_results_no_metrics.csv: no metrics, nothing to judge',
    async () => {
      expect(await sweepFindings('ray_tune_results_no_metrics.csv')).toEqual([]);
    },
  );

  it.runIf(has('mlflow_ui_export_sentiment.csv'))(
    'mlflow_ui_export_sentiment.csv: the baseline runs logged twice are duplicates; nothing critical',
    async () => {
      const findings = await sweepFindings('mlflow_ui_export_sentiment.csv');
      expect(findings.every((f) => f.severity !== 'critical')).toBe(true);
      expect(new Set(findings.map((f) => f.detector))).toEqual(new Set(['duplicate-results']));
      expect(findings.every((f) => f.title.includes('are duplicates'))).toBe(true);
    },
  );
});
