/**
 * Only training metrics: no validation or test metric, and no unlabelled performance metric
 * (a bare `accuracy` or Optuna's `value` is assumed to be held-out). Resource columns (memory,
 * latency) do not count either way. Warning, one finding for the sweep.
 */
import { formatNumber as fmt, type Finding } from '../../model';
import { finiteAt, metricColumns, type Detector } from '../context';
import { isDerivedMetricName } from '../sweep/primary-metric';
import { listValues } from '../sweep/facts';
import { metricKind } from '../sweep/metric-kind';

export const evalMissing: Detector = {
  id: 'eval-missing',
  label: 'Evaluation missing',
  description:
    'Every performance metric is a training metric: nothing measures generalisation, so overfitting, leakage and the best config cannot be judged.',
  run(ctx) {
    const metrics = metricColumns(ctx).filter(({ column }) => !isDerivedMetricName(column.name));
    const train = metrics.filter((m) => m.role.split === 'train');
    const performance = (m: (typeof metrics)[number]) =>
      m.role.family !== 'other' || metricKind(m.column.name, m.role) !== 'other';
    const heldOut = metrics.filter(
      (m) =>
        m.role.split === 'val' ||
        m.role.split === 'test' ||
        (m.role.split === 'other' && performance(m)),
    );
    if (train.length === 0 || heldOut.length > 0) return [];
    const rows: number[] = [];
    for (let row = 0; row < ctx.table.rowCount; row++) {
      if (train.some((m) => finiteAt(m.column, row) !== null)) rows.push(row);
    }
    if (rows.length === 0) return [];
    const names = train.map((m) => m.column.name);
    // The best training score, to show what the numbers look like without a held-out check.
    const shown = train.slice(0, 4).map(({ column, role }) => {
      let best = NaN;
      for (const row of rows) {
        const v = finiteAt(column, row);
        if (v !== null && !(role.direction === 'max' ? v <= best : v >= best)) best = v;
      }
      return { label: `${column.name} (best run)`, value: fmt(best), column: column.name };
    });
    return [
      {
        id: 'eval-missing:sweep',
        detector: 'eval-missing',
        severity: 'warning',
        title: `Only training metrics were logged (${listValues(names, 4)}): no validation or test score`,
        runIds: rows.map((r) => ctx.runIds[r]),
        rows,
        evidence: [
          { label: 'training metrics', value: String(train.length) },
          { label: 'validation or test metrics', value: '0', threshold: 'need ≥ 1' },
          ...shown,
        ],
        explanation:
          'Training scores say how well a model fits data it has already seen; they keep improving as it memorises, so a sweep ranked by them rewards overfitting. Without a held-out score, generalisation, overfitting and leakage cannot be judged, and "the best config" is the one that memorised best.',
        recommendation: `Log a validation metric for every run (e.g. val_${baseName(names[0])} on a split held out before tuning, or cross-validated scores), rerun the sweep or at least its best configs, and choose by that metric; keep a separate test set for the final number.`,
      } satisfies Finding,
    ];
  },
};

/** `metrics.training_accuracy_score` → `accuracy_score`: the metric without its split word. */
function baseName(name: string): string {
  const bare = name.replace(/^.*[./]/, '');
  return bare.replace(/^(train(ing)?)[_-]?/i, '').replace(/[_-]?(train(ing)?)$/i, '') || bare;
}
