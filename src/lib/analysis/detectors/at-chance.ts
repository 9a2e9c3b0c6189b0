/**
 * Accuracies at or below the level of guessing (1 / classes, see sweep/chance.ts for where the
 * class count comes from). Critical: such a run learned nothing, or its labels and predictions
 * are misaligned. Without a known chance level the detector stays quiet rather than guess the
 * number of classes from the values: 0.10 is chance for 10 classes but ten times chance for 100.
 */
import { formatNumber as fmt, type Column, type Evidence, type Finding } from '../../model';
import {
  finiteAt,
  isFinishedRun,
  metricColumns,
  type Detector,
  type DetectorContext,
} from '../context';
import { runLabel } from '../known-params';
import { chanceResolver, type Chance } from '../sweep/chance';
import { cellKey, describeRow, sweepFacts } from '../sweep/facts';
import { isAccuracyName, metricKind, topK } from '../sweep/metric-kind';
import { scaleOverAll } from '../sweep/scales';

interface Hit {
  metric: string;
  split: string;
  value: number;
  upper: number;
  chance: Chance;
  level: number;
  below: boolean;
  evidence: Evidence[];
}

export const atChance: Detector = {
  id: 'at-chance',
  label: 'At-chance accuracy',
  description:
    'Accuracies at most chance × (1 + margin), where chance is 1 / classes from a classes column, a known dataset (CIFAR-10, MNIST, ImageNet…) named in the run or the metric, or the chanceLevel setting.',
  run(ctx) {
    const { margin } = ctx.settings.atChance;
    const rows = ctx.table.rowCount;
    const metrics = metricColumns(ctx);
    const accuracies = metrics.filter(
      (m) =>
        isAccuracyName(m.column.name, m.role) && metricKind(m.column.name, m.role) === 'bounded',
    );
    if (accuracies.length === 0) return [];
    const losses = metrics.filter((m) => m.role.family === 'loss');
    const chance = chanceResolver(ctx);
    const hitsByRow = new Map<number, Hit[]>();
    for (const { column, role } of accuracies) {
      const scale = scaleOverAll(ctx, column);
      if (!scale) continue;
      const k = topK(column.name);
      for (let row = 0; row < rows; row++) {
        if (!isFinishedRun(ctx, row)) continue;
        const v = finiteAt(column, row);
        const c = v === null ? null : chance.at(column.name, row);
        if (v === null || !c) continue;
        const level = Math.min(1, c.level * k);
        if (level >= 1) continue;
        const limit = level * (1 + margin);
        const fraction = v / scale.upper;
        if (fraction > limit || fraction < 0) continue;
        const shown = (x: number) => fmt(Number((x * scale.upper).toPrecision(4)));
        const unit = scale.upper === 100 ? '%' : '';
        const hit: Hit = {
          metric: column.name,
          split: role.split,
          value: v,
          upper: scale.upper,
          chance: c,
          level,
          below: fraction < level * (1 - margin),
          evidence: [
            {
              label: column.name,
              value: `${fmt(v)}${unit}`,
              threshold: `≤ chance × ${fmt(1 + margin)} = ${shown(limit)}${unit}`,
              column: column.name,
            },
            {
              label: `chance level${k > 1 ? ` (top-${k})` : ''}`,
              value: `${shown(level)}${unit}`,
              threshold: c.source,
            },
          ],
        };
        const list = hitsByRow.get(row) ?? [];
        list.push(hit);
        hitsByRow.set(row, list);
      }
    }
    const findings: Finding[] = [];
    for (const [row, hits] of [...hitsByRow].sort((a, b) => a[0] - b[0])) {
      const runId = ctx.runIds[row];
      const first = hits[0];
      const evidence = hits.flatMap((h) => h.evidence);
      evidence.push(...lossEvidence(losses, hits, row));
      const unit = first.upper === 100 ? '%' : '';
      const where = first.below ? 'below chance' : 'at chance';
      const classes = first.chance.classes ? ` for ${first.chance.classes} classes` : '';
      findings.push({
        id: `at-chance:${runId}`,
        detector: 'at-chance',
        severity: 'critical',
        title: `${runLabel(runId)}: ${first.metric} ${fmt(first.value)}${unit} is ${where} (${fmt(Number((first.level * first.upper).toPrecision(4)))}${unit}${classes})`,
        runIds: [runId],
        rows: [row],
        evidence,
        explanation: first.below
          ? 'Below-chance accuracy is worse than guessing: the model systematically predicts the wrong class, which usually means labels and predictions are misaligned (shuffled labels, a class-index mapping that differs between training and evaluation) rather than a bad hyperparameter.'
          : 'An accuracy at the level of random guessing means the model learned nothing usable: it predicts one class or noise (a diverged or collapsed model, a broken input pipeline, or a setting so extreme the model cannot represent the task).',
        recommendation: advise(ctx, row, first),
      });
    }
    return findings;
  },
};

/** A loss of the same split at or above ln(classes) is the loss of a uniform guess: more support. */
function lossEvidence(
  losses: ReturnType<typeof metricColumns>,
  hits: Hit[],
  row: number,
): Evidence[] {
  const k = hits[0].chance.classes;
  if (!k) return [];
  const splits = new Set(hits.map((h) => h.split));
  const out: Evidence[] = [];
  for (const { column, role } of losses) {
    const v = finiteAt(column, row);
    if (v === null || v < Math.log(k) || !splits.has(role.split)) continue;
    out.push({
      label: column.name,
      value: fmt(v),
      threshold: `≥ ln(${k}) ≈ ${fmt(Number(Math.log(k).toPrecision(3)))}, the loss of a uniform guess`,
      column: column.name,
    });
  }
  return out;
}

/**
 * Distance between two runs' configurations: per hyperparameter, the gap as a share of its range
 * (log scale when it spans a decade or more) for numbers, 0 or 1 for labels and missing values.
 */
function configDistance(ctx: DetectorContext, params: Column[]): (a: number, b: number) => number {
  const scales = params.map((column) => {
    if (column.kind !== 'number') return null;
    let lo = Infinity;
    let hi = -Infinity;
    for (let row = 0; row < ctx.table.rowCount; row++) {
      const v = finiteAt(column, row);
      if (v !== null) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
    const log = lo > 0 && hi / lo >= 10;
    const f = log ? Math.log : (v: number) => v;
    const span = f(hi) - f(lo);
    return { column, f, span: span > 0 ? span : 1 };
  });
  return (a, b) => {
    let d = 0;
    params.forEach((column, i) => {
      const scale = scales[i];
      if (scale) {
        const x = finiteAt(scale.column, a);
        const y = finiteAt(scale.column, b);
        d +=
          x === null || y === null
            ? x === y
              ? 0
              : 1
            : Math.abs(scale.f(x) - scale.f(y)) / scale.span;
      } else {
        d += cellKey(column, a) === cellKey(column, b) ? 0 : 1;
      }
    });
    return d;
  };
}

/** The config, and the nearest run (see configDistance) that did learn. */
function advise(ctx: DetectorContext, row: number, hit: Hit): string {
  const facts = sweepFacts(ctx);
  const config = describeRow(facts.params, row);
  const column = ctx.columns.get(hit.metric);
  let neighbour = '';
  if (column?.kind === 'number' && facts.params.length > 0) {
    const distance = configDistance(ctx, facts.params);
    let best = -1;
    let bestDistance = Infinity;
    let bestValue = -Infinity;
    for (let other = 0; other < ctx.table.rowCount; other++) {
      const v = finiteAt(column, other);
      if (other === row || v === null || v / hit.upper <= hit.level * 1.5) continue;
      if (!isFinishedRun(ctx, other)) continue;
      const d = distance(row, other);
      if (d < bestDistance || (d === bestDistance && v > bestValue)) {
        [best, bestDistance, bestValue] = [other, d, v];
      }
    }
    if (best >= 0) {
      const unit = hit.upper === 100 ? '%' : '';
      const what = describeRow(facts.params, best);
      neighbour = ` The closest config that did learn, ${runLabel(ctx.runIds[best])}${what ? ` (${what})` : ''}, reached ${hit.metric} ${fmt(bestValue)}${unit}: the settings where they differ are the first suspects.`;
    }
  }
  const start = config ? `Treat this config (${config}) as failed` : 'Treat this run as failed';
  if (hit.below) {
    return `${start} and check the label pipeline: compare the class-index mapping used in training and evaluation, and confirm the evaluation labels are not shuffled.${neighbour}`;
  }
  return `${start}: check whether it predicts a single class (confusion matrix), whether the loss diverged early, and whether the inputs reach the model intact; keep this region out of the next sweep if the setting itself is the cause.${neighbour}`;
}
