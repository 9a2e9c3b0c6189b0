/** Small helpers shared by the report adapters. */
import { getOwn, isJsonObject, type JsonObject, type JsonValue } from '../json';
import type { ReportParam, ReportRun } from './types';

export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** A number, or a string Python wrote for one ("NaN", "inf"); null for anything else. */
export function asNumber(value: JsonValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const t = value.trim().toLowerCase();
  if (t === 'nan') return NaN;
  if (t === 'inf' || t === 'infinity' || t === '+inf') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  // "N/A" and other words are not numbers; numeric strings ("0.5") are.
  return t !== '' && /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/.test(t) ? Number(t) : null;
}

export function asParam(value: JsonValue | undefined): ReportParam | null {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length <= 200 ? value : null;
  return null;
}

export function objectAt(obj: JsonObject, key: string): JsonObject | null {
  const v = getOwn(obj, key);
  return isJsonObject(v) ? v : null;
}

/**
 * Own keys of a parsed object. `__proto__` is included: the parser keeps it as a plain own key,
 * so a task or metric of that name is data like any other (written back with `put`, read with
 * `getOwn`, never with `obj[key]`).
 */
export function ownKeys(obj: JsonObject): string[] {
  return Object.keys(obj);
}

export function newRun(runId: string): ReportRun {
  return { runId, metrics: {}, params: {}, notes: [] };
}

/** Sets a key as an own data property, whatever its name. */
export function put<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
