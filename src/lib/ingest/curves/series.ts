/** Collects curve points per (run, metric) into growing typed arrays, in arrival order. */
import type { Curve, CurveRun } from '../../model';

/** Small start: a long-format log can hold thousands of series. */
const INITIAL_CAPACITY = 64;
const EMPTY = new Float64Array(0);

/**
 * Steps, values and (once one is given) wall times of one series, in plain typed arrays with one
 * capacity check per point: this is the innermost call of a 100 MB/s read. Growth is 1.5× past
 * 4096 points, so a 1 GB log holds at most half again its points while it is read.
 */
export class SeriesBuilder {
  private steps: Float64Array = new Float64Array(INITIAL_CAPACITY);
  private values: Float64Array = new Float64Array(INITIAL_CAPACITY);
  private wallTimes: Float64Array | null = null;
  private count = 0;

  constructor(
    readonly runId: string,
    readonly metric: string,
  ) {}

  get length(): number {
    return this.count;
  }

  push(step: number, value: number, wallTime?: number): void {
    const n = this.count;
    if (n === this.steps.length) this.grow();
    if (wallTime !== undefined && !this.wallTimes) {
      this.wallTimes = new Float64Array(this.steps.length).fill(NaN);
    }
    this.steps[n] = step;
    this.values[n] = value;
    if (this.wallTimes) this.wallTimes[n] = wallTime ?? NaN;
    this.count = n + 1;
  }

  private grow(): void {
    // Few reallocations while small (each one is external memory the GC has to account for),
    // little slack when big.
    const n = this.steps.length;
    const size = n < 4096 ? n * 4 : Math.ceil(n * 1.5);
    this.steps = resized(this.steps, size);
    this.values = resized(this.values, size);
    if (this.wallTimes) this.wallTimes = resized(this.wallTimes, size, NaN);
  }

  lastStep(): number {
    return this.count === 0 ? NaN : this.steps[this.count - 1];
  }

  /**
   * Exact-size arrays whose buffers can be transferred. The builder gives up its own arrays
   * (detached, or left to the GC), so it cannot be used afterwards.
   */
  finish(): Curve {
    const n = this.count;
    const curve: Curve = {
      runId: this.runId,
      metric: this.metric,
      steps: exact(this.steps, n),
      values: exact(this.values, n),
      wallTimes: this.wallTimes ? exact(this.wallTimes, n) : null,
    };
    this.steps = this.values = EMPTY;
    this.wallTimes = null;
    this.count = 0;
    return curve;
  }
}

type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

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

/** Series keyed by run and metric, kept in first-seen order. */
export class SeriesMap {
  /** run → metric → series; two lookups instead of building a key string per row. */
  private readonly byRun = new Map<string, Map<string, SeriesBuilder>>();
  private readonly order: SeriesBuilder[] = [];
  private readonly runOrder: string[] = [];
  private readonly runSet = new Set<string>();

  get(runId: string, metric: string): SeriesBuilder {
    let metrics = this.byRun.get(runId);
    if (!metrics) {
      metrics = new Map();
      this.byRun.set(runId, metrics);
    }
    let series = metrics.get(metric);
    if (!series) {
      series = new SeriesBuilder(runId, metric);
      metrics.set(metric, series);
      this.order.push(series);
      this.addRun(runId);
    }
    return series;
  }

  addRun(runId: string): void {
    if (!this.runSet.has(runId)) {
      this.runSet.add(runId);
      this.runOrder.push(runId);
    }
  }

  get runIds(): readonly string[] {
    return this.runOrder;
  }

  /** Non-empty curves, in first-seen order; call once, at the end (builders are emptied). */
  curves(): Curve[] {
    const out: Curve[] = [];
    for (const s of this.order) if (s.length > 0) out.push(s.finish());
    return out;
  }
}

export function emptyRun(runId: string, source: string): CurveRun {
  return { runId, source, params: {}, plannedSteps: null, plannedEpochs: null, notes: [] };
}

/** "logs/run-a-tag-loss.csv" → "run-a-tag-loss". */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
