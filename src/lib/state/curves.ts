/**
 * Pure view helpers for the Curves and Leaderboard cells: metric groups, which runs to draw,
 * the hyperparameters worth showing. No statistics here: the rankings come from the summary.
 */
import type {
  CurveMetricInfo,
  CurveMetricKind,
  CurveRunInfo,
  CurveSummary,
  MetricRanking,
} from '../model';

/** With more runs than this, the Curves cell opens on the top of the ranking. */
export const DEFAULT_TOP_RUNS = 20;

const KIND_ORDER: readonly CurveMetricKind[] = [
  'eval-loss',
  'eval-score',
  'train-loss',
  'grad-norm',
  'learning-rate',
  'other',
];
const KIND_LABELS: Record<CurveMetricKind, string> = {
  'eval-loss': 'Evaluation loss',
  'eval-score': 'Evaluation scores',
  'train-loss': 'Training loss',
  'grad-norm': 'Gradient norm',
  'learning-rate': 'Learning rate',
  other: 'Other',
};

export interface MetricGroup {
  kind: CurveMetricKind;
  label: string;
  metrics: CurveMetricInfo[];
}

/** Metrics grouped by kind for a picker; the default metric's group first, the default first in it. */
export function metricGroups(curves: CurveSummary): MetricGroup[] {
  const defaultKind = curves.metrics.find((m) => m.metric === curves.defaultMetric)?.kind;
  const kinds = defaultKind
    ? [defaultKind, ...KIND_ORDER.filter((k) => k !== defaultKind)]
    : [...KIND_ORDER];
  const groups: MetricGroup[] = [];
  for (const kind of kinds) {
    const metrics = curves.metrics
      .filter((m) => m.kind === kind)
      .sort((a, b) =>
        a.metric === curves.defaultMetric
          ? -1
          : b.metric === curves.defaultMetric
            ? 1
            : a.metric.localeCompare(b.metric),
      );
    if (metrics.length > 0) groups.push({ kind, label: KIND_LABELS[kind], metrics });
  }
  return groups;
}

/** The metric in use: the chosen one if it exists, else the default, else the first. */
export function effectiveMetric(curves: CurveSummary, chosen: string | null): string | null {
  if (chosen && curves.metrics.some((m) => m.metric === chosen)) return chosen;
  return curves.defaultMetric ?? curves.metrics[0]?.metric ?? null;
}

export function rankingFor(curves: CurveSummary, metric: string | null): MetricRanking | null {
  return curves.rankings.find((r) => r.metric === metric) ?? null;
}

/** Runs in ranking order (the metric's ranking, else the default metric's), then the rest. */
export function orderedRunIds(curves: CurveSummary, metric: string | null): string[] {
  const ranking = rankingFor(curves, metric) ?? rankingFor(curves, curves.defaultMetric);
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push(id);
  };
  for (const r of ranking?.runs ?? []) add(r.runId);
  for (const r of curves.runs) add(r.runId);
  return out;
}

export type RunMode = 'top' | 'all' | 'selected';

export interface RunChoice {
  /** Runs to ask for; null: every run that logged the metric. */
  runIds: string[] | null;
  /** What is drawn, in words ("top 20 of 43 runs by eval/loss"). */
  description: string;
}

/** Which runs the Curves cell draws for a mode, a search text and the selection. */
export function chooseRuns(
  curves: CurveSummary,
  metric: string | null,
  mode: RunMode,
  search: string,
  selected: readonly string[],
): RunChoice {
  const total = curves.runs.length;
  const needle = search.trim().toLowerCase();
  if (needle) {
    const ids = curves.runs.filter((r) => runMatches(r, needle)).map((r) => r.runId);
    return { runIds: ids, description: `${ids.length} of ${total} runs match “${search.trim()}”` };
  }
  if (mode === 'selected') {
    return {
      runIds: [...selected],
      description: selected.length === 0 ? 'no run selected' : `${selected.length} selected`,
    };
  }
  if (mode === 'all' || total <= DEFAULT_TOP_RUNS) {
    return { runIds: null, description: total === 1 ? 'the only run' : `all ${total} runs` };
  }
  const top = orderedRunIds(curves, metric).slice(0, DEFAULT_TOP_RUNS);
  const extra = selected.filter((id) => !top.includes(id));
  const ranked = rankingFor(curves, metric) ? metric : curves.defaultMetric;
  return {
    runIds: [...top, ...extra],
    description:
      `top ${DEFAULT_TOP_RUNS} of ${total} runs` +
      (ranked ? ` by the ${ranked} ranking` : '') +
      (extra.length > 0 ? `, plus ${extra.length} selected` : ''),
  };
}

function runMatches(run: CurveRunInfo, needle: string): boolean {
  if (run.runId.toLowerCase().includes(needle) || run.source.toLowerCase().includes(needle)) {
    return true;
  }
  return Object.entries(run.params).some(([k, v]) =>
    [`${k}=${formatParam(v)}`, `${k}=${String(v)}`].some((t) => t.toLowerCase().includes(needle)),
  );
}

/** Hyperparameters that differ between runs (constant ones say nothing), in first-seen order. */
export function varyingParams(runs: readonly CurveRunInfo[]): string[] {
  const values = new Map<string, Set<string>>();
  for (const run of runs) {
    for (const [k, v] of Object.entries(run.params)) {
      let set = values.get(k);
      if (!set) values.set(k, (set = new Set()));
      set.add(String(v));
    }
  }
  const keys = [...values.keys()];
  const varying = keys.filter((k) => (values.get(k)?.size ?? 0) > 1);
  return runs.length > 1 ? varying : keys;
}

/** A hyperparameter value as people write it: 2e-4 rather than 0.0002. */
export function formatParam(v: number | string | boolean): string {
  if (typeof v !== 'number' || !Number.isFinite(v) || v === 0) return String(v);
  const abs = Math.abs(v);
  if (abs < 1e-3 || abs >= 1e6) return v.toExponential().replace('e+', 'e');
  return String(v);
}

/** `[key, value]` pairs for the given keys (all params when keys is null), values formatted. */
export function paramEntries(
  params: Record<string, number | string | boolean>,
  keys: readonly string[] | null = null,
): [string, string][] {
  return (keys ?? Object.keys(params))
    .filter((k) => k in params)
    .map((k) => [k, formatParam(params[k])]);
}

/** "lr=2e-4 · rank=32" for the given keys (all params when keys is null). */
export function paramsText(
  params: Record<string, number | string | boolean>,
  keys: readonly string[] | null = null,
  separator = ' · ',
): string {
  return paramEntries(params, keys)
    .map(([k, v]) => `${k}=${v}`)
    .join(separator);
}

/**
 * The y range TensorBoard's "ignore outliers in chart scaling" shows: the 5th to 95th percentile
 * of every drawn value, padded. Null when nothing would be cut (autorange then fits everything).
 * On a log axis the range is in log10 units, as plotly expects.
 */
export function outlierFreeRange(
  series: readonly Float64Array[],
  log: boolean,
): [number, number] | null {
  let n = 0;
  for (const s of series) n += s.length;
  const values = new Float64Array(n);
  let k = 0;
  for (const s of series) {
    for (const v of s)
      if (Number.isFinite(v) && (!log || v > 0)) values[k++] = log ? Math.log10(v) : v;
  }
  if (k < 10) return null;
  const sorted = values.subarray(0, k).sort();
  const at = (q: number) => sorted[Math.min(k - 1, Math.max(0, Math.round(q * (k - 1))))];
  const lo = at(0.05);
  const hi = at(0.95);
  const min = sorted[0];
  const max = sorted[k - 1];
  const span = hi - lo;
  if (!(span > 0) || max - min <= span * 1.5) return null;
  const pad = span * 0.04;
  return [Math.max(min, lo - span * 0.1) - pad, Math.min(max, hi + span * 0.1) + pad];
}
