/**
 * How much this site stores and whether the browser may evict it: the storage panel's state.
 * Browsers clear "best-effort" site data under storage pressure unless persistence was granted.
 */
import {
  requestPersistence,
  storageEstimate,
  type PersistenceState,
  type StorageEstimateResult,
} from '../persist';

/** The StorageManager calls, injectable for tests. */
export interface StorageApi {
  estimate: () => Promise<StorageEstimateResult | null>;
  persist: () => Promise<PersistenceState>;
}

const browserApi: StorageApi = {
  estimate: () => storageEstimate(),
  persist: () => requestPersistence(),
};

export class StorageInfo {
  /** Null: unknown (no StorageManager) or not asked yet. */
  estimate = $state.raw<StorageEstimateResult | null>(null);
  /** The outcome of the last "Keep data on this device"; null before it was pressed. */
  persistence = $state<PersistenceState | null>(null);
  readonly #api: StorageApi;

  constructor(api: StorageApi = browserApi) {
    this.#api = api;
  }

  async refresh(): Promise<void> {
    this.estimate = await this.#api.estimate();
  }

  async keep(): Promise<PersistenceState> {
    this.persistence = await this.#api.persist();
    return this.persistence;
  }

  /** One sentence for the outcome of keep(). */
  get persistenceText(): string | null {
    switch (this.persistence) {
      case 'granted':
        return 'Granted: the browser will not clear these notebooks to free space.';
      case 'denied':
        return 'Not granted: the browser may clear saved notebooks under storage pressure. Export the important ones to files.';
      case 'unsupported':
        return 'This browser cannot promise to keep the data: it may clear it under storage pressure.';
      default:
        return null;
    }
  }
}
