/**
 * Random ids for notebooks, cells and stored files. `crypto.randomUUID` exists only in secure
 * contexts, and a team's static host may be plain http, so fall back to getRandomValues.
 */
export function newId(prefix = ''): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return prefix + c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
