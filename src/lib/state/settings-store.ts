/**
 * The last-used detector settings, kept in localStorage: what a *new* analysis starts with.
 * Each notebook keeps its own settings in its document (IndexedDB, see workspace.svelte.ts);
 * this stays in localStorage because the session needs it synchronously before the first
 * load and it must work when IndexedDB is unavailable.
 */
import type { SettingsOverrides } from '../worker/protocol';
import { plainOverrides } from '../worker/settings';

/** Where the last-used detector settings are kept between visits. */
export const SETTINGS_STORAGE_KEY = 'hpi.detector-settings.v1';

/** The part of `Storage` the session uses; tests pass a fake. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function defaultStorage(): SettingsStorage | null {
  try {
    // Reading `localStorage` throws where storage is blocked (sandboxed frames, some privacy modes).
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The stored overrides, or null for missing, unreadable or garbage storage. */
export function readStoredSettings(storage: SettingsStorage | null): SettingsOverrides | null {
  try {
    const text = storage?.getItem(SETTINGS_STORAGE_KEY);
    return text ? plainOverrides(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

/** Stores the overrides (null clears them); a full or blocked storage only loses persistence. */
export function writeStoredSettings(
  storage: SettingsStorage | null,
  overrides: SettingsOverrides | null,
): void {
  try {
    if (overrides) storage?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(overrides));
    else storage?.removeItem(SETTINGS_STORAGE_KEY);
  } catch {
    // The settings still apply to this visit.
  }
}
