/**
 * EleutherAI lm-evaluation-harness results. Older schema: `results: {task: {acc, acc_stderr}}`,
 * `versions`, `config.model_args`. Current: `results: {task: {"acc,none", "acc_stderr,none",
 * alias}}`, `groups`, `n-samples`, `n-shot`, `higher_is_better`, `config.limit`, `model_name`.
 * One run per file. Metrics are `<task>/<metric>` (`<task>/<filter>/<metric>` when the filter is
 * not "none"), stderr `<…>_stderr`; "N/A" stderr is left missing, not read as 0.
 */
import { getOwn, isJsonObject, type JsonObject, type JsonValue } from '../json';
import type { Role } from '../../model';
import type { ReportResult, ReportRun } from './types';
import { asNumber, asParam, fileStem, newRun, objectAt, ownKeys, plural, put } from './util';

const MARKERS = [
  'versions',
  'config',
  'configs',
  'n-samples',
  'n-shot',
  'groups',
  'higher_is_better',
];
const HIGHER =
  /^(?:acc|acc_norm|accuracy|exact_match|em|f1|mcc|bleu|chrf|rouge\w*|pass@\d+|mc[12]|brier_skill)$/;
const LOWER = /^(?:perplexity|word_perplexity|byte_perplexity|bits_per_byte|ter|brier_score)$/;
const ACCURACY = /^(?:acc|acc_norm|accuracy|exact_match|em|mc[12])$/;

export function isLmEval(value: JsonValue): value is JsonObject {
  if (!isJsonObject(value)) return false;
  const results = objectAt(value, 'results');
  if (!results) return false;
  const tasks = ownKeys(results);
  return (
    tasks.length > 0 &&
    tasks.every((t) => isJsonObject(results[t])) &&
    MARKERS.some((m) => getOwn(value, m) !== undefined)
  );
}

export function readLmEval(obj: JsonObject, fileName: string): ReportResult {
  const config = objectAt(obj, 'config') ?? {};
  const current = ownKeys(objectAt(obj, 'results') ?? {}).some((t) =>
    ownKeys(objectAt(objectAt(obj, 'results') ?? {}, t) ?? {}).some((k) => k.includes(',')),
  );
  const model = modelName(obj, config);
  const run = newRun(model === null ? fileStem(fileName) : `${model}/${fileStem(fileName)}`);
  const roles: Record<string, Role> = {};
  const notUnderstood: string[] = [];
  const higher = objectAt(obj, 'higher_is_better') ?? {};
  for (const section of ['results', 'groups']) {
    const tasks = objectAt(obj, section) ?? {};
    for (const task of ownKeys(tasks))
      readTask(
        task,
        objectAt(tasks, task) ?? {},
        objectAt(higher, task) ?? {},
        run,
        roles,
        notUnderstood,
      );
  }
  readConfig(config, run);
  readSamples(obj, run);
  const tasks = ownKeys(objectAt(obj, 'results') ?? {});
  return {
    kind: 'lm-eval',
    label: `lm-evaluation-harness results (${current ? 'current' : 'older'} schema)`,
    reason: `a "results" object of ${plural(tasks.length, 'task')} (${tasks.slice(0, 3).join(', ')}${tasks.length > 3 ? ', …' : ''}) beside ${MARKERS.filter((m) => getOwn(obj, m) !== undefined).join(', ')}`,
    runs: [run],
    issues: [],
    notUnderstood,
    roles,
  };
}

function readTask(
  task: string,
  values: JsonObject,
  higher: JsonObject,
  run: ReportRun,
  roles: Record<string, Role>,
  notUnderstood: string[],
): void {
  for (const key of ownKeys(values)) {
    if (key === 'alias') continue;
    const [metric, filter = 'none'] = key.split(',', 2);
    const stderr = metric.endsWith('_stderr');
    const base = stderr ? metric.slice(0, -'_stderr'.length) : metric;
    const name = `${task}/${filter === 'none' ? '' : `${filter}/`}${metric}`;
    const value = asNumber(values[key]);
    if (value === null) {
      if (stderr)
        run.notes.push(
          `${name} is ${JSON.stringify(values[key])}: no standard error was computed.`,
        );
      else notUnderstood.push(`results/${task}/${key}`);
      continue;
    }
    put(run.metrics, name, value);
    if (stderr) {
      put(roles, name, { kind: 'ignore' });
      continue;
    }
    const stated = getOwn(higher, base);
    const up =
      typeof stated === 'boolean'
        ? stated
        : HIGHER.test(base)
          ? true
          : LOWER.test(base)
            ? false
            : null;
    if (up !== null)
      put(roles, name, {
        kind: 'metric',
        split: 'test',
        family: ACCURACY.test(base) ? 'accuracy' : 'other',
        direction: up ? 'max' : 'min',
      });
  }
}

/** `model_name`, else `pretrained=` (and `peft=`) of `config.model_args`, shortened for an id. */
function modelName(obj: JsonObject, config: JsonObject): string | null {
  const named = getOwn(obj, 'model_name');
  const args = parseModelArgs(getOwn(config, 'model_args'));
  const full =
    typeof named === 'string' && named !== '' ? named : (args.peft ?? args.pretrained ?? null);
  if (full === null) return null;
  const parts = full
    .replace(/^(?:\.{1,2}[\\/])+/, '')
    .split(/[\\/]+/)
    .filter(Boolean);
  return parts.slice(-2).join('/');
}

function parseModelArgs(value: JsonValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value === 'string')
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) put(out, part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  else if (isJsonObject(value))
    for (const k of ownKeys(value))
      if (typeof value[k] === 'string') put(out, k, value[k] as string);
  return out;
}

function readConfig(config: JsonObject, run: ReportRun): void {
  const args = parseModelArgs(getOwn(config, 'model_args'));
  if (args.pretrained) put(run.params, 'model', args.pretrained);
  if (args.peft) put(run.params, 'peft', args.peft);
  for (const key of ['num_fewshot', 'batch_size', 'model_dtype', 'model_num_parameters', 'limit']) {
    const v = asParam(getOwn(config, key));
    if (v !== null) put(run.params, key, v);
  }
  const limit = asNumber(getOwn(config, 'limit'));
  if (limit !== null)
    run.notes.push(
      limit < 1
        ? `config.limit ${limit}: each task was scored on only ${limit * 100}% of its documents.`
        : `config.limit ${limit}: each task was scored on at most ${plural(limit, 'document')}, not the full test set.`,
    );
}

function readSamples(obj: JsonObject, run: ReportRun): void {
  const samples = objectAt(obj, 'n-samples') ?? {};
  for (const task of ownKeys(samples)) {
    const s = objectAt(samples, task) ?? {};
    const effective = asNumber(getOwn(s, 'effective'));
    const original = asNumber(getOwn(s, 'original'));
    if (effective !== null) put(run.params, `${task}/n`, effective);
    if (effective !== null && original !== null && effective < original)
      run.notes.push(
        `${task}: ${plural(effective, 'document')} of ${original.toLocaleString('en-US')} were scored.`,
      );
  }
  const shots = objectAt(obj, 'n-shot') ?? {};
  for (const task of ownKeys(shots)) {
    const n = asNumber(shots[task]);
    if (n !== null) put(run.params, `${task}/n_shot`, n);
  }
}
