/**
 * Experiment-tracker exports (seed 003: `experiment_cli.py export exp_001`): `config` (the
 * ExperimentConfig) → params, `metrics` (final values, per-metric histories or step records) →
 * the last value of each, `evaluations` (per benchmark: summary metrics and per-sample results)
 * → `<benchmark>/<metric>`, with the per-sample results counted again and kept in notes.
 * A list of such experiments (or `{experiments: […]}`) gives one run each.
 */
import { getOwn, isJsonObject, type JsonObject, type JsonValue } from '../json';
import type { ReportResult, ReportRun } from './types';
import { asNumber, asParam, fileStem, newRun, objectAt, ownKeys, plural, put } from './util';

const ID_KEYS = ['experiment_id', 'run_id', 'id', 'experiment_name', 'name'];
const COUNTER = /^(?:step|_step|epoch|timestamp|time|_timestamp|wall_time)$/;
const SAMPLE_KEYS = ['per_sample_results', 'per_sample', 'samples', 'predictions'];

function isExperiment(value: JsonValue): value is JsonObject {
  return (
    isJsonObject(value) &&
    isJsonObject(getOwn(value, 'config')) &&
    (getOwn(value, 'evaluations') !== undefined ||
      (getOwn(value, 'metrics') !== undefined && getOwn(value, 'experiment_id') !== undefined))
  );
}

function experimentsOf(value: JsonValue): JsonObject[] | null {
  if (isExperiment(value)) return [value];
  const list = isJsonObject(value) ? getOwn(value, 'experiments') : value;
  if (Array.isArray(list) && list.length > 0 && list.every(isExperiment))
    return list as JsonObject[];
  return null;
}

export function isTrackerExport(value: JsonValue): boolean {
  return experimentsOf(value) !== null;
}

export function readTrackerExport(value: JsonValue, fileName: string): ReportResult {
  const experiments = experimentsOf(value) ?? [];
  const notUnderstood: string[] = [];
  const runs = experiments.map((e, i) =>
    readExperiment(
      e,
      experiments.length === 1 ? fileStem(fileName) : `${fileStem(fileName)}_${i + 1}`,
      notUnderstood,
    ),
  );
  return {
    kind: 'tracker-export',
    label: 'experiment tracker export',
    reason: `${plural(runs.length, 'experiment')} with a config and ${runs.some((r) => r.notes.length > 0) ? 'evaluations' : 'metrics'}`,
    runs,
    issues: [],
    notUnderstood,
    roles: {},
  };
}

function readExperiment(exp: JsonObject, fallbackId: string, notUnderstood: string[]): ReportRun {
  const id = ID_KEYS.map((k) => getOwn(exp, k)).find((v) => typeof v === 'string' && v !== '');
  const run = newRun(typeof id === 'string' ? id : fallbackId);
  const config = objectAt(exp, 'config') ?? {};
  for (const key of ownKeys(config)) {
    const p = asParam(config[key]);
    if (p !== null) put(run.params, key, p);
    else if (config[key] !== null) notUnderstood.push(`config/${key}`);
  }
  for (const key of ['status', 'notes']) {
    const v = getOwn(exp, key);
    if (typeof v === 'string' && v !== '')
      put(run.params, key === 'notes' ? 'experiment_notes' : key, v);
  }
  readMetrics(getOwn(exp, 'metrics'), run);
  const evaluations = getOwn(exp, 'evaluations');
  const list: [string, JsonObject][] = Array.isArray(evaluations)
    ? evaluations.filter(isJsonObject).map((e, i) => [benchmarkName(e, i), e])
    : isJsonObject(evaluations)
      ? ownKeys(evaluations).flatMap((k) =>
          isJsonObject(evaluations[k]) ? [[k, evaluations[k] as JsonObject]] : [],
        )
      : [];
  for (const [bench, e] of list) readEvaluation(bench, e, run);
  return run;
}

function benchmarkName(e: JsonObject, i: number): string {
  const name = getOwn(e, 'benchmark') ?? getOwn(e, 'benchmark_name') ?? getOwn(e, 'name');
  return typeof name === 'string' && name !== '' ? name : `eval_${i + 1}`;
}

/** Final values: `{m: 0.5}`, `{m: [..]}` (last value) or `[{step, m, …}]` (last record with m). */
function readMetrics(metrics: JsonValue | undefined, run: ReportRun): void {
  if (isJsonObject(metrics)) {
    for (const key of ownKeys(metrics)) {
      const v = metrics[key];
      const last = Array.isArray(v) ? v[v.length - 1] : v;
      const n = asNumber(isJsonObject(last) ? getOwn(last, 'value') : last);
      if (n !== null && !COUNTER.test(key)) put(run.metrics, key, n);
    }
  } else if (Array.isArray(metrics)) {
    for (const record of metrics) {
      if (!isJsonObject(record)) continue;
      const named = getOwn(record, 'name') ?? getOwn(record, 'key');
      const value = asNumber(getOwn(record, 'value'));
      if (typeof named === 'string' && value !== null) put(run.metrics, named, value);
      else
        for (const key of ownKeys(record)) {
          const n = asNumber(record[key]);
          if (n !== null && !COUNTER.test(key)) put(run.metrics, key, n);
        }
    }
  }
}

function readEvaluation(bench: string, e: JsonObject, run: ReportRun): void {
  const summary = objectAt(e, 'metrics') ?? e;
  for (const key of ownKeys(summary)) {
    const n = asNumber(summary[key]);
    if (n !== null && typeof summary[key] !== 'string') put(run.metrics, `${bench}/${key}`, n);
  }
  const samples = SAMPLE_KEYS.map((k) => getOwn(e, k)).find(Array.isArray);
  if (!samples) return;
  let correct = 0;
  let scored = 0;
  const ids: string[] = [];
  const values: number[] = [];
  samples.forEach((s, i) => {
    if (!isJsonObject(s)) return;
    const c = getOwn(s, 'correct') ?? getOwn(s, 'is_correct') ?? getOwn(s, 'exact_match');
    const n = typeof c === 'boolean' ? Number(c) : asNumber(c);
    if (n === null || !Number.isFinite(n)) return;
    scored++;
    correct += n;
    ids.push(sampleId(s, i));
    values.push(n);
  });
  put(run.params, `${bench}/per_sample_n`, samples.length);
  const stated = asNumber(getOwn(summary, 'accuracy'));
  if (scored === 0) {
    run.notes.push(
      `${bench}: ${plural(samples.length, 'per-sample result')}, none with a correct/is_correct field.`,
    );
    return;
  }
  // Kept so two runs can be compared example by example (a paired test), not only by their means.
  (run.samples ??= []).push({ runId: run.runId, metric: `${bench}/accuracy`, ids, values });
  const acc = correct / scored;
  const differs = stated !== null && Math.abs(stated - acc) > 0.5 / scored + 1e-9;
  run.notes.push(
    `${bench}: ${plural(samples.length, 'per-sample result')}, ${correct} of ${scored} correct (accuracy ${acc.toFixed(4)})` +
      (stated === null
        ? '.'
        : differs
          ? `; the summary states ${stated}, which the samples do not reproduce.`
          : '; matches the stated accuracy.'),
  );
}

/** The record's own id (`index`, `id`, `sample_id`, …), else its position in the list. */
function sampleId(s: JsonObject, position: number): string {
  for (const key of ['sample_id', 'id', 'index', 'idx', 'doc_id']) {
    const v = getOwn(s, key);
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return String(position);
}
