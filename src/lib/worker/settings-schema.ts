/**
 * The settings schema sent to the page: derived from DEFAULT_SETTINGS, SETTING_RATIONALES and the
 * detector registry, so a new section or threshold shows up in the settings cell by itself.
 */
import { DEFAULT_SETTINGS, DETECTORS, SETTING_RATIONALES, SETTING_SECTIONS } from '../analysis';
import type { DetectorSettings } from '../model';
import type {
  SettingField,
  SettingKind,
  SettingsSchema,
  SettingsSection,
  SettingValue,
} from './protocol';

/** Words that make a whole-number threshold a count (edited in steps of 1, kept whole). */
const COUNT_WORDS = new Set([
  'count',
  'buckets',
  'bins',
  'trials',
  'runs',
  'configs',
  'configurations',
  'seeds',
  'repeats',
  'samples',
  'points',
  'classes',
  'values',
  'steps',
  'epochs',
  'evaluations',
  'size',
  'window',
  'n',
  'k',
]);
/** Words that make a threshold a real number even when its default is whole. */
const REAL_WORDS = new Set(['ratio', 'fraction', 'share', 'rate', 'gap', 'level', 'tolerance']);

interface DetectorInfo {
  id: string;
  label: string;
  description: string;
}

export function buildSettingsSchema(
  defaults: DetectorSettings = DEFAULT_SETTINGS,
  rationales: Record<string, Record<string, string> | undefined> = SETTING_RATIONALES,
  detectors: readonly DetectorInfo[] = DETECTORS,
  sectionInfo: Readonly<Record<string, Omit<DetectorInfo, 'id'>>> = SETTING_SECTIONS,
): SettingsSchema {
  const sections: SettingsSection[] = [];
  for (const [section, group] of Object.entries(defaults as unknown as Record<string, unknown>)) {
    if (typeof group !== 'object' || group === null) continue;
    const fields: SettingField[] = [];
    for (const [key, value] of Object.entries(group as Record<string, unknown>)) {
      const field = fieldOf(section, key, value, rationales[section]?.[key]);
      if (field) fields.push(field);
    }
    if (fields.length === 0) continue;
    // A sweep section is named after its detector; curve sections (shared by several curve
    // detectors) carry their own label and description.
    const detector = detectors.find((d) => d.id === kebab(section)) ?? sectionInfo[section];
    sections.push({
      key: section,
      label: detector?.label ?? sentence(words(section)),
      ...(detector ? { description: detector.description } : {}),
      fields,
    });
  }
  return { defaults: structuredClone(defaults), sections };
}

let cached: SettingsSchema | null = null;

/** The schema of this build's detectors, computed once. */
export function settingsSchema(): SettingsSchema {
  cached ??= buildSettingsSchema();
  return cached;
}

function fieldOf(
  section: string,
  key: string,
  value: unknown,
  rationale: string | undefined,
): SettingField | null {
  const kind = kindOf(key, value);
  if (!kind) return null;
  const field: SettingField = {
    section,
    key,
    path: `${section}.${key}`,
    label: sentence(words(key)),
    rationale: rationale ?? '',
    kind,
    default: value as SettingValue,
  };
  if (kind === 'boolean') return field;
  const isCount = words(key).some((w) => COUNT_WORDS.has(w.toLowerCase()));
  if (kind === 'integer') {
    field.step = 1;
    field.min = (value as number) >= 1 ? 1 : 0;
  } else if (kind === 'number') {
    field.step = stepFor(value as number);
    if ((value as number) >= 0) field.min = 0;
  } else {
    field.step = isCount ? 1 : 0.01;
    field.min = 0;
  }
  return field;
}

function kindOf(key: string, value: unknown): SettingKind | null {
  if (typeof value === 'boolean') return 'boolean';
  if (value === null) return 'optional-number';
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const parts = words(key).map((w) => w.toLowerCase());
  const count =
    Number.isInteger(value) &&
    parts.some((w) => COUNT_WORDS.has(w)) &&
    !parts.some((w) => REAL_WORDS.has(w));
  return count ? 'integer' : 'number';
}

/** A tenth of the default's order of magnitude: 1.5 → 0.1, 0.1 → 0.01, 20 → 1. */
function stepFor(value: number): number {
  if (value === 0) return 0.01;
  const exponent = Math.floor(Math.log10(Math.abs(value))) - 1;
  // Built from the exponent so 0.1 is 0.1, not 0.30000000000000004's cousin.
  return Number(`1e${exponent}`);
}

/** `minBudgetFraction` → `['min', 'budget', 'fraction']`. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((w) => w.length > 0)
    .map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase()));
}

function sentence(parts: string[]): string {
  const text = parts.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function kebab(key: string): string {
  return words(key)
    .map((w) => w.toLowerCase())
    .join('-');
}
