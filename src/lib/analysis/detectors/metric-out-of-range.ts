/**
 * Metric values no real run can produce: an accuracy-like score outside [0, 1] (or [0, 100] on a
 * percent scale, decided from the column's median), a negative cross-entropy, NLL, log loss or
 * error, a perplexity below 1. Critical: the number is a logging or computation bug, and every
 * comparison made with it is wrong. A negative generic "loss" is a warning only, because GAN, RL
 * and continuous-likelihood objectives can be negative.
 */
import { formatNumber as fmt, type Evidence, type Finding, type Severity } from '../../model';
import { finiteAt, isFinishedRun, metricColumns, type Detector } from '../context';
import { configOf, runLabel } from '../known-params';
import { metricKind, type MetricKind } from '../sweep/metric-kind';
import { scaleOverAll } from '../sweep/scales';

interface Violation {
  evidence: Evidence;
  severity: Severity;
  kind: MetricKind;
  text: string;
}

export const metricOutOfRange: Detector = {
  id: 'metric-out-of-range',
  label: 'Metric out of range',
  description:
    'Accuracy-like metrics outside [0, 1] (or [0, 100] for percentages), negative cross-entropy, NLL or error values, perplexity below 1 (critical); a negative generic loss (warning).',
  run(ctx) {
    const { tolerance } = ctx.settings.metricOutOfRange;
    const rows = ctx.table.rowCount;
    const byRow = new Map<number, Violation[]>();
    const add = (row: number, v: Violation) => {
      const list = byRow.get(row) ?? [];
      list.push(v);
      byRow.set(row, list);
    };
    for (const { column, role } of metricColumns(ctx)) {
      const kind = metricKind(column.name, role);
      const name = column.name;
      if (kind === 'bounded') {
        const scale = scaleOverAll(ctx, column);
        if (!scale) continue;
        const upper = scale.upper;
        const unit = upper === 100 ? '%' : '';
        for (let row = 0; row < rows; row++) {
          const v = finiteAt(column, row);
          if (v === null || (v >= -tolerance * upper && v <= upper * (1 + tolerance))) continue;
          add(row, {
            kind,
            severity: 'critical',
            text: `${name} ${fmt(v)}${unit}`,
            evidence: {
              label: name,
              value: fmt(v),
              threshold: `outside [0, ${upper}] (${upper === 100 ? 'percent' : 'fraction'} scale: median ${fmt(scale.median)})`,
              column: name,
            },
          });
        }
        continue;
      }
      const floor = kind === 'perplexity' ? 1 : 0;
      if (kind === 'objective' || kind === 'other') continue;
      for (let row = 0; row < rows; row++) {
        const v = finiteAt(column, row);
        if (v === null || v >= floor - tolerance * Math.max(1, floor)) continue;
        add(row, {
          kind,
          severity: kind === 'loss' ? 'warning' : 'critical',
          text: `${name} ${fmt(v)}`,
          evidence: {
            label: name,
            value: fmt(v),
            threshold: kind === 'perplexity' ? '< 1 (perplexity = exp(cross-entropy) ≥ 1)' : '< 0',
            column: name,
          },
        });
      }
    }
    const findings: Finding[] = [];
    for (const [row, list] of [...byRow].sort((a, b) => a[0] - b[0])) {
      const runId = ctx.runIds[row];
      const severity: Severity = list.some((v) => v.severity === 'critical')
        ? 'critical'
        : 'warning';
      const shown = list.slice(0, 3).map((v) => v.text);
      const more = list.length > 3 ? ` and ${list.length - 3} more` : '';
      const unfinished = isFinishedRun(ctx, row) ? '' : ' (an unfinished run)';
      findings.push({
        id: `metric-out-of-range:${runId}`,
        detector: 'metric-out-of-range',
        severity,
        title: `${runLabel(runId)} logged impossible values${unfinished}: ${shown.join(', ')}${more}`,
        runIds: [runId],
        rows: [row],
        evidence: list.map((v) => v.evidence),
        explanation: explain(list),
        recommendation: advise(list, configOf(ctx, row)),
      });
    }
    return findings;
  },
};

function explain(list: Violation[]): string {
  const kinds = new Set(list.map((v) => v.kind));
  const parts: string[] = [];
  if (kinds.has('bounded')) {
    parts.push(
      'an accuracy-like score outside its range is a computation or logging bug (summing instead of averaging, a percentage multiplied again, counts over the wrong denominator)',
    );
  }
  if (kinds.has('cross-entropy') || kinds.has('error')) {
    parts.push('cross-entropy, log loss and error metrics are non-negative by definition');
  }
  if (kinds.has('perplexity')) parts.push('perplexity is exp(cross-entropy), so it is at least 1');
  if (kinds.has('loss')) {
    parts.push(
      'a negative loss is impossible for cross-entropy or MSE; only GAN, RL or continuous-likelihood objectives can go below 0',
    );
  }
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}. Until it is fixed this run cannot be compared with the others, and a best-run pick may choose it for the wrong reason.`;
}

function advise(list: Violation[], config: string): string {
  const withConfig = config ? ` (config: ${config})` : '';
  const kinds = new Set(list.map((v) => v.kind));
  const steps: string[] = [];
  if (kinds.has('bounded')) {
    steps.push(
      'check how the metric is aggregated (mean over examples, not a sum over batches) and that a percentage is not scaled twice',
    );
  }
  if (kinds.has('cross-entropy') || kinds.has('error') || kinds.has('perplexity')) {
    steps.push(
      'check the loss computation: log-probabilities passed where probabilities are expected, a sign flipped, or label smoothing/regularisation terms logged into the same value',
    );
  }
  if (kinds.has('loss')) {
    steps.push(
      'if the objective can be negative (GAN, RL, log-likelihood of continuous data), set its role to "other" in the Data cell; otherwise look for a sign error',
    );
  }
  return `Recompute the metric for this run${withConfig}: ${steps.join('; ')}. Exclude the run from comparisons until then.`;
}
