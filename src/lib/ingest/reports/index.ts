/**
 * Evaluation and fine-tuning report JSONs → runs: `readReport(text, fileName)` recognises the
 * layout from the parsed value (never from the file name alone, so a renamed file is still read)
 * and hands it to its adapter. Pure: no I/O, no model beyond the types.
 */
import { isJsonObject, parseJsonLines, parseJsonTolerant } from '../json';
import { isComparison, readComparison } from './comparison';
import { readGeneric } from './generic';
import { isHfResults, readHfResults } from './hf-results';
import { readJsonLines } from './json-lines';
import { isLmEval, readLmEval } from './lm-eval';
import { isTrackerExport, readTrackerExport } from './tracker';
import { isTrainingReport, readTrainingReport } from './training-report';
import type { ReportResult } from './types';

export { isPerRunJsonLines } from './json-lines';
export type { ReportKind, ReportParam, ReportResult, ReportRun } from './types';

const JSON_LINES = /\.(?:jsonl|ndjson)$/i;

export function readReport(text: string, fileName: string): ReportResult {
  if (JSON_LINES.test(fileName)) return readJsonLines(text, fileName);
  const parsed = parseJsonTolerant(text, fileName);
  if ('error' in parsed) {
    if (looksLikeJsonLines(text, fileName)) return readJsonLines(text, fileName);
    return {
      kind: 'invalid',
      label: 'invalid JSON',
      reason: parsed.error.message,
      runs: [],
      issues: [parsed.error],
      notUnderstood: [],
      roles: {},
    };
  }
  const value = parsed.value;
  if (isLmEval(value)) return readLmEval(value, fileName);
  if (isTrackerExport(value)) return readTrackerExport(value, fileName);
  if (isComparison(value)) return readComparison(value, fileName);
  if (isTrainingReport(value)) return readTrainingReport(value, fileName);
  if (isHfResults(value, fileName)) return readHfResults(value, fileName);
  return readGeneric(value, fileName);
}

/** A `.json` holding one object per line (a renamed .jsonl): every non-blank line parses. */
function looksLikeJsonLines(text: string, fileName: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  const { records, issues } = parseJsonLines(text, fileName);
  return issues.length === 0 && records.every((r) => isJsonObject(r.value));
}
