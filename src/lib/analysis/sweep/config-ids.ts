/** Which trials share a configuration, as integer ids per row (see SweepFacts). */

/** A column as codes per row (−1 missing) and its number of distinct codes. */
interface Coded {
  codes: Int32Array;
  size: number;
}

export interface ConfigIds {
  /** Equal exactly when the hyperparameters (seeds left out) are; unconfigured rows apart. */
  configKeys: Int32Array;
  /** Equal exactly when the hyperparameters and seeds are. */
  fullKeys: Int32Array;
  /** 1 where none of the hyperparameters is set. */
  unconfigured: Uint8Array;
}

/**
 * Configuration ids: rows get the same id exactly when every given column has the same code
 * (missing included). Refined one column at a time: the rows are bucketed by the column's code
 * and, within a bucket, each id seen so far gets a new one. Typed arrays only, O(rows + values)
 * per column: joining every row's codes into a string key cost more than the detectors that use
 * them. The ids themselves mean nothing (only equality does), and are below `count`.
 */
function idsOf(
  columns: readonly Coded[],
  start: { ids: Int32Array; count: number },
): { ids: Int32Array; count: number } {
  let { ids, count } = start;
  const n = ids.length;
  // The order does not change which rows end up equal: the columns with most values first, so
  // that once every row is apart (a random search) the rest need not be read.
  const coded = [...columns].sort((a, b) => b.size - a.size);
  for (const { codes, size } of coded) {
    if (count === n) break;
    // Rows by code (missing, −1, first), a counting sort.
    const offsets = new Int32Array(size + 2);
    for (let row = 0; row < n; row++) offsets[codes[row] + 2]++;
    for (let b = 1; b <= size + 1; b++) offsets[b] += offsets[b - 1];
    const order = new Int32Array(n);
    for (let row = 0; row < n; row++) order[offsets[codes[row] + 1]++] = row;
    // offsets[b] is now the end of bucket b (and the start of bucket b + 1).
    const stamp = new Int32Array(count).fill(-1);
    const renamed = new Int32Array(count);
    const next = new Int32Array(n);
    let nextCount = 0;
    let k = 0;
    for (let b = 0; b <= size; b++) {
      for (; k < offsets[b]; k++) {
        const row = order[k];
        const id = ids[row];
        if (stamp[id] !== b) {
          stamp[id] = b;
          renamed[id] = nextCount++;
        }
        next[row] = renamed[id];
      }
    }
    ids = next;
    count = nextCount;
  }
  return { ids, count };
}

/**
 * Per-row ids without and with seeds. A row with none of the hyperparameters set (a baseline or
 * an unrelated run logged into the same experiment) is not a point of the search space: without
 * seeds it gets an id of its own, so it never counts as a replicate of another such row.
 */
export function configIds(
  params: readonly Coded[],
  seeds: readonly Coded[],
  rows: number,
): ConfigIds {
  const shared = idsOf(params, { ids: new Int32Array(rows), count: 1 });
  const unconfigured = new Uint8Array(rows);
  if (params.length > 0) {
    unconfigured.fill(1);
    for (const { codes } of params) {
      for (let row = 0; row < rows; row++) if (codes[row] >= 0) unconfigured[row] = 0;
    }
  }
  const configKeys = shared.ids.slice();
  let fresh = shared.count;
  for (let row = 0; row < rows; row++) if (unconfigured[row] === 1) configKeys[row] = fresh++;
  return { configKeys, fullKeys: idsOf(seeds, shared).ids, unconfigured };
}
