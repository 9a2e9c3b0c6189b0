/**
 * MLflow: the UI's "Download CSV" (fixed columns, then bare param, metric and tag names in sorted
 * blocks, every field quoted, injection-guarded cells) and pandas frames from
 * `mlflow.search_runs()` (`run_id`, `status`, `params.*`, `metrics.*`, `tags.*`).
 */
import type { Column } from '../../model';
import { durationsAsSeconds, isLabelColumn, isUniqueAndComplete, labelsAsNumbers } from './columns';
import {
  paramHint,
  ROLE,
  timeHint,
  type AdaptContext,
  type Plan,
  type PlannedColumn,
} from './plan';
import { sortedBlocks } from './sections';

const UI_FIXED = new Set([
  'Start Time',
  'Duration',
  'Run ID',
  'Name',
  'Source Type',
  'Source Name',
  'User',
  'Status',
  'Version',
  'Models',
  'Dataset',
]);

/**
 * The UI prefixes cells starting with `-`, `=`, `+` or `@` with `'` so spreadsheets do not run
 * them as formulas; `'-1` is the number -1.
 */
function unguard(column: Column, decimalComma: boolean): Column {
  if (!isLabelColumn(column) || !column.labels.some((l) => /^'[-=+@]/.test(l))) return column;
  const strip = (l: string) => (/^'[-=+@]/.test(l) ? l.slice(1) : l);
  return (
    labelsAsNumbers(column, decimalComma, strip) ?? { ...column, labels: column.labels.map(strip) }
  );
}

/** A readable run name is the better id, when it is unique; the hex run id otherwise. */
function pickId(columns: Column[], rowCount: number, nameCol: string, idCol: string): string {
  const name = columns.find((c) => c.name === nameCol);
  return name && isUniqueAndComplete(name, rowCount) ? nameCol : idCol;
}

export function planMlflowUi({ table, decimalComma }: AdaptContext): Plan {
  const id = pickId(table.columns, table.rowCount, 'Name', 'Run ID');
  const cleaned = table.columns.map((c) => unguard(c, decimalComma));
  const keys = cleaned.map((c) => c.name).filter((n) => !UI_FIXED.has(n));
  const blocks = sortedBlocks(keys, 3);
  const params = new Set(blocks && blocks.length >= 2 ? blocks[0] : []);
  const metrics = new Set(blocks && blocks.length >= 2 ? blocks[1] : []);
  const tags = new Set(blocks && blocks.length === 3 ? blocks[2] : []);
  const columns = cleaned.map((column): PlannedColumn => {
    const name = column.name;
    if (name === id) return { column, hint: ROLE.id, section: 'meta' };
    if (name === 'Status') return { column, hint: ROLE.status, section: 'meta' };
    if (name === 'Start Time') return { column, hint: timeHint(column), section: 'meta' };
    if (name === 'Duration') {
      const seconds = isLabelColumn(column) ? durationsAsSeconds(column) : null;
      return seconds
        ? { column: seconds, hint: ROLE.runtime, section: 'meta' }
        : { column, hint: ROLE.ignore, section: 'meta' };
    }
    if (UI_FIXED.has(name)) return { column, hint: ROLE.ignore, section: 'meta' };
    if (params.has(name)) return { column, hint: paramHint(column), section: 'config' };
    // Metric names are bare and their direction is unknown here: inference reads the names.
    if (metrics.has(name)) return { column, section: 'outcome' };
    if (tags.has(name)) return { column, hint: ROLE.ignore, section: 'meta' };
    return { column, section: 'unknown' };
  });
  const notes =
    params.size > 0
      ? [
          `${params.size} parameter and ${metrics.size} metric columns, told apart by their sorted blocks`,
        ]
      : ['parameter and metric columns could not be told apart, so their names decide'];
  return { columns, notes };
}

export function planMlflowSearchRuns({ table }: AdaptContext): Plan {
  const id = pickId(table.columns, table.rowCount, 'tags.mlflow.runName', 'run_id');
  const columns = table.columns.map((column, i): PlannedColumn => {
    const name = column.name;
    if (name === id) return { column, hint: ROLE.id, section: 'meta' };
    if (name === 'status') return { column, hint: ROLE.status, section: 'meta' };
    if (name === 'start_time' || name === 'end_time')
      return { column, hint: timeHint(column), section: 'meta' };
    if (name.startsWith('params.') && name.length > 7)
      return { column, rename: name.slice(7), hint: paramHint(column), section: 'config' };
    // Kept under `metrics.`: the prefix tells inference these are metrics even when the name
    // alone would not, and it still reads the direction from the words.
    if (name.startsWith('metrics.')) return { column, section: 'outcome' };
    if (
      name.startsWith('tags.') ||
      name === 'run_id' ||
      name === 'experiment_id' ||
      name === 'artifact_uri' ||
      name === 'lifecycle_stage' ||
      name === 'run_name' ||
      (i === 0 && (name === 'index' || name === 'Unnamed: 0'))
    )
      return { column, hint: ROLE.ignore, section: 'meta' };
    return { column, section: 'unknown' };
  });
  return { columns, notes: [] };
}
