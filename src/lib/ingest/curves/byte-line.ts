/**
 * One physical line of a curve CSV as field ranges of a byte buffer. Only lines that papaparse
 * would read the same way as a plain split are accepted here: unquoted fields, or quoted fields
 * whose closing quote is followed directly by the delimiter or the end of the line. Anything else
 * (`""` escapes, a quote inside a field, a quoted newline) makes splitLine() return false and the
 * caller hands the rest of the file to the string path, which knows all of papaparse's rules.
 */

const QUOTE = 34;
const CR = 13;

export interface ByteRow {
  bytes: Uint8Array;
  count: number;
  /** Field i is bytes[starts[i], ends[i]); for quoted fields, without the quotes. */
  starts: Int32Array;
  ends: Int32Array;
  /** False when some byte is ≥ 0x80 (the line must be valid UTF-8 and names need decoding). */
  ascii: boolean;
}

export function newByteRow(): ByteRow {
  return {
    bytes: new Uint8Array(0),
    count: 0,
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    ascii: true,
  };
}

/**
 * Splits bytes[start, end) — one line without its LF — into `row`. A CR before the LF is dropped,
 * as CsvRowReader drops it from the last field. Returns false when the line needs the string path.
 */
export function splitLine(
  row: ByteRow,
  bytes: Uint8Array,
  start: number,
  end: number,
  delimiter: number,
): boolean {
  if (end > start && bytes[end - 1] === CR) end--;
  row.bytes = bytes;
  row.count = 0;
  let ascii = true;
  let pos = start;
  for (;;) {
    if (row.count === row.starts.length) growRow(row);
    if (pos < end && bytes[pos] === QUOTE) {
      // A plain quoted field: the next quote closes it and a delimiter or the line end follows.
      let close = pos + 1;
      while (close < end && bytes[close] !== QUOTE) {
        if (bytes[close] >= 0x80) ascii = false;
        close++;
      }
      if (close >= end) return false;
      const after = close + 1;
      if (after < end && bytes[after] !== delimiter) return false;
      row.starts[row.count] = pos + 1;
      row.ends[row.count] = close;
      row.count++;
      if (after >= end) break;
      pos = after + 1;
      continue;
    }
    let p = pos;
    while (p < end) {
      const b = bytes[p];
      if (b === delimiter) break;
      // One test for the common byte; quotes and non-ASCII are rare.
      if (b === QUOTE || b >= 0x80) {
        if (b === QUOTE) return false;
        ascii = false;
      }
      p++;
    }
    row.starts[row.count] = pos;
    row.ends[row.count] = p;
    row.count++;
    if (p >= end) break;
    pos = p + 1;
  }
  row.ascii = ascii;
  return true;
}

const utf8 = new TextDecoder('utf-8');

/** The decoded text of field i ('' when the row has no such field). */
export function fieldText(row: ByteRow, i: number): string {
  if (i >= row.count) return '';
  const { bytes } = row;
  const start = row.starts[i];
  const end = row.ends[i];
  if (row.ascii && end - start < 64) {
    let s = '';
    for (let k = start; k < end; k++) s += String.fromCharCode(bytes[k]);
    return s;
  }
  return utf8.decode(bytes.subarray(start, end));
}

/** Like CsvRowReader: a row with one empty or all-whitespace field is a blank line. */
export function isBlankRow(row: ByteRow): boolean {
  if (row.count !== 1) return false;
  if (!row.ascii) return fieldText(row, 0).trim() === '';
  for (let k = row.starts[0]; k < row.ends[0]; k++) {
    const b = row.bytes[k];
    // String.prototype.trim's ASCII whitespace: TAB, LF, VT, FF, CR and space.
    if (b !== 32 && (b < 9 || b > 13)) return false;
  }
  return true;
}

export function growRow(row: ByteRow): ByteRow {
  const starts = new Int32Array(row.starts.length * 2);
  const ends = new Int32Array(row.ends.length * 2);
  starts.set(row.starts);
  ends.set(row.ends);
  row.starts = starts;
  row.ends = ends;
  return row;
}
