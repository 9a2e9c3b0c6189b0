/**
 * The W&B runs-table CSV export: fixed columns (`Name`, `State`, `Notes`, `User`, `Tags`, `Created`,
 * `Runtime`, `Sweep`, …) then config keys and summary keys, both as bare names.
 */
import { isUniqueAndComplete } from './columns';
import { ROLE, timeHint, type AdaptContext, type Plan, type PlannedColumn } from './plan';
import { sortedBlocks } from './sections';

const META = new Set([
  'Notes',
  'User',
  'Tags',
  'Sweep',
  'Group',
  'Job Type',
  'Hostname',
  'Host',
  'Commit',
  'GitHub',
  'Command',
  'Description',
  'GPU Type',
  'GPU Count',
  'ID',
]);

export function planWandb({ table }: AdaptContext): Plan {
  const fixed = new Set(['Name', 'State', 'Created', 'Runtime', 'End Time', ...META]);
  const keys = table.columns.map((c) => c.name).filter((n) => !fixed.has(n));
  // Two sorted blocks: config keys, then summary keys. With no visible drop the split is unknown.
  const blocks = sortedBlocks(keys, 2);
  const config = new Set(blocks && blocks.length === 2 ? blocks[0] : []);
  const summary = new Set(blocks && blocks.length === 2 ? blocks[1] : []);
  const notes: string[] = [];
  const columns = table.columns.map((column): PlannedColumn => {
    const name = column.name;
    // Run names are usually unique, but W&B lets them repeat; a repeated name cannot be the id.
    if (name === 'Name') {
      if (isUniqueAndComplete(column, table.rowCount))
        return { column, hint: ROLE.id, section: 'meta' };
      notes.push('run names repeat, so they are not used as the run id');
      return { column, hint: ROLE.ignore, section: 'meta' };
    }
    if (name === 'State') return { column, hint: ROLE.status, section: 'meta' };
    if (name === 'Created' || name === 'End Time')
      return { column, hint: timeHint(column), section: 'meta' };
    if (name === 'Runtime')
      return {
        column,
        hint: column.kind === 'number' ? ROLE.runtime : ROLE.ignore,
        section: 'meta',
      };
    if (META.has(name)) return { column, hint: ROLE.ignore, section: 'meta' };
    // Bare config and summary names are left to name-based inference.
    return {
      column,
      section: config.has(name) ? 'config' : summary.has(name) ? 'outcome' : 'unknown',
    };
  });
  if (config.size > 0)
    notes.push(`config keys (${config.size}) come before summary keys (${summary.size})`);
  return { columns, notes };
}
