/** Reads a CSV like the worker does, adapts it, and infers roles the way analyze will. */
import { inferRoles } from '../../../../src/lib/analysis/roles';
import { adaptTable } from '../../../../src/lib/ingest/tables';
import type { ColumnRole, Dataset, Role } from '../../../../src/lib/model';
import { readBytes, readText } from '../helpers';

export interface Adapted {
  dataset: Dataset;
  roles: ColumnRole[];
  role(column: string): Role;
  columnsWith(kind: Role['kind']): string[];
}

export function withRoles(dataset: Dataset): Adapted {
  const roles = inferRoles(dataset.table, dataset.roleHints ?? {});
  const byName = new Map(roles.map((r) => [r.column, r.role]));
  return {
    dataset,
    roles,
    role: (column) => {
      const role = byName.get(column);
      if (!role) throw new Error(`no column ${column}: ${[...byName.keys()].join(', ')}`);
      return role;
    },
    columnsWith: (kind) => roles.filter((r) => r.role.kind === kind).map((r) => r.column),
  };
}

export async function adaptText(text: string, name = 'export.csv'): Promise<Adapted> {
  return withRoles(adaptTable(await readText(text, name)));
}

export async function adaptBytes(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<Adapted> {
  return withRoles(adaptTable(await readBytes(bytes, name)));
}
