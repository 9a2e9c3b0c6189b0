/**
 * Notebook *document* migrations (distinct from the database's upgrade steps): a document saved
 * at schemaVersion v goes through `DOC_MIGRATIONS[v]`, then `[v + 1]`, … up to
 * NOTEBOOK_SCHEMA_VERSION. Each step takes the previous shape as plain JSON and returns the next;
 * `restore()` validates only the final shape. Version 1 is the first released shape, so the
 * table is empty today; a step for 1 → 2 goes in at key 1.
 */
import { NOTEBOOK_SCHEMA_VERSION } from '../model';
import type { Plain } from './restore-fields';

export type DocMigration = (doc: Plain) => Plain;
export type DocMigrations = Readonly<Record<number, DocMigration>>;

export const DOC_MIGRATIONS: DocMigrations = {};

export type MigrationOutcome = { doc: Plain; steps: number } | { error: string };

export function migrateDocument(
  doc: Plain,
  from: number,
  migrations: DocMigrations = DOC_MIGRATIONS,
  to: number = NOTEBOOK_SCHEMA_VERSION,
): MigrationOutcome {
  let current = doc;
  for (let v = from; v < to; v++) {
    const step = migrations[v];
    if (!step)
      return { error: `No way to upgrade a notebook from format version ${v} to ${v + 1}.` };
    try {
      current = { ...step(current), schemaVersion: v + 1 };
    } catch (e) {
      return { error: `Upgrading the notebook from format version ${v} failed: ${String(e)}` };
    }
  }
  return { doc: current, steps: to - from };
}
