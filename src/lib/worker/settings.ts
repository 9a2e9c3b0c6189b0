/**
 * Detector settings as data: checking, merging and diffing them against a `SettingsSchema`.
 * Generic over whatever sections and keys the schema lists (numbers, counts, booleans and
 * "automatic" numbers), so nothing here changes when a detector gains a threshold.
 * Pure and free of the analysis code: the worker and the page's state both use it.
 */
import { setOwn, type DetectorSettings } from '../model';
import type { SettingField, SettingsOverrides, SettingsSchema, SettingValue } from './protocol';

type Records = Record<string, Record<string, unknown>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function settingFields(schema: SettingsSchema): SettingField[] {
  return schema.sections.flatMap((s) => s.fields);
}

/** Whether `value` is a valid value for the field: the right type, finite, at least `min`. */
export function isValidSetting(field: SettingField, value: unknown): value is SettingValue {
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'optional-number':
      return value === null || validNumber(field, value);
    case 'integer':
      return validNumber(field, value) && Number.isInteger(value);
    default:
      return validNumber(field, value);
  }
}

function validNumber(field: SettingField, value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (field.min === undefined || value >= field.min)
  );
}

export function getSetting(
  settings: DetectorSettings | SettingsOverrides,
  section: string,
  key: string,
): SettingValue | undefined {
  const group = (settings as unknown as Records)[section];
  return isRecord(group) ? (group[key] as SettingValue | undefined) : undefined;
}

/**
 * Complete settings: each value of `candidate` that is valid for its field, the default for the
 * rest. Unknown sections and keys, wrong types and out-of-range numbers are dropped, so anything
 * (old storage, a hand-edited file, garbage) gives settings the detectors can run with.
 */
export function mergeSettings(schema: SettingsSchema, candidate: unknown): DetectorSettings {
  const given: Records = isRecord(candidate) ? (candidate as Records) : {};
  const out: Record<string, Record<string, SettingValue>> = {};
  for (const section of schema.sections) {
    const group = isRecord(given[section.key]) ? given[section.key] : {};
    out[section.key] = {};
    for (const field of section.fields) {
      const value = group[field.key];
      out[section.key][field.key] = isValidSetting(field, value) ? value : field.default;
    }
  }
  // Sections the schema does not describe (none today) keep their defaults.
  const defaults = schema.defaults as unknown as Records;
  for (const key of Object.keys(defaults))
    if (!(key in out)) out[key] = { ...(defaults[key] as Record<string, SettingValue>) };
  return out as unknown as DetectorSettings;
}

/** One value changed; the settings object is replaced, never mutated. */
export function withSetting(
  settings: DetectorSettings,
  section: string,
  key: string,
  value: SettingValue,
): DetectorSettings {
  const all = settings as unknown as Records;
  return { ...all, [section]: { ...all[section], [key]: value } } as unknown as DetectorSettings;
}

/** Only the values that differ from the defaults: what is worth storing. */
export function settingsDiff(
  schema: SettingsSchema,
  settings: DetectorSettings,
): SettingsOverrides {
  const diff: SettingsOverrides = {};
  for (const field of settingFields(schema)) {
    const value = getSetting(settings, field.section, field.key);
    if (value === undefined || Object.is(value, field.default)) continue;
    (diff[field.section] ??= {})[field.key] = value;
  }
  return diff;
}

export function sameSettings(
  schema: SettingsSchema,
  a: DetectorSettings,
  b: DetectorSettings,
): boolean {
  return settingFields(schema).every((f) =>
    Object.is(getSetting(a, f.section, f.key), getSetting(b, f.section, f.key)),
  );
}

/**
 * Plain `section → key → number | boolean | null` records out of anything (parsed storage),
 * before a schema is known to check the values against; null when nothing usable is left.
 */
export function plainOverrides(candidate: unknown): SettingsOverrides | null {
  if (!isRecord(candidate)) return null;
  const out: SettingsOverrides = {};
  for (const [section, group] of Object.entries(candidate)) {
    if (!isRecord(group)) continue;
    for (const [key, value] of Object.entries(group)) {
      const ok =
        value === null ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value));
      if (!ok) continue;
      if (!Object.hasOwn(out, section)) setOwn(out, section, {});
      setOwn(out[section], key, value);
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}
