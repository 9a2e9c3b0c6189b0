/**
 * Hugging Face `all_results.json` / `train_results.json` / `eval_results.json`: one flat dict of
 * the final metrics (`eval_loss`, `eval_rouge1`, `train_loss`, `train_runtime`, `epoch`, …)
 * written by `trainer.save_metrics`. One run, named after the file.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import type { ReportResult } from './types';
import { asNumber, asParam, fileStem, newRun, ownKeys, plural, put } from './util';

const HF_NAME = /(?:^|[_-])(?:all|train|eval|test|predict)_results$/i;
const HF_KEY = /^(?:train|eval|test|predict)_|^epoch$|^total_flos$/;
const EVAL_KEY = /^(?:eval|test|predict)_/;

/** Named like a Trainer results file, or a flat dict of numbers with Trainer's key prefixes. */
export function isHfResults(value: JsonValue, fileName: string): value is JsonObject {
  if (!isJsonObject(value)) return false;
  const keys = ownKeys(value);
  if (keys.length === 0) return false;
  const flat = keys.filter((k) => asNumber(value[k]) !== null).length;
  if (flat < keys.length * 0.8) return false;
  return HF_NAME.test(fileStem(fileName)) || keys.some((k) => HF_KEY.test(k));
}

export function readHfResults(obj: JsonObject, fileName: string): ReportResult {
  const run = newRun(fileStem(fileName));
  const notUnderstood: string[] = [];
  for (const key of ownKeys(obj)) {
    const n = asNumber(obj[key]);
    const p = n === null ? asParam(obj[key]) : null;
    if (n !== null) put(run.metrics, key, n);
    else if (p !== null) put(run.params, key, p);
    else notUnderstood.push(key);
  }
  const keys = Object.keys(run.metrics);
  const evalKeys = keys.filter((k) => EVAL_KEY.test(k));
  if (evalKeys.length === 0)
    run.notes.push(
      'Training-only report: no evaluation metric (no eval_*, test_* or predict_* value), so nothing says how the model does on held-out data.',
    );
  for (const split of ['eval', 'test', 'predict']) {
    const samples = run.metrics[`${split}_samples`];
    if (samples !== undefined)
      run.notes.push(`${split} metrics were computed on ${plural(samples, 'sample')}.`);
  }
  const trainSamples = run.metrics.train_samples;
  if (trainSamples !== undefined) run.notes.push(`Trained on ${plural(trainSamples, 'sample')}.`);
  return {
    kind: 'hf-results',
    label: 'Hugging Face Trainer results',
    reason: `a flat dict of ${plural(keys.length, 'metric')} with Trainer's key names (${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''})`,
    runs: [run],
    issues: [],
    notUnderstood,
    roles: {},
  };
}
