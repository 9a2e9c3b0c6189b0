/**
 * The figure pickers edit one flat draft (every option any kind has), so switching the kind
 * keeps the choices that still apply; `toRequest` keeps only the options of the chosen kind.
 * Empty strings mean "the default" (the builder picks, e.g. the primary metric).
 */
import type { Aggregate, FigureKind, FigureRequest, ParallelColor } from '../../lib/state/figures';

export interface FigureDraft {
  kind: FigureKind;
  x: string;
  y: string;
  metric: string;
  aggregate: Aggregate;
  color: ParallelColor;
}

const opt = (v: string) => (v === '' ? undefined : v);

export function toRequest(d: FigureDraft): FigureRequest {
  switch (d.kind) {
    case 'param-heatmap':
      return {
        kind: d.kind,
        x: opt(d.x),
        y: opt(d.y),
        metric: opt(d.metric),
        aggregate: d.aggregate,
      };
    case 'parallel':
      return { kind: d.kind, metric: opt(d.metric), color: d.color };
    case 'slice':
    case 'distribution':
      return { kind: d.kind, metric: opt(d.metric) };
    case 'pareto':
      // The Pareto front's y is the metric picker's value.
      return { kind: d.kind, x: opt(d.x), y: opt(d.metric) };
    default:
      return { kind: d.kind };
  }
}

export function toDraft(r: FigureRequest): FigureDraft {
  const d: FigureDraft = {
    kind: r.kind,
    x: '',
    y: '',
    metric: '',
    aggregate: 'mean',
    color: 'metric',
  };
  switch (r.kind) {
    case 'param-heatmap':
      return { ...d, x: r.x ?? '', y: r.y ?? '', metric: r.metric ?? '', aggregate: r.aggregate };
    case 'parallel':
      return { ...d, metric: r.metric ?? '', color: r.color };
    case 'slice':
    case 'distribution':
      return { ...d, metric: r.metric ?? '' };
    case 'pareto':
      return { ...d, x: r.x ?? '', metric: r.y ?? '' };
    default:
      return d;
  }
}

/** Which pickers a kind shows. */
export function pickersOf(kind: FigureKind): { xy: boolean; x: boolean; metric: boolean } {
  return {
    xy: kind === 'param-heatmap',
    x: kind === 'pareto',
    metric: ['param-heatmap', 'parallel', 'slice', 'distribution', 'pareto'].includes(kind),
  };
}
