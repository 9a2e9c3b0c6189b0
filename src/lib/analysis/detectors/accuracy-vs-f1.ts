/**
 * Accuracy that disagrees with macro-F1: a classifier that mostly predicts the majority class
 * scores a high accuracy on imbalanced data (90% on a 90/10 split) while its macro-F1, which
 * weighs every class equally, is near 0.47. Pairs each accuracy with the macro-F1 of the same
 * split (`eval_accuracy` / `eval_macro_f1`, sklearn's `accuracy` / `macro avg/f1-score`); also
 * fires when a stated majority-class rate (`majority_baseline`) is not beaten.
 */
import { formatNumber as fmt, type Evidence, type Finding, type NumberColumn } from '../../model';
import { finiteAt, metricColumns, type Detector, type DetectorContext } from '../context';
import { runLabel } from '../known-params';
import { isAccuracyName } from '../sweep/metric-kind';

const MACRO_F1 = /macro.*f[-_ ]?1|f[-_ ]?1.*macro/i;
const MAJORITY =
  /majority[-_ ]?(class[-_ ]?)?(rate|baseline|share|fraction|acc|accuracy)$|majority[-_ ]baseline/i;
/** The words that name the quantity, removed to leave the split/task part the pair shares. */
const QUANTITY = /macro[-_ ]?avg|macro|balanced|accuracy|acc|f[-_ ]?1[-_ ]?score|f[-_ ]?1|score/gi;

const keyOf = (name: string) =>
  name
    .toLowerCase()
    .replace(QUANTITY, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A score as a 0–1 fraction (percent scales divided), or null outside both scales. */
function fraction(v: number | null, percent: boolean): number | null {
  if (v === null || v < 0) return null;
  if (percent) return v <= 100 ? v / 100 : null;
  return v <= 1 ? v : null;
}

interface Pair {
  accuracy: NumberColumn;
  f1: NumberColumn | null;
  majority: NumberColumn | null;
}

function pairsOf(ctx: DetectorContext): Pair[] {
  const numbers = ctx.table.columns.filter((c): c is NumberColumn => c.kind === 'number');
  const f1s = numbers.filter((c) => MACRO_F1.test(c.name));
  const majority = numbers.find((c) => MAJORITY.test(c.name)) ?? null;
  const pairs: Pair[] = [];
  for (const { column, role } of metricColumns(ctx)) {
    if (!isAccuracyName(column.name, role) || MACRO_F1.test(column.name)) continue;
    if (/balanced|top[-_ ]?\d|partial|format/i.test(column.name)) continue;
    const f1 = f1s.find((c) => keyOf(c.name) === keyOf(column.name)) ?? null;
    if (f1 || majority) pairs.push({ accuracy: column, f1, majority });
  }
  return pairs;
}

export const accuracyVsF1: Detector = {
  id: 'accuracy-vs-f1',
  label: 'Accuracy vs macro-F1',
  description:
    'Accuracy above the macro-F1 of the same split by more than maxGap, or not above a stated majority-class rate: a majority-class predictor on imbalanced classes.',
  run(ctx) {
    const { maxGap } = ctx.settings.accuracyVsF1;
    const findings: Finding[] = [];
    for (const { accuracy, f1, majority } of pairsOf(ctx)) {
      const own: Finding[] = [];
      for (let row = 0; row < ctx.table.rowCount; row++) {
        const raw = finiteAt(accuracy, row);
        const percent = raw !== null && raw > 1;
        const acc = fraction(raw, percent);
        if (acc === null) continue;
        const macro = f1 ? fraction(finiteAt(f1, row), percent) : null;
        const base = majority ? fraction(finiteAt(majority, row), percent) : null;
        // The slack keeps 0.8 − 0.65 (= 0.15000000000000002 in floats) at the threshold, not above it.
        const gap = macro !== null && acc - macro > maxGap + 1e-9;
        const beaten = base === null || acc > base;
        if (!gap && beaten) continue;
        const evidence: Evidence[] = [
          { label: accuracy.name, value: fmt(raw as number), column: accuracy.name },
        ];
        if (f1 && macro !== null)
          evidence.push({
            label: `${accuracy.name} − ${f1.name}`,
            value: fmt(Number(((acc - macro) * (percent ? 100 : 1)).toPrecision(3))),
            threshold: `> ${fmt(maxGap * (percent ? 100 : 1))}${gap ? '' : ' (not crossed)'}`,
            column: f1.name,
          });
        if (majority && base !== null)
          evidence.push({
            label: `${majority.name} (always predicting the majority class)`,
            value: fmt(finiteAt(majority, row) as number),
            threshold: beaten ? 'beaten' : `≥ ${accuracy.name}`,
            column: majority.name,
          });
        own.push(
          findingFor(ctx.runIds[row], row, accuracy, f1, raw as number, gap, beaten, evidence),
        );
      }
      findings.push(...(own.length > GROUP_ABOVE ? [merged(own, accuracy.name)] : own));
    }
    return findings;
  },
};

/** More runs than this with one disagreement (a sweep on imbalanced data) make one finding. */
const GROUP_ABOVE = 3;

function merged(own: Finding[], accuracy: string): Finding {
  const first = own[0];
  const critical = own.some((f) => f.severity === 'critical');
  return {
    ...first,
    id: `accuracy-vs-f1:runs:${accuracy}`,
    severity: critical ? 'critical' : 'warning',
    title: `${own.length} runs: ${first.title.replace(/^[^:]*: /, 'e.g. ')}`,
    runIds: own.map((f) => f.runIds[0]),
    rows: own.map((f) => f.rows[0]),
    evidence: own
      .slice(0, 3)
      .flatMap((f) => f.evidence.map((e) => ({ ...e, label: `${f.runIds[0]}: ${e.label}` }))),
  };
}

function findingFor(
  runId: string,
  row: number,
  accuracy: NumberColumn,
  f1: NumberColumn | null,
  raw: number,
  gap: boolean,
  beaten: boolean,
  evidence: Evidence[],
): Finding {
  const macro = f1 ? evidence.find((e) => e.column === f1.name) : undefined;
  const what =
    gap && f1
      ? `${accuracy.name} ${fmt(raw)} but ${f1.name} ${fmt(finiteAt(f1, row) as number)}`
      : `${accuracy.name} ${fmt(raw)} does not beat the majority-class rate`;
  return {
    id: `accuracy-vs-f1:${runId}:${accuracy.name}`,
    detector: 'accuracy-vs-f1',
    severity: beaten ? 'warning' : 'critical',
    title: `${runLabel(runId)}: ${what}${macro && gap ? ` (gap ${macro.value})` : ''}: accuracy hides the minority classes`,
    runIds: [runId],
    rows: [row],
    evidence,
    explanation: beaten
      ? 'Accuracy counts every example, so on imbalanced classes a model that mostly predicts the majority class scores high while getting the rare classes wrong; macro-F1 averages the classes equally and exposes it. The headline accuracy overstates what the model does on the classes that usually matter.'
      : 'The model is no more accurate than always predicting the most frequent class: it has learned the class balance, not the task, however high the accuracy looks.',
    recommendation:
      'Report per-class precision and recall (a confusion matrix) and rank by macro-F1 or balanced accuracy; rebalance training (class weights, resampling) or tune the decision threshold, and use a stratified split so the evaluation keeps every class.',
  };
}
