/**
 * Values of a grid-like hyperparameter (a category, or a number with at most maxValues distinct
 * values and at most half as many values as trials) that only one scored trial used: whatever
 * that trial scored, it says nothing reliable about the value. Info, one finding per
 * hyperparameter. Continuous sampling (a new lr in every trial) is not judged.
 */
import { formatNumber as fmt, type Evidence, type Finding } from '../../model';
import { finiteAt, type Detector } from '../context';
import { columnCodes, listValues, sweepFacts } from '../sweep/facts';
import { median } from '../stats';

export const valuesTriedOnce: Detector = {
  id: 'values-tried-once',
  label: 'Values tried once',
  description:
    'Values of a grid-like hyperparameter (at most maxValues distinct values) that only one scored trial used.',
  run(ctx) {
    const facts = sweepFacts(ctx);
    const { maxValues } = ctx.settings.valuesTriedOnce;
    const { primary, scored } = facts;
    if (!primary) return [];
    const findings: Finding[] = [];
    for (const column of facts.params) {
      const { codes, size, label } = columnCodes(ctx, column);
      // Cheap bound first: a continuously sampled setting has more values than a grid.
      if (size > maxValues && distinctAtLeast(codes, size, scored, maxValues + 1)) continue;
      // Trials per code and the first of them, codes in order of appearance: only a value tried
      // once needs its trial, so no list of rows is kept per value.
      const count = new Int32Array(size);
      const first = new Int32Array(size);
      const order: number[] = [];
      for (const row of scored) {
        const code = codes[row];
        if (code < 0) continue;
        if (count[code]++ === 0) {
          first[code] = row;
          order.push(code);
        }
      }
      // By label (a later code with the same label replaces an earlier one, as Map entries do).
      const counts = new Map(
        order.map((code) => [label(code), { n: count[code], row: first[code] }]),
      );
      const distinct = counts.size;
      const used = [...counts.values()].reduce((n, value) => n + value.n, 0);
      if (distinct < 2 || distinct > maxValues || distinct > used / 2) continue;
      const once = [...counts].filter(([, value]) => value.n === 1);
      if (once.length === 0) continue;
      const rows = once.map(([, value]) => value.row).sort((a, b) => a - b);
      const typical = median([...counts.values()].map((value) => value.n));
      const metric = primary.column.name;
      const evidence: Evidence[] = once.map(([value, { row }]) => ({
        label: `${column.name} ${value}`,
        value: `1 trial (${ctx.runIds[row]}, ${metric} ${fmt(finiteAt(primary.column, row) ?? NaN)})`,
        threshold: '= 1',
        column: column.name,
      }));
      evidence.push({
        label: `trials per ${column.name} value (median over ${distinct} values)`,
        value: fmt(typical),
      });
      const values = once.map(([v]) => v);
      findings.push({
        id: `values-tried-once:${column.name}`,
        detector: 'values-tried-once',
        severity: 'info',
        title: `${column.name} ${listValues(values)} ${values.length === 1 ? 'was' : 'were each'} tried in only one trial`,
        runIds: rows.map((r) => ctx.runIds[r]),
        rows,
        evidence,
        explanation: `Each other ${column.name} value has about ${fmt(typical)} trials behind it, but ${listValues(values)} rest${values.length === 1 ? 's' : ''} on a single run: its result mixes the value's effect with that run's seed and the other settings it happened to get, so it can be neither recommended nor ruled out.`,
        recommendation: `Run ${column.name} ${listValues(values)} ${values.length === 1 ? 'again' : 'each again'} (2–3 more trials with other seeds or other values of the remaining settings) before drawing conclusions about ${values.length === 1 ? 'it' : 'them'}, or drop ${values.length === 1 ? 'the value' : 'those values'} from the comparison.`,
      });
    }
    return findings;
  },
};

/** Whether the codes of `rows` take at least `min` distinct values (stops as soon as they do). */
function distinctAtLeast(
  codes: Int32Array,
  size: number,
  rows: readonly number[],
  min: number,
): boolean {
  const seen = new Uint8Array(size);
  let count = 0;
  for (const r of rows) {
    const c = codes[r];
    if (c < 0 || seen[c]) continue;
    seen[c] = 1;
    if (++count >= min) return true;
  }
  return false;
}
