/** Small order statistics over plain arrays (the inputs are already filtered to finite values). */

/** Linear-interpolated quantile of ascending values (numpy's default), NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/**
 * Linear-interpolated quantiles (same as quantileSorted) without sorting: a quickselect per
 * needed rank, O(n) each instead of O(n log n) once, which matters for 100,000-row columns.
 * Reorders `values` in place. `qs` must be ascending.
 */
export function quantilesUnsorted(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return qs.map(() => NaN);
  let from = 0;
  return qs.map((q) => {
    const pos = (n - 1) * q;
    const lo = Math.floor(pos);
    // Ranks ascend, so everything left of the previous rank can be skipped.
    select(values, lo, from, n - 1);
    from = lo;
    if (lo === pos || lo + 1 >= n) return values[lo];
    let next = Infinity; // the (lo + 1)-th smallest is the minimum of the right part
    for (let i = lo + 1; i < n; i++) if (values[i] < next) next = values[i];
    return values[lo] + (next - values[lo]) * (pos - lo);
  });
}

/** The k-th smallest (0-based) of `values`, which are reordered: a quickselect, not a sort. */
export function kthSmallest(values: Float64Array, k: number): number {
  select(values, k, 0, values.length - 1);
  return values[k];
}

/** Hoare-style quickselect: afterwards values[k] is the k-th smallest of values[left..right]. */
function select(values: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const pivot = values[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}
