/**
 * Sweep-table export adapters: recognise which tool wrote a table, rename its prefixed columns,
 * clean cells the exporter mangled, and state the roles the format defines as hints.
 * Pure: takes what readCsv produced and returns a new Dataset; the input is left untouched, so keep
 * it to re-adapt when the user picks another format (`adaptTableAs`).
 */
import type { Dataset, TableFormatId } from '../../model';
import { detectTableFormat, TABLE_FORMAT_LABELS, type DetectedFormat } from './detect';
import { planMlflowSearchRuns, planMlflowUi } from './mlflow';
import { planOptuna, planOptunaDashboard } from './optuna';
import { finalize, type AdaptContext, type Plan } from './plan';
import { planRayProgress, planRayTune } from './ray';
import { planSklearnCv } from './sklearn';
import { planWandb } from './wandb';

export { detectTableFormat, TABLE_FORMAT_LABELS, type DetectedFormat } from './detect';
export { parseDuration } from './columns';

const PLANNERS: Record<TableFormatId, (ctx: AdaptContext) => Plan> = {
  generic: ({ table }) => ({
    columns: table.columns.map((column) => ({ column, section: 'unknown' })),
    notes: [],
  }),
  optuna: planOptuna,
  'optuna-dashboard': planOptunaDashboard,
  wandb: planWandb,
  'mlflow-ui': planMlflowUi,
  'mlflow-search-runs': planMlflowSearchRuns,
  'ray-tune': planRayTune,
  'ray-progress': planRayProgress,
  'sklearn-cv': planSklearnCv,
};

/** Detects the exporting tool from the header and adapts the table to it. */
export function adaptTable(dataset: Dataset): Dataset {
  const names = dataset.table.columns.map((c) => c.name);
  return adapt(dataset, detectTableFormat(names, dataset.source.file));
}

/** Adapts the table as the format the user chose, whatever detection said. */
export function adaptTableAs(dataset: Dataset, id: TableFormatId): Dataset {
  const names = dataset.table.columns.map((c) => c.name);
  const detected = detectTableFormat(names, dataset.source.file);
  const reason =
    detected.id === id ? detected.reason : `you chose it (detected: ${detected.label})`;
  return adapt(dataset, { id, label: TABLE_FORMAT_LABELS[id], reason });
}

function adapt(dataset: Dataset, format: DetectedFormat): Dataset {
  const ctx: AdaptContext = {
    table: dataset.table,
    decimalComma: dataset.source.dialect?.decimal === ',',
  };
  const plan = PLANNERS[format.id](ctx);
  const { table, hints, renamed, folded } = finalize(plan, dataset.table);
  const notes = [...plan.notes];
  if (folded.length > 0) {
    notes.push(
      `${folded.length} column${folded.length === 1 ? ' is' : 's are'} empty or the same in every row and folded away`,
    );
  }
  const reason = [format.reason, ...notes].join('; ');
  return {
    ...dataset,
    table,
    // Hints the caller already had (none today) stay, the format's win on the same column.
    roleHints: { ...dataset.roleHints, ...hints },
    source: {
      ...dataset.source,
      tableFormat: { id: format.id, label: format.label, reason, renamed, folded },
    },
  };
}
