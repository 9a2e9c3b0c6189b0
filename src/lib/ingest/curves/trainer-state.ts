/**
 * Hugging Face `trainer_state.json` → curves. `log_history` mixes three kinds of entries:
 * training logs (`loss`, `grad_norm`, `learning_rate`, `epoch`, plus anything a trainer such as
 * TRL adds), evaluation logs (`eval_*`), and the final summary written when `train()` returns
 * (`train_runtime`, `train_loss`, `total_flos`…), which is one number per run, not a curve: it
 * goes to the run's notes and to `info.summary`. Every curve has x = `step`.
 *
 * Legacy states (transformers < 4.3x) lack `logging_steps`, `eval_steps`, `best_global_step`,
 * `grad_norm`; all of those are optional here.
 */
import type { CurveRun, CurveSet, ParseIssue } from '../../model';
import { classifyCell } from '../cells';
import { getOwn, isJsonObject, parseJsonTolerant, type JsonObject, type JsonValue } from '../json';
import { flattenParams } from '../runs/config';
import { SeriesMap, emptyRun } from './series';

export interface TrainerStateInfo {
  globalStep: number | null;
  maxSteps: number | null;
  numTrainEpochs: number | null;
  /** Epoch reached (fractional). */
  epoch: number | null;
  loggingSteps: number | null;
  evalSteps: number | null;
  saveSteps: number | null;
  trainBatchSize: number | null;
  bestMetric: number | null;
  bestModelCheckpoint: string | null;
  bestGlobalStep: number | null;
  /** Numbers of the final summary entry: train_runtime, train_loss, total_flos… */
  summary: Record<string, number>;
  trainEntries: number;
  evalEntries: number;
  /** False when log_history holds no training or evaluation entry (only the summary, or nothing). */
  hasPerStepData: boolean;
}

export interface TrainerStateResult {
  curves: CurveSet;
  issues: ParseIssue[];
  /** Null when the file could not be read as a trainer state. */
  info: TrainerStateInfo | null;
}

/** Keys of the final summary entry that only it has. */
const SUMMARY_KEYS = ['train_runtime', 'train_loss', 'total_flos', 'train_samples_per_second'];
/** Prefixes of evaluation entries (`metric_key_prefix` defaults to "eval"). */
const EVAL_KEY = /^(?:eval|test|validation|val)_/;
/** Throughput and timing numbers: logged beside eval metrics, not training quality. */
const THROUGHPUT_KEY = /_(?:runtime|samples_per_second|steps_per_second)$/;

export function readTrainerState(
  text: string,
  fileName: string,
  runId: string,
): TrainerStateResult {
  const issues: ParseIssue[] = [];
  const empty: CurveSet = { runs: [], curves: [] };
  const parsed = parseJsonTolerant(text, fileName);
  if ('error' in parsed) return { curves: empty, issues: [parsed.error], info: null };
  const root = parsed.value;
  const history = isJsonObject(root) ? getOwn(root, 'log_history') : undefined;
  if (!isJsonObject(root) || !Array.isArray(history)) {
    issues.push({
      code: 'unsupported-format',
      severity: 'error',
      file: fileName,
      message:
        'This is not a Hugging Face trainer_state.json: it has no "log_history" list at the top level.',
    });
    return { curves: empty, issues, info: null };
  }

  const info: TrainerStateInfo = {
    globalStep: num(root, 'global_step'),
    maxSteps: num(root, 'max_steps'),
    numTrainEpochs: num(root, 'num_train_epochs'),
    epoch: num(root, 'epoch'),
    loggingSteps: num(root, 'logging_steps'),
    evalSteps: num(root, 'eval_steps'),
    saveSteps: num(root, 'save_steps'),
    trainBatchSize: num(root, 'train_batch_size'),
    bestMetric: num(root, 'best_metric'),
    bestModelCheckpoint: str(root, 'best_model_checkpoint'),
    bestGlobalStep: num(root, 'best_global_step'),
    summary: {},
    trainEntries: 0,
    evalEntries: 0,
    hasPerStepData: false,
  };

  const series = new SeriesMap();
  const run: CurveRun = emptyRun(runId, fileName);
  series.addRun(runId);
  let summaries = 0;
  let noStep = 0;

  history.forEach((entry, index) => {
    if (!isJsonObject(entry)) {
      issues.push({
        code: 'unsupported-format',
        severity: 'warning',
        file: fileName,
        message: `log_history[${index}] is not an object; it was skipped.`,
      });
      return;
    }
    if (isSummary(entry)) {
      summaries++;
      for (const key of Object.keys(entry)) {
        if (key === 'step' || key === 'epoch') continue;
        const v = toNumber(entry[key]);
        if (v !== null) info.summary[key] = v;
      }
      return;
    }
    const step = toNumber(getOwn(entry, 'step'));
    if (step === null || Number.isNaN(step)) {
      noStep++;
      return;
    }
    const isEval = Object.keys(entry).some((k) => EVAL_KEY.test(k));
    if (isEval) info.evalEntries++;
    else info.trainEntries++;
    for (const key of Object.keys(entry)) {
      if (key === 'step' || THROUGHPUT_KEY.test(key)) continue;
      const value = toNumber(entry[key]);
      if (value === null) continue;
      const s = series.get(runId, key);
      // Eval entries repeat the epoch of the train entry logged at the same step.
      if (key === 'epoch' && s.lastStep() === step) continue;
      s.push(step, value);
    }
  });
  info.hasPerStepData = info.trainEntries + info.evalEntries > 0;

  if (noStep > 0) {
    issues.push({
      code: 'unsupported-format',
      severity: 'warning',
      file: fileName,
      message: `${noStep} log_history ${noStep === 1 ? 'entry has' : 'entries have'} no "step"; ${noStep === 1 ? 'it was' : 'they were'} skipped.`,
    });
  }

  run.plannedSteps = positive(info.maxSteps);
  run.plannedEpochs = positive(info.numTrainEpochs);
  const trialParams = getOwn(root, 'trial_params');
  if (isJsonObject(trialParams)) run.params = flattenParams(trialParams);
  // The batch size is a hyperparameter, and with max_steps it tells how much data was seen.
  if (info.trainBatchSize !== null && !Object.hasOwn(run.params, 'train_batch_size'))
    run.params.train_batch_size = info.trainBatchSize;
  run.notes = notesFor(info, history.length, summaries);
  return { curves: { runs: [run], curves: series.curves() }, issues, info };
}

function notesFor(info: TrainerStateInfo, entries: number, summaries: number): string[] {
  const notes: string[] = [];
  if (!info.hasPerStepData) {
    const why =
      entries === 0
        ? 'log_history is empty'
        : 'log_history holds only the final summary, not one training log';
    const budget = info.maxSteps ?? info.globalStep;
    const hint =
      info.loggingSteps !== null && budget !== null && info.loggingSteps > budget
        ? ` (logging_steps ${info.loggingSteps} > max_steps ${budget}, so no step was ever logged)`
        : '';
    notes.push(`no per-step data: ${why}${hint}.`);
  }
  const progress: string[] = [];
  if (info.globalStep !== null)
    progress.push(
      `global_step ${info.globalStep}${info.maxSteps !== null ? ` of max_steps ${info.maxSteps}` : ''}`,
    );
  if (info.epoch !== null)
    progress.push(
      `epoch ${round(info.epoch)}${info.numTrainEpochs !== null ? ` of ${info.numTrainEpochs}` : ''}`,
    );
  if (progress.length > 0) notes.push(`trainer_state: ${progress.join(', ')}.`);
  const cadence: string[] = [];
  if (info.loggingSteps !== null) cadence.push(`logging_steps ${info.loggingSteps}`);
  if (info.evalSteps !== null) cadence.push(`eval_steps ${info.evalSteps}`);
  if (info.saveSteps !== null) cadence.push(`save_steps ${info.saveSteps}`);
  if (info.trainBatchSize !== null) cadence.push(`train_batch_size ${info.trainBatchSize}`);
  if (cadence.length > 0) notes.push(`${cadence.join(', ')}.`);
  if (info.evalEntries === 0 && info.hasPerStepData) {
    const budget = info.maxSteps ?? info.globalStep;
    const why =
      info.evalSteps !== null && budget !== null && info.evalSteps > budget
        ? ` (eval_steps ${info.evalSteps} > max_steps ${budget})`
        : '';
    notes.push(`no evaluation in log_history${why}: overfitting cannot be judged from this log.`);
  }
  const summaryKeys = Object.keys(info.summary);
  if (summaryKeys.length > 0) {
    const parts = summaryKeys.map((k) => `${k} ${round(info.summary[k])}`);
    notes.push(
      `final summary (not a curve${summaries > 1 ? `; ${summaries} summary entries, the last kept` : ''}): ${parts.join(', ')}.`,
    );
  }
  if (info.bestModelCheckpoint !== null || info.bestMetric !== null) {
    const name = info.bestModelCheckpoint?.split(/[\\/]/).filter(Boolean).pop() ?? 'unknown';
    const extra: string[] = [];
    if (info.bestMetric !== null) extra.push(`best_metric ${round(info.bestMetric)}`);
    if (info.bestGlobalStep !== null) extra.push(`best_global_step ${info.bestGlobalStep}`);
    notes.push(`best_model_checkpoint ${name}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}.`);
  }
  return notes;
}

function isSummary(entry: JsonObject): boolean {
  if (Object.prototype.hasOwnProperty.call(entry, 'loss')) return false;
  return SUMMARY_KEYS.some((k) => Object.prototype.hasOwnProperty.call(entry, k));
}

/** Numbers, NaN/±Infinity (tolerant JSON) and numeric strings ("nan" from some writers). */
function toNumber(value: JsonValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const cell = classifyCell(value, false);
    if (cell.kind === 'number') return cell.value;
    if (cell.kind === 'nan') return NaN;
  }
  return null;
}

function num(obj: JsonObject, key: string): number | null {
  const v = getOwn(obj, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(obj: JsonObject, key: string): string | null {
  const v = getOwn(obj, key);
  return typeof v === 'string' ? v : null;
}

function positive(v: number | null): number | null {
  return v !== null && v > 0 ? v : null;
}

function round(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toPrecision(3);
  return String(Number(v.toPrecision(4)));
}
