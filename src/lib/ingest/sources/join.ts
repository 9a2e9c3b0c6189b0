/**
 * Sweep CSV + logs: each log run is matched to a row of the sweep table through the text or
 * category column whose values name the most runs, exactly or after normalising (case, and
 * `-` `_` `.` spaces as one separator: `run_2` matches `Run-2`).
 */
import type { CurveSet, ParseIssue, RunTable } from '../../model';

export interface JoinResult {
  curveRows: Int32Array;
  /** The column used, or null when no column names any run. */
  column: string | null;
  matched: number;
}

export function normaliseRunName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.\s/]+/g, '_');
}

export function joinRuns(table: RunTable, set: CurveSet): JoinResult {
  const ids = set.runs.map((r) => r.runId);
  let best: JoinResult = {
    curveRows: new Int32Array(ids.length).fill(-1),
    column: null,
    matched: 0,
  };
  let bestExact = 0;
  for (const column of table.columns) {
    if (column.kind !== 'text' && column.kind !== 'category') continue;
    const exact = new Map<string, number>();
    const loose = new Map<string, number>();
    for (let row = 0; row < column.codes.length; row++) {
      const code = column.codes[row];
      if (code < 0) continue;
      const label = column.labels[code].trim();
      if (!exact.has(label)) exact.set(label, row);
      const key = normaliseRunName(label);
      if (!loose.has(key)) loose.set(key, row);
    }
    const curveRows = new Int32Array(ids.length).fill(-1);
    let matched = 0;
    let exactMatches = 0;
    ids.forEach((id, i) => {
      const row = exact.get(id) ?? loose.get(normaliseRunName(id));
      if (row === undefined) return;
      curveRows[i] = row;
      matched++;
      if (exact.has(id)) exactMatches++;
    });
    if (matched > best.matched || (matched === best.matched && exactMatches > bestExact)) {
      best = { curveRows, column: column.name, matched };
      bestExact = exactMatches;
    }
  }
  return best;
}

const MAX_LISTED = 8;

/** "N of M log runs matched a row of sweep.csv by column `x`; unmatched: …". */
export function joinIssue(result: JoinResult, set: CurveSet, tableFile: string): ParseIssue | null {
  const total = set.runs.length;
  if (total === 0) return null;
  const unmatched = set.runs.filter((_, i) => result.curveRows[i] < 0).map((r) => r.runId);
  const listed =
    unmatched.slice(0, MAX_LISTED).join(', ') +
    (unmatched.length > MAX_LISTED ? `, and ${unmatched.length - MAX_LISTED} more` : '');
  const message =
    result.column === null
      ? `0 of ${total} log runs matched a row of ${tableFile}: no text column of the table holds the run names (${listed}). The curves are shown, but not linked to trials.`
      : `${result.matched} of ${total} log runs matched a row of ${tableFile} by column \`${result.column}\`` +
        (unmatched.length > 0 ? `; unmatched: ${listed}.` : '.');
  return { code: 'unsupported-format', severity: 'warning', file: tableFile, message };
}
