/**
 * Write transactions that are all-or-nothing even when our own code throws half-way: a request
 * that throws synchronously (quota, a value that cannot be cloned) would otherwise leave the
 * transaction to auto-commit the requests made before it.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { HpiSchema } from './schema';

type WriteTx = IDBPTransaction<HpiSchema, StoreNames<HpiSchema>[], 'readwrite'>;

/** Marks a request's promise as handled: the transaction's outcome is what we await. */
export function quiet<R>(request: Promise<R>): void {
  request.catch(() => undefined);
}

export function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // Already committed or aborted.
  }
}

/** Runs `body`, then waits for the commit; aborts everything if `body` throws. */
export async function commit(tx: WriteTx, body: () => void | Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    const name = typeof e === 'object' && e !== null && 'name' in e ? e.name : '';
    if (name === 'InvalidStateError' || name === 'TransactionInactiveError') {
      // The browser aborted the transaction under us (quota, I/O): its error is the cause.
      throw await tx.done.then(
        () => e,
        (cause: unknown) => cause,
      );
    }
    abortQuietly(tx);
    throw e;
  }
  await tx.done;
}

export function chunkRange(blobId: string): IDBKeyRange {
  return IDBKeyRange.bound([blobId, 0], [blobId, Infinity]);
}
