/**
 * Hand-made `training_results.json` (as in seed 004): per-epoch lists of train/validation loss,
 * total time, steps, dataset sizes and settings. It describes the fine-tuned model, so its run is
 * `fine-tuned` (matching the fine-tuned variant of an evaluation_results.json beside it). Each
 * list's last value is the metric; the lists become curves with the epoch (1, 2, …) as step.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import type { Curve } from '../../model';
import type { ReportResult } from './types';
import { asNumber, asParam, newRun, ownKeys, plural, put } from './util';

const METRIC_WORD = /loss|acc|perplex|ppl|f1|score|error|reward|bleu|rouge/i;
const METRIC_SCALAR =
  /loss|acc|perplex|ppl|f1|score|error|reward|bleu|rouge|time|runtime|duration|steps?$|epochs?$/i;
const SIZE_KEY = /(?:^|_)(?:size|examples|samples|count)$|^(?:n|num)_/i;

export const FINE_TUNED = 'fine-tuned';
export const BASE = 'base';

function numberList(value: JsonValue | undefined): number[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const out = value.map((v) => asNumber(v));
  return out.every((v) => v !== null) ? (out as number[]) : null;
}

/** `train_losses` → `train_loss`, `val_accuracies` → `val_accuracy`, `validation_loss` → `val_loss`. */
export function singular(key: string): string {
  return key
    .replace(/losses$/i, 'loss')
    .replace(/accuracies$/i, 'accuracy')
    .replace(/perplexities$/i, 'perplexity')
    .replace(/scores$/i, 'score')
    .replace(/^validation_/i, 'val_');
}

export function isTrainingReport(value: JsonValue): value is JsonObject {
  if (!isJsonObject(value)) return false;
  return ownKeys(value).some((k) => METRIC_WORD.test(k) && numberList(value[k]) !== null);
}

export function readTrainingReport(obj: JsonObject, fileName: string): ReportResult {
  const run = newRun(FINE_TUNED);
  const notUnderstood: string[] = [];
  const curves: Curve[] = [];
  const visit = (o: JsonObject, prefix: string, depth: number) => {
    for (const key of ownKeys(o)) {
      const value = o[key];
      const path = prefix + key;
      const list = numberList(value);
      const n = asNumber(value);
      if (list !== null && METRIC_WORD.test(key)) {
        const name = singular(path);
        put(run.metrics, name, list[list.length - 1]);
        curves.push({
          runId: FINE_TUNED,
          metric: name,
          steps: Float64Array.from(list, (_, i) => i + 1),
          values: Float64Array.from(list),
          wallTimes: null,
        });
      } else if (n !== null && typeof value === 'number') {
        if (METRIC_SCALAR.test(key)) put(run.metrics, path, n);
        else put(run.params, path, n);
        if (SIZE_KEY.test(key)) run.notes.push(`${path}: ${n.toLocaleString('en-US')}.`);
      } else if (isJsonObject(value) && depth < 2) visit(value, `${path}/`, depth + 1);
      else if (asParam(value) !== null) put(run.params, path, asParam(value) as string);
      else notUnderstood.push(path);
    }
  };
  visit(obj, '', 0);
  const epochs = curves.reduce((m, c) => Math.max(m, c.values.length), 0);
  run.notes.push(
    `Training report (${fileName}): it describes the fine-tuned model; ${plural(epochs, 'epoch')} of per-epoch values.`,
  );
  return {
    kind: 'training-report',
    label: 'hand-made training report',
    reason: `per-epoch lists (${curves.map((c) => c.metric).join(', ')})`,
    runs: [run],
    issues: [],
    notUnderstood,
    roles: {},
    curves: {
      runs: [
        {
          runId: FINE_TUNED,
          source: fileName,
          params: { ...run.params },
          plannedSteps: null,
          plannedEpochs: null,
          notes: [],
        },
      ],
      curves,
    },
  };
}
