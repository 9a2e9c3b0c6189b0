import { CellState, type NumberColumn } from '../../model';

/**
 * Fills `codes` for a number column as a Map keyed by the values would (exact value, 0 and −0
 * alike, every NaN alike, numbered in order of first appearance, −1 for a missing cell) and
 * returns the first row of each code. The table is an open-addressing hash over the values' bits
 * in typed arrays: a Map boxes every double, which costs several times more on a continuously
 * sampled hyperparameter with as many values as trials.
 */
export function numberCodes(column: NumberColumn, codes: Int32Array): number[] {
  const rows = codes.length;
  const firstRow: number[] = [];
  let size = 16;
  while (size < 2 * rows) size *= 2;
  const mask = size - 1;
  const keys = new Float64Array(size);
  // Code + 1 of the value in each slot, 0 while empty.
  const slots = new Int32Array(size);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let nanCode = -1;
  for (let row = 0; row < rows; row++) {
    const state = column.states[row];
    if (state === CellState.missing) {
      codes[row] = -1;
      continue;
    }
    let v = state === CellState.nan ? NaN : column.values[row];
    if (v !== v) {
      if (nanCode < 0) nanCode = firstRow.push(row) - 1;
      codes[row] = nanCode;
      continue;
    }
    if (v === 0) v = 0; // −0 and 0 are one key
    bits[0] = v;
    let h = Math.imul(words[0] ^ Math.imul(words[1], 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & mask;
    while (slots[i] !== 0 && keys[i] !== v) i = (i + 1) & mask;
    if (slots[i] === 0) {
      keys[i] = v;
      slots[i] = firstRow.push(row);
    }
    codes[row] = slots[i] - 1;
  }
  return firstRow;
}
