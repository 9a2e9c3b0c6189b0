/** SourceInfo of a multi-file load: what each file was, why, and every reader's issues. */
import type { CurveSet, Dataset, SourceFile, SourceFormat, SourceInfo } from '../../model';
import type { FileRead } from './types';

/** "lora-sweep (16 files)"; "3 files" when the inputs share no top folder. */
export function loadName(paths: readonly string[]): string {
  const n = paths.length;
  const tops = new Set(paths.map((p) => p.split(/[\\/]+/).filter(Boolean)[0] ?? p));
  const nested = paths.every((p) => /[\\/]/.test(p.replace(/^[\\/]+/, '')));
  if (n === 1) return paths[0];
  if (tops.size === 1 && nested) return `${[...tops][0]} (${n} files)`;
  return `${n} files`;
}

const KIND_NAMES: Record<SourceFile['kind'], string> = {
  'event-file': 'TensorBoard event file',
  'trainer-state': 'trainer_state.json',
  'curve-csv': 'curve CSV',
  'sweep-csv': 'sweep table',
  config: 'config file',
  'eval-report': 'evaluation report',
  skipped: 'skipped file',
};

/** "14 TensorBoard event files, 4 config files and 2 skipped files". */
export function countKinds(files: readonly SourceFile[]): string {
  const counts = new Map<SourceFile['kind'], number>();
  for (const f of files) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => `${n} ${KIND_NAMES[kind]}${n === 1 ? '' : 's'}`);
  return parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function formatReason(
  format: SourceFormat,
  files: readonly SourceFile[],
  curves: CurveSet | null,
  table: Dataset | null,
  joinColumn: string | null,
): string {
  const runs = curves?.runs.length ?? 0;
  const logs = `training logs of ${runs} run${runs === 1 ? '' : 's'} (${countKinds(files)})`;
  if (format === 'curve-logs')
    return `${logs}; the run table is derived from the curves: one row per run, with hyperparameters from folder names and config files and the final value of each metric`;
  const rows = table?.table.rowCount ?? 0;
  const name = table?.source.file ?? 'the sweep table';
  if (format === 'sweep-with-curves')
    return (
      `the sweep table ${name} (${rows} rows) joined with ${logs}` +
      (joinColumn !== null
        ? `; runs are matched to rows by column \`${joinColumn}\``
        : '; no column of the table names the runs')
    );
  return `${table?.source.formatReason ?? 'a sweep table'} (${countKinds(files)})`;
}

export function buildSourceInfo(
  paths: readonly string[],
  reads: readonly FileRead[],
  format: SourceFormat,
  reason: string,
  dataset: Pick<Dataset, 'table'>,
  table: Dataset | null,
): SourceInfo {
  const csvs = reads.filter((r) => r.file.kind === 'sweep-csv' || r.file.kind === 'curve-csv');
  return {
    file: loadName(paths),
    bytes: reads.reduce((n, r) => n + r.file.bytes, 0),
    format,
    files: reads.map((r) => r.file),
    formatReason: reason,
    // A dialect describes one CSV; with several CSVs there is no single answer.
    dialect: csvs.length === 1 ? csvs[0].dialect : null,
    rows: dataset.table.rowCount,
    columns: dataset.table.columns.length,
    issues: reads.flatMap((r) => r.issues),
    quarantined: table?.source.quarantined ?? [],
    quarantinedCount: table?.source.quarantinedCount ?? 0,
  };
}
