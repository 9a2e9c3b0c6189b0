/**
 * What a metric's name says about the values it can take, for the range and plausibility checks
 * (out of range, at chance, too good, collapsed). Only names are read here; scales are decided
 * from the values (see `scaleOf`).
 */
import type { NumberColumn } from '../../model';
import type { MetricRole } from '../context';
import { parseName } from '../names';
import { quantilesUnsorted } from '../stats';

export type MetricKind =
  /** Accuracy-like: in [0, 1], or [0, 100] on a percent scale. */
  | 'bounded'
  /** Cross-entropy, NLL, log loss: never negative. */
  | 'cross-entropy'
  /** A loss of unknown kind: cross-entropy and MSE are never negative, GAN or RL objectives can be. */
  | 'loss'
  /** MSE, MAE, WER, error rates: never negative. */
  | 'error'
  /** exp(cross-entropy): at least 1. */
  | 'perplexity'
  /** An objective or score whose kind and direction the name does not give (Optuna's `value`). */
  | 'objective'
  | 'other';

const CROSS_ENTROPY_WORDS = new Set(['nll', 'xent', 'crossentropy', 'logloss', 'bce', 'ce']);
const ERROR_WORDS = new Set(
  'mse rmse mae msle rmsle mape smape wer cer brier error err errors'.split(' '),
);
const BOUNDED_WORDS = new Set(
  'acc accuracy top1 top5 f1 fscore fbeta precision recall auc auroc roc iou miou dice jaccard specificity sensitivity'.split(
    ' ',
  ),
);
const PERPLEXITY_WORDS = new Set(['perplexity', 'ppl']);

export function metricKind(name: string, role: MetricRole): MetricKind {
  const tokens = parseName(name).tokens;
  const joined = tokens.join('_');
  const has = (words: Set<string>) => tokens.some((t) => words.has(t));
  if (has(PERPLEXITY_WORDS)) return 'perplexity';
  if (has(CROSS_ENTROPY_WORDS) || /cross_?entropy|log_?loss/.test(joined)) return 'cross-entropy';
  if (has(ERROR_WORDS)) return 'error';
  if (role.family === 'loss') return 'loss';
  if (role.family === 'accuracy' || has(BOUNDED_WORDS)) return 'bounded';
  if (/^(value|values_\d+|objective)$/.test(joined)) return 'objective';
  if (tokens.includes('score') && role.direction === 'max') return 'objective';
  return 'other';
}

/** Accuracy-like metrics that count how often the model is right (chance applies to these). */
export function isAccuracyName(name: string, role: MetricRole): boolean {
  const tokens = parseName(name).tokens;
  return role.family === 'accuracy' || tokens.includes('top1') || tokens.includes('top5');
}

/** `top5_acc`: right when the label is among 5 guesses, so chance is 5 / classes. */
export function topK(name: string): number {
  const tokens = parseName(name).tokens;
  const top = tokens.find((t) => /^top\d+$/.test(t));
  return top ? Number(top.slice(3)) || 1 : 1;
}

/** Per-fold columns (`split0_test_score`): small folds tie and hit 1.0 by chance. */
export function isPerFoldName(name: string): boolean {
  return parseName(name).tokens.some((t) => /^(split|fold)\d+$/.test(t));
}

export interface ColumnScale {
  /** 1 for fractions, 100 for percentages. */
  upper: 1 | 100;
  median: number;
  min: number;
  max: number;
  count: number;
}

/**
 * The scale of a bounded metric from its values: percent when the median is above 1 (an
 * accuracy of 10.34 is 10.34%), fractions otherwise. Judging by the median keeps one broken
 * value (an accuracy of 1.5 among 0.8s) from turning the whole column into percentages.
 */
export function scaleOf(column: NumberColumn, rows: readonly number[]): ColumnScale | null {
  const values = new Float64Array(rows.length);
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows) {
    const v = column.values[row];
    if (!Number.isFinite(v)) continue;
    values[n++] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return null;
  const [median] = quantilesUnsorted(values.subarray(0, n), [0.5]);
  return { upper: median > 1 ? 100 : 1, median, min, max, count: n };
}

/**
 * Significant digits of a logged number, after rounding away float noise at 12 digits
 * (0.9400000000000001 has 2, 0.11250000224977508 has 11).
 */
export function significantDigits(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v === 0 ? 1 : 0;
  const text = Math.abs(Number(v.toPrecision(12))).toExponential();
  const mantissa = text.slice(0, text.indexOf('e')).replace('.', '');
  return mantissa.replace(/0+$/, '').length || 1;
}

/**
 * Logged at full precision: two independent runs landing on the same such value by chance is
 * practically impossible, so a tie means the runs produced the same result.
 */
export const FINE_DIGITS = 9;

export function isFinePrecision(v: number): boolean {
  return significantDigits(v) >= FINE_DIGITS;
}
