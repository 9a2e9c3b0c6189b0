/**
 * Results too good to be true on held-out data: a perfect accuracy-like score (1, or 100 on a
 * percent scale), a loss or error at (near) zero, a perplexity of 1. Warning: leakage between
 * training and evaluation data, or evaluation on the training set.
 *
 * - Training metrics are not judged by default (a big model fitting its training set perfectly
 *   is normal); the judgeTrainingMetrics setting turns them on.
 * - Per-fold columns (`split0_test_score`) are not judged: a 20-example fold scores 1.0 by luck.
 * - An objective whose kind the name does not give (Optuna's `value`, sklearn's `score`) counts
 *   as a score only when every value of it lies in [0, 1] with a median of at least 0.9, i.e. it
 *   behaves like an accuracy near its ceiling; then exactly 1 is perfect.
 */
import { formatNumber as fmt, type Evidence, type Finding, type NumberColumn } from '../../model';
import {
  finiteAt,
  isFinishedRun,
  metricColumns,
  type Detector,
  type DetectorContext,
} from '../context';
import { configOf, runLabel } from '../known-params';
import { isPerFoldName, metricKind, type MetricKind } from '../sweep/metric-kind';
import { scaleOverAll } from '../sweep/scales';

/** Float slack for "exactly 1". */
const EXACT = 1e-9;

type Test = (v: number) => string | null;

function testFor(
  ctx: DetectorContext,
  kind: MetricKind,
  upper: number,
  objective: boolean,
): Test | null {
  const { lossFloor } = ctx.settings.tooGood;
  switch (kind) {
    case 'bounded':
      return (v) => (Math.abs(v - upper) <= EXACT * upper ? `= ${upper} (perfect)` : null);
    case 'objective':
      return objective ? (v) => (Math.abs(v - 1) <= EXACT ? '= 1 (perfect)' : null) : null;
    case 'cross-entropy':
    case 'error':
    case 'loss':
      return (v) => (v >= 0 && v <= lossFloor ? `≤ ${fmt(lossFloor)}` : null);
    case 'perplexity':
      return (v) => (v >= 1 && v <= 1 + lossFloor ? `≤ 1 + ${fmt(lossFloor)}` : null);
    default:
      return null;
  }
}

export const tooGood: Detector = {
  id: 'too-good',
  label: 'Too good to be true',
  description:
    'Perfect held-out scores (accuracy, F1, AUC = 1 or 100%) or held-out losses and errors at most lossFloor: leakage or evaluation on training data.',
  run(ctx) {
    const rows = ctx.table.rowCount;
    const judgeTrain = ctx.settings.tooGood.judgeTrainingMetrics;
    const tests: { column: NumberColumn; test: Test; perfectScore: boolean }[] = [];
    for (const { column, role } of metricColumns(ctx)) {
      if ((role.split === 'train' && !judgeTrain) || isPerFoldName(column.name)) continue;
      const kind = metricKind(column.name, role);
      const scale = scaleOverAll(ctx, column);
      if (!scale) continue;
      const objective =
        kind === 'objective' && scale.min >= 0 && scale.max <= 1 && scale.median >= 0.9;
      const test = testFor(ctx, kind, scale.upper, objective);
      if (test)
        tests.push({ column, test, perfectScore: kind === 'bounded' || kind === 'objective' });
    }
    if (tests.length === 0) return [];
    const findings: Finding[] = [];
    for (let row = 0; row < rows; row++) {
      if (!isFinishedRun(ctx, row)) continue;
      const evidence: Evidence[] = [];
      let score = false;
      for (const { column, test, perfectScore } of tests) {
        const name = column.name;
        const v = finiteAt(column, row);
        const hit = v === null ? null : test(v);
        if (v === null || hit === null) continue;
        score ||= perfectScore;
        evidence.push({ label: name, value: fmt(v), threshold: hit, column: name });
      }
      if (evidence.length === 0) continue;
      const runId = ctx.runIds[row];
      const shown = evidence
        .slice(0, 3)
        .map((e) => `${e.label} ${e.value}`)
        .join(', ');
      const config = configOf(ctx, row);
      findings.push({
        id: `too-good:${runId}`,
        detector: 'too-good',
        severity: 'warning',
        title: `${runLabel(runId)} is too good to be true: ${shown}`,
        runIds: [runId],
        rows: [row],
        evidence,
        explanation: `${score ? 'A perfect score' : 'A zero loss'} on held-out data is almost never real: real data has label noise and hard examples. It usually means the evaluation data leaked into training (duplicates across splits, a feature derived from the label, preprocessing fit on all data), or the model was evaluated on its own training set.`,
        recommendation: `Before trusting this run${config ? ` (${config})` : ''}: check that evaluation examples do not appear in the training data (exact and near duplicates), that no feature encodes the label (ids, timestamps, post-outcome fields), and that the metric is computed on the held-out split; then re-evaluate on a test set built before any tuning.`,
      });
    }
    return findings;
  },
};
