/**
 * The session's detector thresholds: the schema the worker sent, the values in use, the values of
 * the summary on screen (restored on cancel), localStorage persistence and the debounce timer.
 * The session decides when an analysis runs; this class only keeps the settings consistent.
 */
import type { DetectorSettings } from '../model';
import type { SettingsOverrides, SettingsSchema, SettingValue } from '../worker/protocol';
import {
  getSetting,
  isValidSetting,
  mergeSettings,
  sameSettings,
  settingsDiff,
  withSetting,
} from '../worker/settings';
import { readStoredSettings, writeStoredSettings, type SettingsStorage } from './settings-store';

/** What `update` did: refused an invalid value, found it already set, or changed it. */
export type SettingUpdate = 'invalid' | 'unchanged' | 'changed';

export class SessionSettings {
  /** Every detector threshold with default and rationale; known after the first load. */
  schema = $state.raw<SettingsSchema | null>(null);
  /** The thresholds the analysis runs with (complete once the schema is known); null before. */
  values = $state.raw<DetectorSettings | null>(null);
  /** How many thresholds differ from their defaults. */
  readonly changed: number = $derived.by(() => {
    const schema = this.schema;
    const values = this.values;
    if (!schema || !values) return 0;
    const diff = settingsDiff(schema, values);
    return Object.values(diff).reduce((n, group) => n + Object.keys(group).length, 0);
  });

  /** Settings of the summary on screen, restored when a re-analysis is cancelled. */
  #applied: DetectorSettings | null = null;
  readonly #storage: SettingsStorage | null;
  /** Values read from storage, sent with the first load before the schema can check them. */
  #stored: SettingsOverrides | null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(storage: SettingsStorage | null) {
    this.#storage = storage;
    this.#stored = readStoredSettings(storage);
  }

  /** Complete settings once the schema is known, else whatever storage held (the worker checks it). */
  toSend(): DetectorSettings | SettingsOverrides | undefined {
    return this.values ?? this.#stored ?? undefined;
  }

  /** The thresholds the next load runs with (null: the defaults), checked once the schema is known. */
  use(overrides: SettingsOverrides | null): void {
    this.#stored = overrides;
    this.values = this.schema ? mergeSettings(this.schema, overrides ?? {}) : null;
  }

  /** Sets one threshold if its field accepts the value; a change is stored at once. */
  update(section: string, key: string, value: SettingValue): SettingUpdate {
    const schema = this.schema;
    const values = this.values;
    const field = schema?.sections
      .find((s) => s.key === section)
      ?.fields.find((f) => f.key === key);
    if (!schema || !values || !field || !isValidSetting(field, value)) return 'invalid';
    if (Object.is(getSetting(values, section, key), value)) return 'unchanged';
    this.values = withSetting(values, section, key, value);
    this.persist();
    return 'changed';
  }

  /** Every threshold back to its default; false when they already were (or nothing is known). */
  resetToDefaults(): boolean {
    const schema = this.schema;
    if (!schema || !this.values) return false;
    if (sameSettings(schema, this.values, schema.defaults)) return false;
    this.values = mergeSettings(schema, schema.defaults);
    this.persist();
    return true;
  }

  /** A load answered with the schema and what the worker used: stored values it accepted, defaults for the rest. */
  adoptLoaded(schema: SettingsSchema, used: DetectorSettings): void {
    this.schema = schema;
    this.values = mergeSettings(schema, used);
    this.#applied = this.values;
    this.persist();
  }

  /** An analysis answered: its settings are the ones on screen now. */
  noteAnalysed(used: DetectorSettings | undefined): void {
    if (used && this.schema) this.#applied = mergeSettings(this.schema, used);
  }

  /** A re-analysis was cancelled: back to the settings of the summary on screen. */
  restoreApplied(): void {
    if (this.#applied && this.values !== this.#applied) {
      this.values = this.#applied;
      this.persist();
    }
  }

  /** Runs `run` after `delayMs` of quiet, replacing any pending run. */
  schedule(delayMs: number, run: () => void): void {
    this.clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      run();
    }, delayMs);
  }

  clearTimer(): void {
    if (this.#timer === null) return;
    clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Keeps only the values that differ from the defaults, so improved defaults still arrive. */
  persist(): void {
    const schema = this.schema;
    if (!schema || !this.values) return;
    const diff = settingsDiff(schema, this.values);
    this.#stored = Object.keys(diff).length > 0 ? diff : null;
    writeStoredSettings(this.#storage, this.#stored);
  }
}
