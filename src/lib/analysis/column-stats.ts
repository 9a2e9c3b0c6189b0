/** Value facts about one column that role inference needs, in one pass over its cells. */
import { CellState, type Column } from '../model';

export interface ColumnStats {
  /** Cells that hold something (numbers, NaN or ±Infinity tokens, labels, timestamps). */
  present: number;
  /** Distinct present values (NaN tokens count as one); for numbers only 0, 1 or 2 (= "several"). */
  distinct: number;
  /** Every row present and no value repeated: the column can identify rows. */
  unique: boolean;
}

/**
 * `checkUnique` asks for the uniqueness test, which needs a Set over all values; it is only
 * worth it for columns named like ids, so a 100,000-row sweep does not pay it 30 times.
 */
export function columnStats(column: Column, rowCount: number, checkUnique: boolean): ColumnStats {
  if (column.kind === 'category' || column.kind === 'text')
    return labelStats(column.codes, column.labels.length, rowCount);
  let present = 0;
  let first = NaN;
  let several = false;
  const seen = checkUnique ? new Set<number>() : null;
  for (let i = 0; i < rowCount; i++) {
    const v = column.values[i];
    const missing =
      column.kind === 'number' ? column.states[i] === CellState.missing : Number.isNaN(v);
    if (missing) continue;
    if (present === 0) first = v;
    // Object.is treats two NaN tokens as equal, which is what "constant" means here.
    else if (!several && !Object.is(v, first)) several = true;
    present++;
    seen?.add(v);
  }
  const distinct = present === 0 ? 0 : several ? 2 : 1;
  const unique = seen !== null && present === rowCount && seen.size === rowCount;
  return { present, distinct, unique };
}

function labelStats(codes: Int32Array, labelCount: number, rowCount: number): ColumnStats {
  let present = 0;
  let distinct = 0;
  const seen = new Uint8Array(labelCount);
  for (let i = 0; i < rowCount; i++) {
    const code = codes[i];
    if (code < 0) continue;
    present++;
    if (seen[code] === 0) {
      seen[code] = 1;
      distinct++;
    }
  }
  return { present, distinct, unique: present === rowCount && distinct === rowCount };
}
