/**
 * Records keyed by data (column names, settings sections from storage) must treat `__proto__`,
 * `constructor` and friends as plain keys: `record[key] = v` with key "__proto__" would replace
 * the record's prototype instead of storing v, and `record[key]` would read Object.prototype.
 */

/** Stores `value` under `key` as an own property, whatever the key. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The own property `key` of `record`, or undefined (never an inherited one). */
export function getOwnKey<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
