/**
 * JSON Lines of flat metric records: one run per line when every record names its run (`run`,
 * `run_id`, `name`, `id`), else one run from the last record (a log appends, so the last line is
 * the final state). Numbers → metrics, other scalars → params.
 */
import { getOwn, isJsonObject, parseJsonLines, type JsonObject } from '../json';
import type { ReportResult, ReportRun } from './types';
import { asNumber, asParam, fileStem, newRun, ownKeys, plural, put } from './util';

const RUN_KEYS = ['run', 'run_id', 'run_name', 'name', 'id', 'trial', 'trial_id'];

export function readJsonLines(text: string, fileName: string): ReportResult {
  const { records, issues } = parseJsonLines(text, fileName);
  const objects = records.map((r) => r.value).filter(isJsonObject);
  const notUnderstood: string[] = [];
  if (objects.length < records.length)
    notUnderstood.push(`${plural(records.length - objects.length, 'line')} that are not objects`);
  const runKey = runKeyOf(objects);
  const runs: ReportRun[] = [];
  if (runKey !== undefined) {
    const byId = new Map<string, ReportRun>();
    for (const o of objects) {
      const id = String(getOwn(o, runKey));
      const run = byId.get(id) ?? newRun(id);
      byId.set(id, run);
      fill(run, o, runKey, notUnderstood);
    }
    runs.push(...byId.values());
  } else if (objects.length > 0) {
    const run = newRun(fileStem(fileName));
    fill(run, objects[objects.length - 1], null, notUnderstood);
    if (objects.length > 1)
      run.notes.push(
        `The last of ${plural(objects.length, 'record')} is used: no key names a run.`,
      );
    runs.push(run);
  }
  return {
    kind: 'json-lines',
    label: 'JSON Lines metric records',
    reason:
      runKey !== undefined
        ? `${plural(objects.length, 'record')}, each naming its run in "${runKey}"`
        : `${plural(objects.length, 'record')} of one run`,
    runs,
    issues,
    notUnderstood,
    roles: {},
  };
}

/** The key every record names its run in; undefined for the lines of one run's log. */
function runKeyOf(objects: JsonObject[]): string | undefined {
  return RUN_KEYS.find(
    (k) =>
      objects.length > 0 &&
      objects.every((o) => ['string', 'number'].includes(typeof getOwn(o, k))),
  );
}

/**
 * True when the lines are per-run records (a results table in JSON Lines) rather than per-step
 * records of one run's log, which are curves and are not summarised to their last line here.
 */
export function isPerRunJsonLines(text: string, fileName: string): boolean {
  return (
    runKeyOf(
      parseJsonLines(text, fileName)
        .records.map((r) => r.value)
        .filter(isJsonObject),
    ) !== undefined
  );
}

/** Later records overwrite earlier ones: the last value logged is the final one. */
function fill(run: ReportRun, o: JsonObject, runKey: string | null, notUnderstood: string[]): void {
  for (const key of ownKeys(o)) {
    if (key === runKey) continue;
    const n = asNumber(o[key]);
    const p = asParam(o[key]);
    if (n !== null && typeof o[key] === 'number') put(run.metrics, key, n);
    else if (p !== null) put(run.params, key, p);
    else if (o[key] !== null && !notUnderstood.includes(key)) notUnderstood.push(key);
  }
}
