/** The parts of a load that reports add: roles they state, the load's reason, unjoined notes. */
import type { CurveSet, Dataset, RoleOverrides, SourceFile } from '../../model';
import { countKinds } from './describe';
import type { FileRead } from './types';

/** Roles the report formats state (lm-eval's `exact_match` is higher-is-better, stderr no score). */
export function reportHints(reports: readonly FileRead[]): Pick<Dataset, 'roleHints'> {
  const roles: RoleOverrides = {};
  for (const r of reports)
    for (const [name, role] of Object.entries(r.report?.roles ?? {}))
      Object.defineProperty(roles, name, {
        value: role,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  return Object.keys(roles).length > 0 ? { roleHints: roles } : {};
}

export function reportReason(
  files: readonly SourceFile[],
  curves: CurveSet | null,
  runs: number,
): string {
  const what = `evaluation reports of ${runs} run${runs === 1 ? '' : 's'} (${countKinds(files)})`;
  return curves && curves.runs.length > 0
    ? `training logs and ${what}; the run table is derived from the curves (one row per run), and each report run joins the row of the same run id or adds one`
    : `${what}; the run table has one row per report run: its parameters and the metrics it states`;
}

/** With a sweep CSV the table is the CSV's; reports are read but not joined to it (yet). */
export function noteNotJoined(read: FileRead, tableFile: string): void {
  read.file.detail += `; not joined: the sweep table ${tableFile} is the run table`;
  read.issues.push({
    code: 'unsupported-format',
    severity: 'warning',
    file: read.file.path,
    message: `${read.file.path} is an evaluation report; its metrics are not joined with the sweep table ${tableFile}.`,
  });
  read.file.issues = read.issues.length;
}
