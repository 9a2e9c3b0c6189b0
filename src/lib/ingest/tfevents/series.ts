/** Per-tag point buffers, looked up by the tag's raw bytes so the hot path decodes no strings. */
import type { Curve } from '../../model';
import { POLICY_UNKNOWN } from './event';

const utf8 = new TextDecoder('utf-8');

/** Points are stored in fixed-size blocks and copied once, into exact-size arrays, at the end. */
const BLOCK = 8192;

export class Series {
  /** Where the first tensor metadata put this tag (POLICY_*). */
  policy = POLICY_UNKNOWN;
  /** Next series with the same hash. */
  next: Series | null = null;
  /** The series looked up right after this one last time (tags usually repeat in a cycle). */
  successor: Series | null = null;
  n = 0;
  wallCount = 0;
  private fill = 0;
  private steps = new Float64Array(64);
  private values = new Float64Array(64);
  private walls = new Float64Array(64);
  /** Filled blocks of BLOCK points each. */
  private readonly fullSteps: Float64Array[] = [];
  private readonly fullValues: Float64Array[] = [];
  private readonly fullWalls: Float64Array[] = [];

  /** A view over `bytes`, for word-wise comparison. */
  readonly view: DataView;

  constructor(
    readonly tag: string,
    readonly bytes: Uint8Array,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  push(step: number, value: number, wall: number): void {
    let i = this.fill;
    if (i === this.steps.length) i = this.nextBlock();
    this.steps[i] = step;
    this.values[i] = value;
    this.walls[i] = wall;
    if (wall === wall) this.wallCount++;
    this.fill = i + 1;
    this.n++;
  }

  private nextBlock(): number {
    // The first block starts small (most tags have few points) and is grown once to BLOCK.
    if (this.fullSteps.length === 0 && this.steps.length < BLOCK) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(BLOCK);
        b.set(a);
        return b;
      };
      this.steps = grow(this.steps);
      this.values = grow(this.values);
      this.walls = grow(this.walls);
      return this.fill;
    }
    this.fullSteps.push(this.steps);
    this.fullValues.push(this.values);
    this.fullWalls.push(this.walls);
    this.steps = new Float64Array(BLOCK);
    this.values = new Float64Array(BLOCK);
    this.walls = new Float64Array(BLOCK);
    return 0;
  }

  private gather(full: Float64Array[], current: Float64Array): Float64Array {
    const out = new Float64Array(this.n);
    let at = 0;
    for (const block of full) {
      out.set(block, at);
      at += BLOCK;
    }
    out.set(current.subarray(0, this.fill), at);
    return out;
  }

  toCurve(runId: string): Curve {
    return {
      runId,
      metric: this.tag,
      steps: this.gather(this.fullSteps, this.steps),
      values: this.gather(this.fullValues, this.values),
      wallTimes: this.wallCount > 0 ? this.gather(this.fullWalls, this.walls) : null,
    };
  }
}

/** Tags in order of first appearance; lookup by an FNV-1a hash of the bytes plus a byte compare. */
export class SeriesTable {
  readonly list: Series[] = [];
  private readonly byHash = new Map<number, Series>();
  private last: Series | null = null;

  /** The series for the tag in `buf[start, end)`; `view` is a DataView over `buf`. */
  get(buf: Uint8Array, view: DataView, start: number, end: number): Series {
    const last = this.last;
    if (last !== null) {
      const guess = last.successor;
      if (guess !== null && sameBytes(guess, view, start, end - start)) {
        this.last = guess;
        return guess;
      }
    }
    const found = this.lookup(buf, view, start, end);
    if (last !== null) last.successor = found;
    this.last = found;
    return found;
  }

  private lookup(buf: Uint8Array, view: DataView, start: number, end: number): Series {
    const len = end - start;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 16777619);
    h &= 0x3fffffff; // stay a small integer for the Map
    let s = this.byHash.get(h) ?? null;
    while (s !== null) {
      if (sameBytes(s, view, start, len)) return s;
      s = s.next;
    }
    const bytes = buf.slice(start, end);
    const created = new Series(utf8.decode(bytes), bytes);
    created.next = this.byHash.get(h) ?? null;
    this.byHash.set(h, created);
    this.list.push(created);
    return created;
  }
}

function sameBytes(s: Series, view: DataView, start: number, len: number): boolean {
  if (s.bytes.length !== len) return false;
  const a = s.view;
  let i = 0;
  for (; i + 4 <= len; i += 4) if (a.getInt32(i) !== view.getInt32(start + i)) return false;
  for (; i < len; i++) if (a.getUint8(i) !== view.getUint8(start + i)) return false;
  return true;
}
