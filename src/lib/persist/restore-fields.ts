/**
 * Field validators for `restore()`: each takes an unknown value and returns a well-typed one,
 * pushing a repair message whenever it had to change something.
 */
import type { NotebookSource, Role, RoleOverrides, StoredFileRef } from '../model';

export type Plain = Record<string, unknown>;

export function isRecord(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own entries, minus `__proto__`: assigning that key to a plain object would swap its prototype. */
export function safeEntries(v: Plain, repairs: string[], where: string): [string, unknown][] {
  return Object.entries(v).filter(([k]) => {
    if (k !== '__proto__') return true;
    repairs.push(`${where}: dropped the key "__proto__"`);
    return false;
  });
}

export const isFiniteNumber = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v);

/** -0 becomes 0: JSON (export files) cannot tell them apart, stored copies must not either. */
export const plainZero = (v: number): number => v + 0;

export function optionalString(v: unknown, repairs: string[], where: string): string | undefined {
  if (v === undefined || typeof v === 'string') return v;
  repairs.push(`${where}: dropped a value that is not text`);
  return undefined;
}

export function stringList(v: unknown, repairs: string[], where: string): string[] {
  if (!Array.isArray(v)) {
    repairs.push(`${where}: not a list, emptied`);
    return [];
  }
  const strings = v.filter((s): s is string => typeof s === 'string');
  if (strings.length !== v.length) repairs.push(`${where}: dropped entries that are not text`);
  return strings;
}

const oneOf = <T extends string>(v: unknown, options: readonly T[]): v is T =>
  typeof v === 'string' && (options as readonly string[]).includes(v);

export function validRole(v: unknown): Role | null {
  if (!isRecord(v)) return null;
  switch (v.kind) {
    case 'id':
    case 'status':
    case 'param':
    case 'time':
    case 'ignore':
      return { kind: v.kind };
    case 'metric':
      if (
        oneOf(v.split, ['train', 'val', 'test', 'other'] as const) &&
        oneOf(v.family, ['loss', 'accuracy', 'other'] as const) &&
        oneOf(v.direction, ['min', 'max'] as const)
      ) {
        return { kind: 'metric', split: v.split, family: v.family, direction: v.direction };
      }
      return null;
    case 'budget':
      return oneOf(v.unit, ['epochs', 'steps', 'runtime'] as const)
        ? { kind: 'budget', unit: v.unit }
        : null;
    default:
      return null;
  }
}

export function roleOverrides(v: unknown, repairs: string[]): RoleOverrides {
  const out: RoleOverrides = {};
  if (v === undefined) return out;
  if (!isRecord(v)) {
    repairs.push('roleOverrides: not an object, reset');
    return out;
  }
  for (const [column, raw] of safeEntries(v, repairs, 'roleOverrides')) {
    const role = validRole(raw);
    if (role) out[column] = role;
    else repairs.push(`roleOverrides: dropped the invalid role of column "${column}"`);
  }
  return out;
}

type SettingValue = number | boolean | null;
export function detectorSettings(
  v: unknown,
  repairs: string[],
): Record<string, Record<string, SettingValue>> {
  const out: Record<string, Record<string, SettingValue>> = {};
  if (v === undefined) return out;
  if (!isRecord(v)) {
    repairs.push('settings: not an object, reset');
    return out;
  }
  for (const [section, values] of safeEntries(v, repairs, 'settings')) {
    if (!isRecord(values)) {
      repairs.push(`settings.${section}: not an object, dropped`);
      continue;
    }
    const kept: Record<string, SettingValue> = {};
    for (const [key, value] of safeEntries(values, repairs, `settings.${section}`)) {
      if (value === null || typeof value === 'boolean') kept[key] = value;
      else if (isFiniteNumber(value)) kept[key] = plainZero(value);
      else repairs.push(`settings.${section}.${key}: not a number, yes/no or null, dropped`);
    }
    out[section] = kept;
  }
  return out;
}

function fileRef(v: unknown): StoredFileRef | null {
  if (!isRecord(v)) return null;
  const { path, size, lastModified, blobId } = v;
  if (typeof path !== 'string' || typeof blobId !== 'string' || blobId === '') return null;
  if (!isFiniteNumber(size) || size < 0 || !Number.isInteger(size)) return null;
  const modified = isFiniteNumber(lastModified) ? plainZero(lastModified) : 0;
  return { path, size: plainZero(size), lastModified: modified, blobId };
}

export function notebookSource(v: unknown, repairs: string[]): NotebookSource | null {
  if (v === null || v === undefined) return null;
  if (isRecord(v)) {
    if (v.kind === 'example' && typeof v.name === 'string')
      return { kind: 'example', name: v.name };
    if (v.kind === 'url' && typeof v.url === 'string') return { kind: 'url', url: v.url };
    if (v.kind === 'files' && Array.isArray(v.files)) {
      const files = v.files.map(fileRef).filter((f): f is StoredFileRef => f !== null);
      if (files.length !== v.files.length) repairs.push('source: dropped invalid file entries');
      const label = typeof v.label === 'string' ? v.label : (files[0]?.path ?? 'files');
      if (typeof v.label !== 'string') repairs.push('source: missing label, set from the files');
      return { kind: 'files', label, files };
    }
  }
  repairs.push('source: not a valid data source, dropped (the notebook opens without data)');
  return null;
}
