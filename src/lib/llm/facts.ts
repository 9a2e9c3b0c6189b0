/**
 * Everything the narrative may cite: every number in the summary (and in the deterministic
 * report's text), their ratio ↔ percentage forms, the run ids and the column names.
 */
import type { AnalysisSummary } from '../model/summary';
import { NumberSet, isNumberToken, parseWritten } from './numbers';
import { tokenize } from './tokens';
import { HYPERPARAMETER_WORDS } from './vocabulary';

export interface FactIndex {
  numbers: NumberSet;
  /** Run ids exactly as the data spells them. */
  runIds: ReadonlySet<string>;
  /** Column, parameter and metric names, normalised (see normaliseName). */
  names: ReadonlySet<string>;
  /**
   * Hyperparameter words (vocabulary.ts labels) the summary's own prose uses, e.g. advice to "add
   * gradient clipping": the narrative may repeat them although no column has that name.
   */
  mentioned: ReadonlySet<string>;
}

/** "Weight-Decay", "weight_decay", "weight decay" → "weight decay". */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[_\-.\s/]+/g, ' ')
    .trim();
}

export function collectFacts(
  summary: AnalysisSummary,
  extraTexts: readonly string[] = [],
): FactIndex {
  const numbers: number[] = [];
  const runIds = new Set<string>();
  const names = new Set<string>();

  const addNumber = (v: number) => {
    if (!Number.isFinite(v)) return;
    // A ratio may be written as a percentage and a percentage as a ratio.
    numbers.push(v, v * 100, v / 100);
  };
  const prose: string[] = [];
  const addText = (text: string) => {
    prose.push(text);
    for (const token of tokenize(text)) {
      if (!isNumberToken(token.text)) continue;
      const parsed = parseWritten(token.text);
      if (parsed) addNumber(parsed.value);
    }
  };
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'number') addNumber(value);
    else if (typeof value === 'string') {
      if (key === 'runIds' || key === 'runId') runIds.add(value);
      addText(value);
    } else if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(summary, '');

  for (const role of summary.roles) names.add(normaliseName(role.column));
  for (const name of [...summary.overview.params, ...summary.overview.metrics]) {
    names.add(normaliseName(name));
  }
  for (const run of summary.curves?.runs ?? []) {
    for (const param of Object.keys(run.params)) names.add(normaliseName(param));
  }
  const { overview } = summary;
  if (overview.trials > 0) {
    // Shares the deterministic report does not print but a narrative naturally writes.
    addNumber(overview.healthy / overview.trials);
    addNumber(overview.withIssues / overview.trials);
    for (const n of Object.values(overview.bySeverity)) addNumber(n / overview.trials);
  }
  for (const text of extraTexts) addText(text);
  const mentioned = new Set<string>();
  for (const word of HYPERPARAMETER_WORDS) {
    // `search` ignores the global flag and lastIndex of the shared patterns.
    if (prose.some((text) => text.search(word.pattern) >= 0)) mentioned.add(word.label);
  }
  return { numbers: new NumberSet(numbers), runIds, names, mentioned };
}
