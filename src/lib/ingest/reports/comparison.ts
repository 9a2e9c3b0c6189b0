/**
 * Hand-made `evaluation_results.json` comparing the base model with the fine-tuned one (seed
 * 004): `{base_model: {loss, perplexity}, fine_tuned_model: {…}, improvements: {…}}`, the
 * metric-major `{loss: {base, fine_tuned}}`, or flat `base_loss` / `fine_tuned_loss` keys. One run
 * per variant; metrics are named `eval_<metric>` so that they read as held-out values.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import type { ReportResult, ReportRun } from './types';
import { BASE, FINE_TUNED } from './training-report';
import { asNumber, asParam, newRun, objectAt, ownKeys, put } from './util';

const BASE_NAME =
  /^(?:base|baseline|pretrained|original|before)(?:[_-]?model)?(?:[_-]?(?:results|metrics|eval))?$/i;
const TUNED_NAME =
  /^(?:fine[_-]?tuned|finetuned|tuned|trained|after)(?:[_-]?model)?(?:[_-]?(?:results|metrics|eval))?$/i;
const FLAT = /^(base(?:line)?|pretrained|original|fine[_-]?tuned|finetuned|tuned)[_-](.+)$/i;

function variantOf(key: string): string | null {
  if (BASE_NAME.test(key)) return BASE;
  if (TUNED_NAME.test(key)) return FINE_TUNED;
  return null;
}

function evalName(metric: string): string {
  return /^(?:eval|test|val|validation)[_/]/i.test(metric) ? metric : `eval_${metric}`;
}

export function isComparison(value: JsonValue): value is JsonObject {
  if (!isJsonObject(value)) return false;
  const keys = ownKeys(value);
  const variants = new Set<string>();
  for (const k of keys) {
    const v = variantOf(k);
    if (v !== null && isJsonObject(value[k])) variants.add(v);
    const flat = FLAT.exec(k);
    if (flat && asNumber(value[k]) !== null) variants.add(variantOf(flat[1]) ?? '');
    const inner = objectAt(value, k);
    if (inner && ownKeys(inner).some((i) => variantOf(i) !== null && asNumber(inner[i]) !== null))
      for (const i of ownKeys(inner))
        if (variantOf(i) !== null) variants.add(variantOf(i) as string);
  }
  return variants.has(BASE) && variants.has(FINE_TUNED);
}

export function readComparison(obj: JsonObject, fileName: string): ReportResult {
  const runs = new Map<string, ReportRun>([
    [BASE, newRun(BASE)],
    [FINE_TUNED, newRun(FINE_TUNED)],
  ]);
  const notUnderstood: string[] = [];
  const notes: string[] = [];
  for (const key of ownKeys(obj)) {
    const value = obj[key];
    const variant = variantOf(key);
    const inner = isJsonObject(value) ? value : null;
    const flat = FLAT.exec(key);
    if (variant !== null && inner) {
      const run = runs.get(variant) as ReportRun;
      for (const m of ownKeys(inner)) {
        const n = asNumber(inner[m]);
        if (n !== null) put(run.metrics, evalName(m), n);
        else if (asParam(inner[m]) !== null) put(run.params, m, asParam(inner[m]) as string);
        else notUnderstood.push(`${key}/${m}`);
      }
    } else if (flat && variantOf(flat[1]) !== null && asNumber(value) !== null) {
      put(
        (runs.get(variantOf(flat[1]) as string) as ReportRun).metrics,
        evalName(flat[2]),
        asNumber(value) as number,
      );
    } else if (inner && ownKeys(inner).some((i) => variantOf(i) !== null)) {
      for (const i of ownKeys(inner)) {
        const v = variantOf(i);
        const n = asNumber(inner[i]);
        if (v !== null && n !== null) put((runs.get(v) as ReportRun).metrics, evalName(key), n);
        else notes.push(`${key}/${i}: ${JSON.stringify(inner[i])}`);
      }
    } else if (inner) {
      // `improvements` and the like: the report's own claims, kept as notes to check against.
      for (const i of ownKeys(inner)) notes.push(`${key}/${i}: ${JSON.stringify(inner[i])}`);
    } else if (asParam(value) !== null) {
      for (const run of runs.values()) put(run.params, key, asParam(value) as string);
    } else notUnderstood.push(key);
  }
  for (const run of runs.values()) {
    run.notes.push(
      `${run.runId === BASE ? 'Base' : 'Fine-tuned'} model of the comparison in ${fileName}.`,
      ...notes,
    );
  }
  return {
    kind: 'evaluation-comparison',
    label: 'base vs fine-tuned evaluation',
    reason: 'metrics stated for a base and a fine-tuned model',
    runs: [...runs.values()],
    issues: [],
    notUnderstood,
    roles: {},
  };
}
