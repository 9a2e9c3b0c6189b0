/**
 * `restore()`: the one gate between stored or imported JSON and the app. It never throws; it
 * either returns a valid NotebookDocument plus the list of repairs it made (shown to the user,
 * so nothing changes silently) or an error naming why the value cannot be a notebook.
 * restore(restore(x).document) returns the same document with no repairs.
 */
import { NOTEBOOK_SCHEMA_VERSION, type NotebookDocument } from '../model';
import { DOC_MIGRATIONS, migrateDocument, type DocMigrations } from './doc-migrations';
import { newId } from './ids';
import { restoreCells } from './restore-cells';
import {
  detectorSettings,
  isFiniteNumber,
  isRecord,
  notebookSource,
  plainZero,
  roleOverrides,
  stringList,
} from './restore-fields';

export type RestoreResult = { document: NotebookDocument; repairs: string[] } | { error: string };

export interface RestoreOptions {
  migrations?: DocMigrations;
  /** Clock for missing timestamps. */
  now?: () => number;
}

export const NEWER_SCHEMA_MESSAGE = 'saved by a newer version of the app';

export function restore(value: unknown, options: RestoreOptions = {}): RestoreResult {
  try {
    return restoreUnsafe(value, options);
  } catch (e) {
    // Validators should not throw; this keeps a bug in one of them from crashing the tab.
    return { error: `The notebook could not be read: ${String(e)}` };
  }
}

function restoreUnsafe(value: unknown, options: RestoreOptions): RestoreResult {
  if (!isRecord(value)) return { error: 'This is not a notebook (expected a JSON object).' };
  const repairs: string[] = [];
  let raw = value;
  let version = raw.schemaVersion;
  if (!Number.isInteger(version)) {
    repairs.push(`schemaVersion missing or invalid, read as version ${NOTEBOOK_SCHEMA_VERSION}`);
    version = NOTEBOOK_SCHEMA_VERSION;
  }
  const from = version as number;
  if (from > NOTEBOOK_SCHEMA_VERSION) {
    return {
      error:
        `This notebook was ${NEWER_SCHEMA_MESSAGE} (format version ${from}; this app reads up ` +
        `to ${NOTEBOOK_SCHEMA_VERSION}). Update or reload the app to open it.`,
    };
  }
  if (from < NOTEBOOK_SCHEMA_VERSION) {
    const migrated = migrateDocument(raw, from, options.migrations ?? DOC_MIGRATIONS);
    if ('error' in migrated) return migrated;
    repairs.push(`upgraded from format version ${from} to ${NOTEBOOK_SCHEMA_VERSION}`);
    raw = migrated.doc;
  }

  const now = options.now ?? Date.now;
  let id = raw.id;
  if (typeof id !== 'string' || id === '') {
    id = newId('nb-');
    repairs.push('id: missing, a new one was made');
  }
  let title = raw.title;
  if (typeof title !== 'string') {
    title = 'Untitled notebook';
    repairs.push('title: missing, set to "Untitled notebook"');
  }
  let createdAt = raw.createdAt;
  if (!isFiniteNumber(createdAt)) {
    createdAt = now();
    repairs.push('createdAt: missing, set to now');
  }
  let updatedAt = raw.updatedAt;
  if (!isFiniteNumber(updatedAt)) {
    updatedAt = createdAt;
    repairs.push('updatedAt: missing, set to the creation time');
  }
  const document: NotebookDocument = {
    schemaVersion: NOTEBOOK_SCHEMA_VERSION,
    id: id as string,
    title: title as string,
    createdAt: plainZero(createdAt as number),
    updatedAt: plainZero(updatedAt as number),
    cells: restoreCells(raw.cells, repairs),
    source: notebookSource(raw.source, repairs),
    roleOverrides: roleOverrides(raw.roleOverrides, repairs),
    settings: detectorSettings(raw.settings, repairs),
    selectedRunIds:
      raw.selectedRunIds === undefined
        ? []
        : stringList(raw.selectedRunIds, repairs, 'selectedRunIds'),
  };
  return { document, repairs };
}
