/**
 * Runs of equal values (within a relative tolerance) among a set of rows, for the collapsed
 * trials: trials of different configurations that share one metric value.
 */

/** Equal within a relative tolerance (and exactly equal at zero). */
export function sameValue(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Runs of equal values among `rows`, by sorting; only groups of at least `min` rows (each in
 * ascending row order, groups by ascending value). The values are sorted natively as a
 * Float64Array: a group is a block of consecutive sorted values, so it is exactly the rows whose
 * value lies between the block's first and last value, and one pass over the rows (a binary
 * search among the few blocks) fills the groups. Sorting the rows with a comparator that looked
 * values up in a Map took most of a second on 100,000 trials. Values must be finite.
 */
export function tieGroups(
  rows: readonly number[],
  valueOf: (row: number) => number,
  tolerance: number,
  min: number,
): number[][] {
  const values = Float64Array.from(rows, valueOf);
  return tieGroupsSorted(rows, values, values.slice().sort(), tolerance, min);
}

/** Bins of the quick rejection in tieGroupsSorted. */
const BINS = 1 << 16;

/** tieGroups given each row's value and the same values sorted ascending. */
export function tieGroupsSorted(
  rows: readonly number[],
  values: Float64Array,
  sorted: Float64Array,
  tolerance: number,
  min: number,
): number[][] {
  const n = rows.length;
  // [lowest, highest] value of each group, ascending and disjoint.
  const bounds: number[] = [];
  for (let i = 0; i < n;) {
    const first = sorted[i];
    let j = i + 1;
    while (j < n && sameValue(first, sorted[j], tolerance)) j++;
    if (j - i >= min) bounds.push(first, sorted[j - 1]);
    i = j;
  }
  const groups: number[][] = Array.from({ length: bounds.length / 2 }, () => []);
  if (groups.length === 0) return groups;
  // Most values are in no group: equal-width bins over the range, marked where a group lies,
  // turn most of them away before the binary search (bin is monotone in v, so a value within a
  // group's bounds always lands in a marked bin).
  const lowest = bounds[0];
  const scale = BINS / (bounds[bounds.length - 1] - lowest || 1);
  const bin = (v: number) => Math.min(BINS - 1, Math.floor((v - lowest) * scale));
  const marked = new Uint8Array(BINS);
  for (let g = 0; g < bounds.length; g += 2) marked.fill(1, bin(bounds[g]), bin(bounds[g + 1]) + 1);
  let ascending = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // The last group whose lowest value is ≤ v, if v is also within its highest.
    let lo = 0;
    let hi = groups.length - 1;
    if (v < lowest || v > bounds[2 * hi + 1] || marked[bin(v)] === 0) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[2 * mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    if (v > bounds[2 * lo + 1]) continue;
    const group = groups[lo];
    if (group.length > 0 && group[group.length - 1] > rows[i]) ascending = false;
    group.push(rows[i]);
  }
  if (!ascending) for (const group of groups) group.sort((a, b) => a - b);
  return groups;
}
