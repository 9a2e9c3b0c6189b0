/**
 * A run or metric column of the long-format loop (byte-long.ts): each name is first compared with
 * the name that followed the previous one last time (a run repeats row after row, metrics cycle
 * in a fixed order), and interned by its bytes (byte-intern.ts) only when that guess is wrong.
 */
import type { Names } from './byte-rows';

const LF = 10;
const QUOTE = 34;

/** The run or the metric column: names read by prediction, or interned on a miss. */
export class NameColumn {
  /** The id read last (-1: none yet). */
  last = -1;
  /** Per name id: the id that followed it last time (-1: none yet). */
  private next: Int32Array = new Int32Array(64).fill(-1);
  /** Per name id seen by this loop: its bytes (ids in `next` always have them). */
  private readonly keys: Uint8Array[] = [];

  constructor(private readonly names: Names) {}

  /**
   * Reads the name field at bytes[p…] into `last`; returns the index of the delimiter after it,
   * or -1 when the field is not plain.
   */
  read(bytes: Uint8Array, p: number, limit: number, delimiter: number): number {
    const previous = this.last;
    if (previous >= 0) {
      const guess = this.next[previous];
      if (guess >= 0) {
        const key = this.keys[guess];
        const n = key.length;
        if (p + n < limit) {
          let k = 0;
          while (k < n && bytes[p + k] === key[k]) k++;
          if (k === n && bytes[p + n] === delimiter) {
            this.last = guess;
            return p + n;
          }
        }
      }
    }
    let q = p;
    for (;;) {
      const b = bytes[q];
      if (b === delimiter) break;
      // Non-ASCII needs UTF-8 validation, quotes papaparse's rules: both are the general path's.
      if (b === LF || b === QUOTE || b >= 0x80) return -1;
      q++;
    }
    const id = this.names.idOfRange(bytes, p, q);
    this.keys[id] ??= bytes.slice(p, q);
    if (previous >= 0) this.next = setGrown(this.next, previous, id);
    this.last = id;
    return q;
  }
}

function setGrown(a: Int32Array, i: number, id: number): Int32Array {
  let out = a;
  if (i >= a.length) {
    out = new Int32Array(Math.max(a.length * 2, i + 1)).fill(-1);
    out.set(a);
  }
  out[i] = id;
  return out;
}
