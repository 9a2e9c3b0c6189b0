/**
 * Compare 2–4 runs: the configuration keys that differ, every metric side by side with the best
 * run marked (direction from the roles), and each other run tested against the best with the
 * strongest test the data allows (see pickTest).
 */
import {
  CellState,
  formatNumber,
  type Column,
  type CompareConfigRow,
  type CompareMetricRow,
  type CompareTest,
  type Comparison,
  type RunSamples,
} from '../../model';
import { finiteAt, type DetectorContext, type MetricRole } from '../context';
import { countAt, isProportion, isStderrName, proportionScale, samplesOf, stderrAt } from './noise';
import {
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  pairedBootstrap,
  stderrTest,
  twoProportionTest,
  type TestResult,
} from './tests';

export const MAX_COMPARED = 4;

export interface CompareOptions {
  samples?: readonly RunSamples[];
  resamples?: number;
  seed?: number;
  /** Metric rows first in this order (the primary metric), the rest in column order. */
  firstMetric?: string | null;
}

export function compareRuns(
  ctx: DetectorContext,
  requested: readonly string[],
  options: CompareOptions = {},
): Comparison {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const unique = [...new Set(requested)];
  const rowOf = new Map<string, number>();
  ctx.runIds.forEach((id, row) => {
    if (!rowOf.has(id)) rowOf.set(id, row);
  });
  const missing = unique.filter((id) => !rowOf.has(id));
  const present = unique.filter((id) => rowOf.has(id));
  const runIds = present.slice(0, MAX_COMPARED);
  const rows = runIds.map((id) => rowOf.get(id) as number);
  const { config, hidden } = configRows(ctx, rows);
  const metrics: CompareMetricRow[] = [];
  for (const r of ctx.roles) {
    const role = r.role;
    if (role.kind !== 'metric' || isStderrName(r.column)) continue;
    const column = ctx.columns.get(r.column);
    if (column?.kind !== 'number') continue;
    const values = rows.map((row) => finiteAt(column, row));
    if (values.every((v) => v === null)) continue;
    const winners = winnersOf(values, role);
    const tests = values.map((v, i) =>
      v === null || winners.length === 0 || winners.includes(i)
        ? null
        : pickTest(
            ctx,
            r.column,
            role,
            { id: runIds[i], row: rows[i], value: v },
            {
              id: runIds[winners[0]],
              row: rows[winners[0]],
              value: values[winners[0]] as number,
            },
            { samples: options.samples, resamples, seed },
          ),
    );
    metrics.push({ metric: r.column, direction: role.direction, values, winners, tests });
  }
  if (options.firstMetric) {
    const at = metrics.findIndex((m) => m.metric === options.firstMetric);
    if (at > 0) metrics.unshift(...metrics.splice(at, 1));
  }
  return {
    runIds,
    missing,
    dropped: present.slice(MAX_COMPARED),
    config,
    hiddenConfig: hidden,
    metrics,
    resamples,
    seed,
  };
}

function configRows(
  ctx: DetectorContext,
  rows: number[],
): { config: CompareConfigRow[]; hidden: number } {
  const config: CompareConfigRow[] = [];
  let hidden = 0;
  for (const r of ctx.roles) {
    // Hyperparameters and budgets, but also what the roles set aside (a constant column is
    // "ignore" across the table yet a setting of each run): everything but ids and scores.
    if (r.role.kind === 'id' || r.role.kind === 'metric' || isStderrName(r.column)) continue;
    const column = ctx.columns.get(r.column);
    if (!column) continue;
    const values = rows.map((row) => cellText(column, row));
    if (values.every((v) => v === values[0])) hidden++;
    else config.push({ key: r.column, values });
  }
  return { config, hidden };
}

function cellText(column: Column, row: number): string | null {
  if (column.kind === 'number' || column.kind === 'time') {
    const v = column.values[row];
    if (column.kind === 'number' && column.states[row] === CellState.missing) return null;
    return Number.isNaN(v) && column.kind === 'time' ? null : formatNumber(v);
  }
  const code = column.codes[row];
  return code < 0 ? null : column.labels[code];
}

/** The best value's runs; none when fewer than two runs have a value or all of them tie. */
function winnersOf(values: (number | null)[], role: MetricRole): number[] {
  const finite = values.filter((v): v is number => v !== null);
  if (finite.length < 2) return [];
  const best = role.direction === 'max' ? Math.max(...finite) : Math.min(...finite);
  const tol = 1e-12 * Math.max(1, Math.abs(best));
  const winners = values.flatMap((v, i) => (v !== null && Math.abs(v - best) <= tol ? [i] : []));
  return winners.length === finite.length ? [] : winners;
}

interface Side {
  id: string;
  row: number;
  value: number;
}

/**
 * Paired bootstrap when both runs have per-sample results (matched by sample id), else a z-test
 * from both standard errors, else a two-proportion test for accuracies with a known sample
 * count, else no test, said in words rather than left blank.
 */
export function pickTest(
  ctx: DetectorContext,
  metric: string,
  role: MetricRole,
  run: Side,
  best: Side,
  opts: { samples?: readonly RunSamples[]; resamples: number; seed: number },
): CompareTest {
  const a = samplesOf(opts.samples, run.id, metric);
  const b = samplesOf(opts.samples, best.id, metric);
  if (a && b) {
    const matched = [...a.keys()].filter((k) => b.has(k));
    if (matched.length >= 2) {
      const result = pairedBootstrap(
        matched.map((k) => a.get(k) as number),
        matched.map((k) => b.get(k) as number),
        opts.resamples,
        opts.seed,
      );
      return test(
        'paired-bootstrap',
        `paired bootstrap over ${count(matched.length)} shared examples, ${count(opts.resamples)} resamples (seed ${opts.seed})`,
        result,
      );
    }
  }
  const seA = stderrAt(ctx, metric, run.row);
  const seB = stderrAt(ctx, metric, best.row);
  if (seA !== null && seB !== null)
    return test(
      'stderr-z',
      `z-test from the standard errors (±${formatNumber(seA)}, ±${formatNumber(seB)})`,
      stderrTest(run.value, seA, best.value, seB),
    );
  const scale = proportionScale(run.value, best.value);
  const nA = countAt(ctx, metric, run.row);
  const nB = countAt(ctx, metric, best.row);
  if (isProportion(metric, role) && (nA !== null || nB !== null)) {
    // One stated count is taken for both: runs compared on one benchmark share its examples.
    const na = nA ?? (nB as number);
    const nb = nB ?? na;
    const r = twoProportionTest(run.value / scale, na, best.value / scale, nb);
    return test(
      'two-proportion',
      `two-proportion z-test on ${count(na)} and ${count(nb)} examples${nA === null || nB === null ? ' (one count stated, assumed for both)' : ''}`,
      { ...r, difference: r.difference * scale, low: r.low * scale, high: r.high * scale },
    );
  }
  return {
    kind: 'none',
    method: 'no test possible: no per-sample results, stderr or sample count',
    difference: run.value - best.value,
    pValue: null,
    interval: null,
  };
}

function test(kind: CompareTest['kind'], method: string, r: TestResult): CompareTest {
  return {
    kind,
    method,
    difference: r.difference,
    pValue: r.pValue,
    interval: { low: r.low, high: r.high },
  };
}

const count = (n: number) => n.toLocaleString('en-US');
