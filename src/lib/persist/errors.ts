/**
 * Storage faults as values. Every repository call returns a `Result`; nothing here throws a raw
 * DOMException at the app, because a failed save must be reported ("the previous version is
 * kept") and the app must keep working without storage.
 */

export type PersistErrorCode =
  | 'quota'
  | 'aborted'
  | 'blocked'
  | 'version-change'
  | 'terminated'
  | 'migration-failed'
  | 'newer-schema'
  | 'unavailable'
  | 'corrupt';

interface ErrorBase<C extends PersistErrorCode> {
  code: C;
  /** One or two sentences for the user: what happened, what was kept, what to do. */
  message: string;
  /** The underlying error's name and message, for the console and bug reports. */
  detail?: string;
}

export type PersistError =
  | (ErrorBase<'quota'> & {
      /** `updatedAt` of the version still in storage, or null when nothing was saved before. */
      previousSavedAt: number | null;
    })
  | ErrorBase<Exclude<PersistErrorCode, 'quota'>>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: PersistError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: PersistError): Result<T> => ({ ok: false, error });

/** What the failing call was doing: the message names it. */
export type Operation = 'save' | 'store-files' | 'load' | 'delete' | 'open' | 'read' | 'settings';

const WHAT: Record<Operation, string> = {
  save: 'the notebook was not saved',
  'store-files': "the notebook's data files were not stored",
  load: 'the notebook could not be read',
  delete: 'the notebook was not deleted',
  open: 'saved notebooks could not be opened',
  read: 'the stored data file could not be read',
  settings: 'the settings were not saved',
};

/** Local wall-clock time as HH:MM, the way the save indicator shows it. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function kept(previousSavedAt: number | null): string {
  return previousSavedAt === null
    ? 'nothing was saved before'
    : `the previous saved version (${clockTime(previousSavedAt)}) is kept`;
}

export function quotaError(
  op: Operation,
  previousSavedAt: number | null,
  detail?: string,
): PersistError {
  return {
    code: 'quota',
    previousSavedAt,
    message:
      `The browser's storage is full: ${WHAT[op]}; ${kept(previousSavedAt)}. ` +
      'Free space (delete old notebooks) or export the notebook to a file.',
    detail,
  };
}

export function unavailableError(detail?: string): PersistError {
  return {
    code: 'unavailable',
    message:
      'This browser does not allow saving (private window, or site storage is disabled). ' +
      'The app works, but notebooks are not kept: export them to a file.',
    detail,
  };
}

export function newerSchemaError(detail?: string): PersistError {
  return {
    code: 'newer-schema',
    message:
      'Your saved notebooks were saved by a newer version of the app (open in another tab?). ' +
      'Reload this page to get the newer version.',
    detail,
  };
}

export function versionChangeError(): PersistError {
  return {
    code: 'version-change',
    message:
      'A newer version of the app was opened in another tab, so this tab stopped saving. ' +
      'Reload this page to keep working with saved notebooks.',
  };
}

export function terminatedError(detail?: string): PersistError {
  return {
    code: 'terminated',
    message:
      'The browser closed the notebook storage (site data cleared, or disk trouble). ' +
      'Your current notebook is still open here: export it to a file to keep it.',
    detail,
  };
}

export function blockedError(): PersistError {
  return {
    code: 'blocked',
    message:
      'An older version of the app is open in another tab and blocks the storage upgrade. ' +
      'Close or reload the other tabs, then reload this one.',
  };
}

export function migrationError(from: number, to: number, detail?: string): PersistError {
  return {
    code: 'migration-failed',
    message:
      `Upgrading the saved notebooks (storage version ${from} → ${to}) failed, so nothing was ` +
      'changed and they stay as they were. Saving is off in this tab; export notebooks to files.',
    detail,
  };
}

export function corruptError(what: string, detail?: string): PersistError {
  return { code: 'corrupt', message: what, detail };
}

export function describe(e: unknown): string {
  if (e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException)) {
    return `${e.name}: ${e.message}`;
  }
  return String(e);
}

function errorName(e: unknown): string {
  return typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : '';
}

/**
 * Maps whatever IndexedDB threw (a DOMException, a transaction's `error`, an idb rejection)
 * to a PersistError. `previousSavedAt` feeds the quota message.
 */
export function classify(
  e: unknown,
  op: Operation,
  previousSavedAt: number | null = null,
): PersistError {
  const detail = describe(e);
  switch (errorName(e)) {
    case 'QuotaExceededError':
      return quotaError(op, previousSavedAt, detail);
    case 'VersionError':
      return newerSchemaError(detail);
    case 'SecurityError':
      return unavailableError(detail);
    case 'DataCloneError':
    case 'DataError':
      return corruptError(`The notebook holds data that cannot be stored: ${WHAT[op]}.`, detail);
    case 'InvalidStateError':
      return terminatedError(detail);
    default:
      return {
        code: 'aborted',
        message:
          `The browser cancelled the storage operation: ${WHAT[op]}; ${kept(previousSavedAt)}. ` +
          'Try again; if it keeps failing, export the notebook to a file.',
        detail,
      };
  }
}

/** Thrown inside an operation to return a specific PersistError instead of a classified one. */
export class PersistFailure extends Error {
  constructor(readonly error: PersistError) {
    super(error.message);
  }
}
