import { inferRoles } from '../../../../src/lib/analysis/roles';
import type { Dataset, Role } from '../../../../src/lib/model';

export { input, noHooks } from '../sources/helpers';

/** Column name → inferred role, with the dataset's stated hints, as analyze() sees them. */
export function rolesOf(ds: Dataset): Record<string, Role> {
  const roles = inferRoles(ds.table, {}, { roles: ds.roleHints ?? {}, statedBy: 'file' });
  return Object.fromEntries(roles.map((r) => [r.column, r.role]));
}
