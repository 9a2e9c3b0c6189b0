/**
 * Storage quota and persistence. Browsers may evict a site's IndexedDB under storage pressure
 * unless the site asked for persistent storage; both calls degrade to "unknown" where the
 * StorageManager API is missing (older Safari, insecure contexts).
 */

export interface StorageEstimateResult {
  usage: number;
  quota: number;
}

type StorageLike = Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>;

function storageManager(nav: { storage?: Partial<StorageLike> } | undefined) {
  return nav?.storage;
}

export async function storageEstimate(
  nav: { storage?: Partial<StorageLike> } | undefined = globalThis.navigator,
): Promise<StorageEstimateResult | null> {
  const storage = storageManager(nav);
  if (typeof storage?.estimate !== 'function') return null;
  try {
    const { usage, quota } = await storage.estimate();
    return typeof usage === 'number' && typeof quota === 'number' ? { usage, quota } : null;
  } catch {
    return null;
  }
}

export type PersistenceState = 'granted' | 'denied' | 'unsupported';

/** Asks for persistent storage once; if already persisted, says so without asking. */
export async function requestPersistence(
  nav: { storage?: Partial<StorageLike> } | undefined = globalThis.navigator,
): Promise<PersistenceState> {
  const storage = storageManager(nav);
  if (typeof storage?.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}
