/**
 * Multiple-choice benchmark accuracies (lm-eval `mmlu/acc`, `arc_challenge/acc_norm`, a tracker's
 * `hellaswag/accuracy`) at or below 1 / choices: the model answers like a coin or a die, so the
 * benchmark cannot rank it. The choice count comes from the task name (see audit/mc-choices.ts);
 * where at-chance already knows the chance level (a classes column, the chanceLevel setting) this
 * stays quiet so a run gets one finding.
 */
import { formatNumber as fmt, type Evidence, type Finding } from '../../model';
import { describeInterval, impliedCount, plain, wilsonInterval } from '../audit/interval';
import { choicesOf } from '../audit/mc-choices';
import { sizeAt, sizeColumns } from '../audit/sizes';
import { finiteAt, metricColumns, numberColumn, type Detector } from '../context';
import { runLabel } from '../known-params';
import { chanceResolver } from '../sweep/chance';
import { isAccuracyName, metricKind } from '../sweep/metric-kind';

/** The leaf names lm-eval and trackers give a plain (or length-normalised) accuracy. */
const ACCURACY_LEAF = /^(acc|acc_norm|accuracy)$/i;

interface Hit {
  metric: string;
  value: number;
  chance: number;
  below: boolean;
  evidence: Evidence[];
}

export const mcAtChance: Detector = {
  id: 'mc-at-chance',
  label: 'Multiple-choice accuracy at chance',
  description:
    'A multiple-choice benchmark accuracy (MMLU, ARC, HellaSwag, WinoGrande, PIQA, BoolQ…) at most (1 / choices) × (1 + margin), the choice count taken from the task name.',
  run(ctx) {
    const { margin } = ctx.settings.mcAtChance;
    const known = chanceResolver(ctx);
    const tasks = sizeColumns(ctx).filter((s) => s.task !== null);
    const byRow = new Map<number, Hit[]>();
    for (const { column, role } of metricColumns(ctx)) {
      const slash = column.name.lastIndexOf('/');
      if (slash <= 0 || !ACCURACY_LEAF.test(column.name.slice(slash + 1))) continue;
      if (!isAccuracyName(column.name, role) || metricKind(column.name, role) !== 'bounded')
        continue;
      const task = column.name.slice(0, column.name.indexOf('/'));
      const choices = choicesOf(task);
      if (!choices) continue;
      const stderr = numberColumn(ctx.table, `${column.name}_stderr`);
      const size = tasks.find((t) => t.task === task)?.column ?? null;
      for (let row = 0; row < ctx.table.rowCount; row++) {
        const raw = finiteAt(column, row);
        if (raw === null || raw < 0 || raw > 100 || known.at(column.name, row)) continue;
        const v = raw > 1 ? raw / 100 : raw;
        const chance = 1 / choices.count;
        if (v > chance * (1 + margin)) continue;
        const evidence: Evidence[] = [
          {
            label: column.name,
            value: fmt(raw),
            threshold: `≤ chance × ${fmt(1 + margin)} = ${fmt(Number((chance * (1 + margin)).toPrecision(3)))}`,
            column: column.name,
          },
          {
            label: 'chance level',
            value: fmt(Number(chance.toPrecision(3))),
            threshold: `1 / ${choices.count} answer choices (${choices.name})`,
          },
        ];
        const se = stderr ? finiteAt(stderr, row) : null;
        const stated = size && sizeAt(size, row);
        const n = stated ?? (se !== null ? impliedCount(v, se) : null);
        if (n !== null)
          evidence.push({
            label: `95% Wilson interval on ${plain(n)} questions${stated ? '' : ' (count implied by the stderr)'}`,
            value: describeInterval(wilsonInterval(v, n)),
          });
        const hit = {
          metric: column.name,
          value: raw,
          chance,
          below: v < chance * (1 - margin),
          evidence,
        };
        byRow.set(row, [...(byRow.get(row) ?? []), hit]);
      }
    }
    return [...byRow]
      .sort((a, b) => a[0] - b[0])
      .map(([row, hits]) => findingFor(ctx.runIds[row], row, hits));
  },
};

function findingFor(runId: string, row: number, hits: Hit[]): Finding {
  const first = hits[0];
  const more = hits.length > 1 ? ` (and ${hits.length - 1} more)` : '';
  return {
    id: `mc-at-chance:${runId}`,
    detector: 'mc-at-chance',
    severity: 'warning',
    title: `${runLabel(runId)}: ${first.metric} ${fmt(first.value)} is ${first.below ? 'below' : 'at'} the chance level of ${fmt(Number(first.chance.toPrecision(3)))}${more}`,
    runIds: [runId],
    rows: [row],
    evidence: hits.flatMap((h) => h.evidence),
    explanation:
      'Picking an answer at random scores 1 / choices on a multiple-choice benchmark. A score at that level means the model does not solve the task at all (too small, the wrong prompt format, answers not parsed), so it cannot rank models or show a fine-tuning gain; a score clearly below it usually means the answer letters or the choice order are misaligned.',
    recommendation:
      'Check a few scored examples (prompt template, few-shot count, which choice the model picks), compare with the published score of the base model, and judge the model on a benchmark at its level, or with more shots, before drawing conclusions from this number.',
  };
}
