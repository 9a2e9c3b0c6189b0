/**
 * Runs with identical results on every metric:
 * - same hyperparameters (seeds included): the run was logged twice or rerun deterministically,
 *   so it counts twice in every statistic;
 * - same hyperparameters but different seeds: the seed is not applied;
 * - different hyperparameters: one run's results were written into another's record, or the
 *   settings never reached the model. Groups of three or more that collapsed-trials reports
 *   (a collapse, or a setting without effect) are left to it.
 * A tie only counts when at least one shared metric is logged at full precision and is not a
 * fraction k/n of a small eval set: low-precision numbers tie by chance. Warning.
 */
import {
  CellState,
  cellText,
  formatNumber as fmt,
  type Column,
  type Evidence,
  type Finding,
} from '../../model';
import { isFinishedRun, metricColumns, type Detector, type DetectorContext } from '../context';
import { parseName } from '../names';
import { cellKey, describeRow, listIds, sweepFacts } from '../sweep/facts';
import { isFinePrecision } from '../sweep/metric-kind';
import { isQuantised } from '../sweep/resolution';
import { isDerivedMetricName } from '../sweep/primary-metric';
import { collapsedGroupsAllMetrics } from '../sweep/metric-ties';
import { sharesRounded } from '../sweep/rounded-ties';
import { isImprobableTie, tieChance } from '../sweep/tie-chance';

type Kind = 'duplicate' | 'seed-ignored' | 'different-configs';

export const duplicateResults: Detector = {
  id: 'duplicate-results',
  label: 'Duplicate results',
  description:
    'Runs with identical values (within tolerance) on every metric: duplicate runs when their hyperparameters match, otherwise overwritten or mis-logged results.',
  run(ctx) {
    const metrics = metricColumns(ctx);
    if (metrics.length === 0) return [];
    const rows = ctx.table.rowCount;
    const digits = Math.max(
      1,
      Math.round(-Math.log10(ctx.settings.duplicateResults.tolerance)) + 1,
    );
    // Columns whose values are k/n of one eval set tie by chance; they cannot make a tie distinctive.
    const quantisedCache = new Map<number, boolean>();
    const quantised = (i: number): boolean => {
      let known = quantisedCache.get(i);
      if (known === undefined) {
        const { column } = metrics[i];
        const values: number[] = [];
        for (let row = 0; row < rows; row++) {
          const v = column.values[row];
          if (column.states[row] === CellState.value && Number.isFinite(v)) values.push(v);
        }
        // Spreads, per-fold scores and resource columns derive from other numbers: not evidence.
        known = isDerivedMetricName(column.name) || isQuantised(values);
        quantisedCache.set(i, known);
      }
      return known;
    };
    // Rows judged: finished, no NaN/Inf metric, at least one finite metric.
    const eligible: number[] = [];
    for (let row = 0; row < rows; row++) {
      if (!isFinishedRun(ctx, row)) continue;
      let finite = 0;
      let broken = false;
      for (let i = 0; i < metrics.length && !broken; i++) {
        const { column } = metrics[i];
        const state = column.states[row];
        if (state === CellState.missing) continue;
        if (state === CellState.nan || !Number.isFinite(column.values[row])) broken = true;
        else finite++;
      }
      if (!broken && finite > 0) eligible.push(row);
    }
    const grouped = eligible.length;
    const part = (i: number, row: number): string => {
      const { column } = metrics[i];
      return column.states[row] === CellState.missing ? '' : column.values[row].toPrecision(digits);
    };
    // Rows share a key only when they share its first part: the whole key (one rounded value
    // per metric) is built only for rows whose first metric is rounded-equal to another row's,
    // instead of formatting every metric of every row (most of a second on 100,000 trials).
    const candidate = sharesRounded(metrics[0].column, eligible, digits);
    const groups = new Map<string, number[]>();
    for (let e = 0; e < eligible.length; e++) {
      if (candidate[e] === 0) continue;
      const row = eligible[e];
      const parts: string[] = [];
      for (let i = 0; i < metrics.length; i++) parts.push(part(i, row));
      const key = parts.join('|');
      const list = groups.get(key) ?? [];
      list.push(row);
      groups.set(key, list);
    }
    // A tie counts when one shared value is logged at full precision in a column that is not k/n.
    const distinctive = (row: number) =>
      metrics.some(
        ({ column }, i) =>
          column.states[row] === CellState.value &&
          isFinePrecision(column.values[row]) &&
          !quantised(i),
      );
    // Several metrics tied at once, each estimated from its own column's distribution of values:
    // low-precision numbers that tie often on one metric rarely tie on three or more together.
    const chanceCache = new Map<number, number>();
    const chanceOf = (i: number): number => {
      let known = chanceCache.get(i);
      if (known === undefined) {
        // Rounded values of the column over the judged rows, built when a tie needs them.
        const logged: string[] = [];
        for (const row of eligible) {
          if (metrics[i].column.states[row] !== CellState.missing) logged.push(part(i, row));
        }
        known = tieChance(logged);
        chanceCache.set(i, known);
      }
      return known;
    };
    const improbable = (row: number): boolean => {
      const chances: number[] = [];
      metrics.forEach(({ column }, i) => {
        // Spreads, per-fold scores and resource columns derive from other numbers: not evidence.
        if (column.states[row] === CellState.value && !isDerivedMetricName(column.name))
          chances.push(chanceOf(i));
      });
      return chances.length >= 3 && isImprobableTie(chances, grouped);
    };
    const facts = sweepFacts(ctx);
    let collapsed: Set<number>[] | null = null;
    const isCollapsed = (group: number[]) =>
      (collapsed ??= collapsedGroupsAllMetrics(ctx).map(({ group }) => new Set(group.rows))).some(
        (c) => group.every((r) => c.has(r)),
      );
    const findings: Finding[] = [];
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const kind = kindOf(facts.fullKeys, facts.configKeys, group);
      // The same settings and at least three identical metrics: even at 4–6 digits a chance tie
      // on every metric at once is negligible.
      const sameRun = kind === 'duplicate' && metrics.length >= 3 && hasConfig(facts, group[0]);
      if (!distinctive(group[0]) && !sameRun && !improbable(group[0])) continue;
      if (kind === 'different-configs' && isCollapsed(group)) continue;
      findings.push(finding(ctx, group, kind));
    }
    return findings.sort((a, b) => a.rows[0] - b.rows[0]);
  },
};

/** The run has at least one hyperparameter value (so "same settings" means something). */
function hasConfig(facts: ReturnType<typeof sweepFacts>, row: number): boolean {
  return facts.params.length > 0 && facts.unconfigured[row] === 0;
}

function kindOf(fullKeys: Int32Array, configKeys: Int32Array, group: number[]): Kind {
  if (group.every((r) => fullKeys[r] === fullKeys[group[0]])) return 'duplicate';
  if (group.every((r) => configKeys[r] === configKeys[group[0]])) return 'seed-ignored';
  return 'different-configs';
}

/** Logged settings: hyperparameters, plus constant columns under a params prefix (MLflow's params.*). */
function settingColumns(ctx: DetectorContext): Column[] {
  const params = new Set(ctx.roles.filter((r) => r.role.kind === 'param').map((r) => r.column));
  return ctx.table.columns.filter(
    (c) => params.has(c.name) || parseName(c.name).prefix === 'param',
  );
}

/** Bookkeeping columns (names, times, commits) that differ inside the group, or are equal. */
function metadata(ctx: DetectorContext, group: number[]): { differ: string[]; same: Column[] } {
  const differ: string[] = [];
  const same: Column[] = [];
  for (const r of ctx.roles) {
    // The id differs by definition; names, times and paths are what tell the runs apart.
    if (r.role.kind !== 'ignore' && r.role.kind !== 'time') continue;
    if (parseName(r.column).prefix === 'param') continue;
    const column = ctx.columns.get(r.column);
    if (!column) continue;
    const values = new Set(group.map((row) => cellKey(column, row)));
    if (values.size > 1) differ.push(column.name);
    else if (/commit|git|source|script|version/i.test(column.name) && !values.has(''))
      same.push(column);
  }
  const named = (name: string) => (/name/i.test(name) ? 0 : 1);
  differ.sort((a, b) => named(a) - named(b));
  return { differ, same };
}

function finding(ctx: DetectorContext, group: number[], kind: Kind): Finding {
  const runIds = group.map((r) => ctx.runIds[r]);
  const metrics = metricColumns(ctx).filter(
    ({ column }) => column.states[group[0]] === CellState.value,
  );
  const evidence: Evidence[] = metrics.slice(0, 4).map(({ column }) => ({
    label: `${column.name} (all ${group.length} runs)`,
    value: fmt(column.values[group[0]]),
    column: column.name,
  }));
  if (metrics.length > 4) {
    evidence.push({ label: 'other metrics also identical', value: String(metrics.length - 4) });
  }
  const settings = settingColumns(ctx);
  const facts = sweepFacts(ctx);
  const { differ, same } = metadata(ctx, group);
  const n = metrics.length;
  const all = n === 1 ? `${metrics[0].column.name}` : `results on all ${n} metrics`;
  let title: string;
  let explanation: string;
  let recommendation: string;
  if (kind === 'duplicate') {
    const set = settings.filter((c) => cellKey(c, group[0]) !== '').length;
    evidence.push({
      label: 'hyperparameters',
      value:
        set > 0
          ? `identical in all ${settings.length} logged setting columns`
          : 'none set in any of them (baselines or runs outside the sweep?)',
    });
    for (const column of same) {
      evidence.push({
        label: column.name,
        value: `${cellText(column, group[0])} in all`,
        column: column.name,
      });
    }
    if (differ.length > 0)
      evidence.push({ label: 'differ only in', value: differ.slice(0, 5).join(', ') });
    title = `${runIds.length === 2 ? `Runs ${runIds[0]} and ${runIds[1]}` : `${runIds.length} runs (${listIds(runIds, 3)})`} are duplicates: same settings, identical ${all}`;
    explanation = `The same configuration was run or logged ${runIds.length === 2 ? 'twice' : `${runIds.length} times`} with the same result: a deterministic rerun, or one run recorded more than once. It counts ${runIds.length} times in every statistic (issue rates, importance, the recommended region) and makes one measurement look like independent confirmation.`;
    const seed =
      facts.seeds[0] ??
      ctx.table.columns.find((c) =>
        /^(seed|random_state)$/.test(parseName(c.name).tokens.join('_')),
      );
    recommendation = `Keep one of them (e.g. ${runIds[runIds.length - 1]}) and drop the others from comparisons.${seed ? ` If they were meant as repeats, vary ${seed.name} (${cellText(seed, group[0]) || 'unset'} in all of them) to measure how much results move between seeds.` : ' If they were meant as repeats, give each a different seed.'}`;
  } else if (kind === 'seed-ignored') {
    const seeds = facts.seeds.map(
      (s) => `${s.name} ${listIds([...new Set(group.map((r) => cellText(s, r)))], 4)}`,
    );
    evidence.push({ label: 'seeds', value: seeds.join('; ') });
    title = `Runs ${listIds(runIds, 4)}: different seeds, identical ${all}`;
    explanation =
      'Different seeds change initialisation, data order and dropout, so results should differ at least slightly. Identical numbers mean the seed never reached the training code (set after the model or data loader was built, or not passed at all), so these "replicates" say nothing about seed variance.';
    recommendation = `Check where ${facts.seeds.map((s) => s.name).join(', ')} is applied (framework, NumPy and data-loader generators, before the model is built), then rerun one config with two seeds and confirm the results differ.`;
  } else {
    evidence.push({
      label: 'configurations',
      value: group.map((r) => `${ctx.runIds[r]}: ${describeRow(facts.params, r, 4)}`).join(' | '),
    });
    title = `Runs ${listIds(runIds, 4)}: different configs, identical ${all}`;
    explanation = `Different hyperparameters do not give identical values on ${n === 1 ? 'a full-precision metric' : 'every metric'} by chance. Most likely one run's results were written into another's record (a shared output directory, a cached evaluation, a logging key reused), or the differing settings never reached the model.`;
    recommendation = `Open the logs of ${listIds(runIds, 4)}: check each run's output directory and the config it actually printed at start-up; rerun one of them to see which record is right, and keep the wrong one out of comparisons.`;
  }
  return {
    id: `duplicate-results:${runIds[0]}`,
    detector: 'duplicate-results',
    severity: 'warning',
    title,
    runIds,
    rows: group,
    evidence,
    explanation,
    recommendation,
  };
}
