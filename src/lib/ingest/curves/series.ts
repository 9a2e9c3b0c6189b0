/** Collects curve points per (run, metric) into growing typed arrays, in arrival order. */
import type { Curve, CurveRun } from '../../model';
import { SeriesBuilder } from './series-builder';

export { SeriesBuilder };

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
      series = new SeriesBuilder(runId, metric, this.expectedLength());
      metrics.set(metric, series);
      this.order.push(series);
      this.addRun(runId);
    }
    return series;
  }

  /**
   * A new series' likely length: that of the longest of the last 8 series created. Logs written
   * run after run repeat one length, so a new run's series then never regrow and their final
   * shrink has nothing to cut (regrowth and shrinking were ~17% of a long-format read in Chromium).
   */
  private expectedLength(): number {
    const order = this.order;
    let longest = 0;
    for (let k = Math.max(0, order.length - 8); k < order.length; k++)
      longest = Math.max(longest, order[k].length);
    return longest;
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
