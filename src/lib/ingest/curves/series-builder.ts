/**
 * Steps, values and (once one is given) wall times of one series, in arrival order. This is the
 * innermost call of a 100 MB/s read: one capacity check per point. The first block grows ×4 from
 * 64 points (a long-format log can hold thousands of short series); past BLOCK points, full
 * blocks are kept as they are and joined once in finish(), instead of regrowing and copying one
 * array (in Chromium, typed-array regrowth and the final shrink were ~17% of a long-format read).
 * The slack is at most one block per series.
 */
import type { Curve } from '../../model';

const INITIAL_CAPACITY = 64;
const BLOCK = 16384;
const EMPTY = new Float64Array(0);

export class SeriesBuilder {
  private steps: Float64Array;
  private values: Float64Array;
  private wallTimes: Float64Array | null = null;
  /** Points in the current block. */
  private fill = 0;
  private count = 0;
  /** Full blocks, in order (wall-time blocks only once a wall time was given). */
  private readonly fullSteps: Float64Array[] = [];
  private readonly fullValues: Float64Array[] = [];
  private readonly fullWalls: Float64Array[] = [];

  /** `capacity`: expected points (see SeriesMap.get), at most one block. */
  constructor(
    readonly runId: string,
    readonly metric: string,
    capacity = INITIAL_CAPACITY,
  ) {
    const size = Math.min(Math.max(capacity, INITIAL_CAPACITY), BLOCK);
    this.steps = new Float64Array(size);
    this.values = new Float64Array(size);
  }

  get length(): number {
    return this.count;
  }

  push(step: number, value: number, wallTime?: number): void {
    let i = this.fill;
    if (i === this.steps.length) i = this.nextBlock();
    if (wallTime !== undefined && !this.wallTimes) this.startWalls();
    this.steps[i] = step;
    this.values[i] = value;
    if (this.wallTimes) this.wallTimes[i] = wallTime ?? NaN;
    this.fill = i + 1;
    this.count++;
  }

  /** push() without a wall time, for the long-format loop (byte-long.ts). */
  pushPoint(step: number, value: number): void {
    let i = this.fill;
    if (i === this.steps.length) i = this.nextBlock();
    this.steps[i] = step;
    this.values[i] = value;
    if (this.wallTimes) this.wallTimes[i] = NaN;
    this.fill = i + 1;
    this.count++;
  }

  lastStep(): number {
    // fill is 0 only before the first point: a new block is started by the push that needs it.
    return this.fill === 0 ? NaN : this.steps[this.fill - 1];
  }

  /** Makes room for one more point; returns its index in the current block. */
  private nextBlock(): number {
    const n = this.steps.length;
    if (n < BLOCK) {
      const size = Math.min(n * 4, BLOCK);
      this.steps = resized(this.steps, size);
      this.values = resized(this.values, size);
      if (this.wallTimes) this.wallTimes = resized(this.wallTimes, size, NaN);
      return this.fill;
    }
    this.fullSteps.push(this.steps);
    this.fullValues.push(this.values);
    this.steps = new Float64Array(BLOCK);
    this.values = new Float64Array(BLOCK);
    if (this.wallTimes) {
      this.fullWalls.push(this.wallTimes);
      this.wallTimes = new Float64Array(BLOCK).fill(NaN);
    }
    this.fill = 0;
    return 0;
  }

  /** The first wall time: earlier points get NaN. */
  private startWalls(): void {
    for (const block of this.fullSteps)
      this.fullWalls.push(new Float64Array(block.length).fill(NaN));
    this.wallTimes = new Float64Array(this.steps.length).fill(NaN);
  }

  /**
   * Exact-size arrays whose buffers can be transferred. The builder gives up its own arrays
   * (detached, or left to the GC), so it cannot be used afterwards.
   */
  finish(): Curve {
    const curve: Curve = {
      runId: this.runId,
      metric: this.metric,
      steps: joined(this.fullSteps, this.steps, this.fill),
      values: joined(this.fullValues, this.values, this.fill),
      wallTimes: this.wallTimes ? joined(this.fullWalls, this.wallTimes, this.fill) : null,
    };
    this.steps = this.values = EMPTY;
    this.wallTimes = null;
    this.fullSteps.length = this.fullValues.length = this.fullWalls.length = 0;
    this.count = this.fill = 0;
    return curve;
  }
}

type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/** The full blocks and the first `fill` values of `last`, in one exact-size array. */
function joined(full: Float64Array[], last: Float64Array, fill: number): Float64Array {
  if (full.length === 0) return exact(last, fill);
  let n = fill;
  for (const block of full) n += block.length;
  const out = new Float64Array(n);
  let at = 0;
  for (const block of full) {
    out.set(block, at);
    at += block.length;
  }
  out.set(last.subarray(0, fill), at);
  return out;
}

/**
 * The first n values in an array of their own. ArrayBuffer.prototype.transfer (ES2024, Chromium
 * 114+) shrinks the buffer in place, so a 1 GB log's curves never exist twice; elsewhere, a copy.
 */
function exact(a: Float64Array, n: number): Float64Array {
  const buffer = a.buffer as Transferable;
  if (typeof buffer.transfer === 'function' && a.byteOffset === 0)
    return new Float64Array(buffer.transfer(n * Float64Array.BYTES_PER_ELEMENT));
  return a.slice(0, n);
}

function resized(a: Float64Array, size: number, fill?: number): Float64Array {
  const next = new Float64Array(size);
  next.set(a);
  if (fill !== undefined) next.fill(fill, a.length);
  return next;
}
