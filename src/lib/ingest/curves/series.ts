/** Collects curve points per (run, metric) into growing typed arrays, in arrival order. */
import type { Curve, CurveRun } from '../../model';
import { Growable } from '../growable';

/** Small start: a long-format log can hold thousands of series. */
const INITIAL_CAPACITY = 64;

export class SeriesBuilder {
  private readonly steps = new Growable(Float64Array, INITIAL_CAPACITY);
  private readonly values = new Growable(Float64Array, INITIAL_CAPACITY);
  private wallTimes: Growable<Float64Array> | null = null;

  constructor(
    readonly runId: string,
    readonly metric: string,
  ) {}

  get length(): number {
    return this.steps.length;
  }

  push(step: number, value: number, wallTime?: number): void {
    if (wallTime !== undefined && !this.wallTimes) {
      this.wallTimes = new Growable(Float64Array, Math.max(INITIAL_CAPACITY, this.steps.length));
      for (let i = 0; i < this.steps.length; i++) this.wallTimes.push(NaN);
    }
    this.steps.push(step);
    this.values.push(value);
    if (this.wallTimes) this.wallTimes.push(wallTime ?? NaN);
  }

  lastStep(): number {
    return this.steps.length === 0 ? NaN : this.steps.get(this.steps.length - 1);
  }

  finish(): Curve {
    return {
      runId: this.runId,
      metric: this.metric,
      steps: this.steps.toArray(),
      values: this.values.toArray(),
      wallTimes: this.wallTimes ? this.wallTimes.toArray() : null,
    };
  }
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

  /** Non-empty curves, in first-seen order. */
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
