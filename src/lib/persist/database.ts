/**
 * Opening the `hpi` database with an injectable IDBFactory (fake-indexeddb in tests) and the
 * multi-tab lifecycle turned into PersistErrors:
 * - `blocked`: we upgrade while another tab keeps an older connection open;
 * - `blocking` (a `versionchange` on our connection): another tab upgrades, so we close at once
 *   and stop saving ('version-change') rather than hold its upgrade up;
 * - `close` without our asking: the browser terminated the connection ('terminated').
 */
import { wrap } from 'idb';
import {
  blockedError,
  classify,
  describe,
  fail,
  migrationError,
  ok,
  unavailableError,
  type PersistError,
  type Result,
} from './errors';
import { DB_MIGRATIONS, DB_NAME, type HpiDb, type Migration, type UpgradeTx } from './schema';

export interface OpenOptions {
  /** Defaults to the page's `indexedDB`; absent there (disabled storage) → 'unavailable'. */
  factory?: IDBFactory;
  name?: string;
  /** Upgrade steps; the database version is their count. Tests pass longer lists. */
  migrations?: readonly Migration[];
  /** How long to wait for other tabs to let go before reporting 'blocked'. */
  blockedTimeoutMs?: number;
  /** Another tab opened a newer version; our connection is already closed. */
  onVersionChange?: () => void;
  /** The browser closed our connection (storage cleared, disk error). */
  onTerminated?: () => void;
}

export function openHpiDb(options: OpenOptions = {}): Promise<Result<HpiDb>> {
  const factory: IDBFactory | undefined = options.factory ?? globalThis.indexedDB;
  if (!factory) return Promise.resolve(fail(unavailableError('indexedDB is not defined')));
  const migrations = options.migrations ?? DB_MIGRATIONS;
  const version = migrations.length;
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(options.name ?? DB_NAME, version);
  } catch (e) {
    // Some private modes throw from open() itself.
    return Promise.resolve(fail(unavailableError(describe(e))));
  }

  return new Promise((resolve) => {
    let settled = false;
    let migrationFailure: PersistError | null = null;
    const finish = (result: Result<HpiDb>) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };

    request.onupgradeneeded = (event) => {
      const db = wrap(request.result) as unknown as HpiDb;
      const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTx;
      tx.done.catch(() => undefined); // the open request reports the outcome
      const from = event.oldVersion;
      const to = event.newVersion ?? version;
      void (async () => {
        let step = from;
        try {
          for (; step < to; step++) await migrations[step](db, tx);
        } catch (e) {
          // Aborting the upgrade transaction rolls every step back: the old database stays.
          migrationFailure = migrationError(from, to, `step ${step}→${step + 1}: ${describe(e)}`);
          try {
            tx.abort();
          } catch {
            // Already finished or aborted: the open request reports the failure either way.
          }
        }
      })();
    };

    request.onsuccess = () => {
      const raw = request.result;
      if (settled) {
        // We gave up waiting (blocked) and reported it; nobody will use this late connection.
        raw.close();
        return;
      }
      raw.onversionchange = () => {
        raw.close();
        options.onVersionChange?.();
      };
      raw.onclose = () => options.onTerminated?.();
      finish(ok(wrap(raw) as unknown as HpiDb));
    };

    request.onerror = (event) => {
      event.preventDefault();
      const error = request.error;
      if (migrationFailure) return finish(fail(migrationFailure));
      const name = error?.name ?? '';
      if (name === 'VersionError' || name === 'AbortError') {
        return finish(fail(classify(error, 'open')));
      }
      finish(fail(unavailableError(describe(error))));
    };

    request.onblocked = () => {
      setTimeout(() => finish(fail(blockedError())), options.blockedTimeoutMs ?? 2000);
    };
  });
}
