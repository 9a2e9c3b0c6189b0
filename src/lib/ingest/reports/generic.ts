/**
 * JSON of no known shape: every numeric leaf becomes a metric named by its path (`a/b/c`), so
 * nothing a report states is hidden; what is not a number is listed as not understood.
 * Own keys only, `__proto__` never followed, depth ≤ 6: a hostile file cannot grow the walk.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import type { ReportResult, ReportRun } from './types';
import { asNumber, asParam, fileStem, newRun, ownKeys, plural, put } from './util';

const MAX_DEPTH = 6;
/** A report with more numbers than this is a data file, not a report; the rest is listed. */
const MAX_METRICS = 500;

export function walkNumbers(
  value: JsonValue,
  path: string,
  depth: number,
  run: ReportRun,
  notUnderstood: string[],
): void {
  const n = asNumber(value);
  if (n !== null && typeof value === 'number') {
    if (Object.keys(run.metrics).length < MAX_METRICS) put(run.metrics, path, n);
    else notUnderstood.push(`${path} (more than ${MAX_METRICS} numbers)`);
    return;
  }
  if (isJsonObject(value)) {
    if (depth >= MAX_DEPTH) {
      notUnderstood.push(`${path} (nested deeper than ${MAX_DEPTH} levels)`);
      return;
    }
    for (const key of ownKeys(value))
      walkNumbers(value[key], path === '' ? key : `${path}/${key}`, depth + 1, run, notUnderstood);
    return;
  }
  const param = asParam(value);
  // Top-level strings and booleans describe the run (model name, dataset); deeper ones are text.
  if (param !== null && depth <= 1 && n === null) put(run.params, path, param);
  else if (n !== null) put(run.metrics, path, n);
  else if (Array.isArray(value))
    notUnderstood.push(`${path} (a list of ${plural(value.length, 'item')})`);
  else if (value !== null) notUnderstood.push(path === '' ? '(the whole file)' : path);
}

export function readGeneric(value: JsonValue, fileName: string): ReportResult {
  const run = newRun(fileStem(fileName));
  const notUnderstood: string[] = [];
  const root: JsonObject | JsonValue = value;
  walkNumbers(root, '', 0, run, notUnderstood);
  const n = Object.keys(run.metrics).length;
  if (n === 0) run.notes.push('No numeric value was found in this report.');
  return {
    kind: 'generic',
    label: 'JSON report of unknown shape',
    reason: `no known report layout matched; ${plural(n, 'numeric value')} read as metrics named by their path`,
    runs: [run],
    issues: [],
    notUnderstood,
    roles: {},
  };
}
