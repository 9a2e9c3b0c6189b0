/**
 * Which rows share a metric's value rounded to a few significant digits with another row, without
 * formatting every value: rounding is monotone, so rows whose rounded texts are equal are
 * neighbours in value order. One native sort, a text comparison only for neighbours close enough
 * to round alike, and a binary search per row: formatting and hashing 100,000 values cost tens of
 * milliseconds more.
 */
import { CellState, type NumberColumn } from '../../model';

/**
 * Flags, aligned with `rows`: 1 when another of the rows has the same `toPrecision(digits)` text
 * of the column (missing cells all share the empty text). Present values must be finite.
 */
export function sharesRounded(
  column: NumberColumn,
  rows: readonly number[],
  digits: number,
): Uint8Array {
  const flags = new Uint8Array(rows.length);
  let missing = 0;
  let present = 0;
  for (const row of rows) {
    if (column.states[row] === CellState.missing) missing++;
    else present++;
  }
  const sorted = new Float64Array(present);
  let k = 0;
  for (const row of rows)
    if (column.states[row] !== CellState.missing) sorted[k++] = column.values[row];
  sorted.sort();
  // Equal texts ⇒ both values within half a unit of the same d-digit number R, so
  // |a − b| ≤ 10^(1−d)·|R| ≤ 2·10^(1−d)·max(|a|, |b|): farther neighbours cannot round alike.
  const near = 2 * 10 ** (1 - digits);
  const shared = new Uint8Array(present);
  for (let i = 1; i < present; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (
      a === b ||
      (b - a <= near * Math.max(Math.abs(a), Math.abs(b)) &&
        a.toPrecision(digits) === b.toPrecision(digits))
    ) {
      shared[i - 1] = 1;
      shared[i] = 1;
    }
  }
  rows.forEach((row, i) => {
    if (column.states[row] === CellState.missing) {
      flags[i] = missing >= 2 ? 1 : 0;
      return;
    }
    // First position of the value (0 and −0 alike): equal values are flagged together.
    const v = column.values[row];
    let lo = 0;
    let hi = present;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    flags[i] = shared[lo];
  });
  return flags;
}
