/**
 * The figure pickers edit one flat draft (every option any kind has), so switching the kind
 * keeps the choices that still apply; `toRequest` keeps only the options of the chosen kind.
 * Empty strings mean "the default" (the builder picks, e.g. the primary metric); so does an
 * empty list of hyperparameters (the most important ones).
 */
import {
  DEFAULT_PARAM_COUNT,
  defaultParams,
  type AnalysisSummary,
  type ParamsFigureKind,
} from '../../lib/model';
import type { Aggregate, FigureKind, FigureRequest, ParallelColor } from '../../lib/state/figures';

export interface FigureDraft {
  kind: FigureKind;
  x: string;
  y: string;
  metric: string;
  aggregate: Aggregate;
  color: ParallelColor;
  /** Chosen hyperparameters in column order; [] = the most important (the default). */
  params: string[];
}

const opt = (v: string) => (v === '' ? undefined : v);
// A copy: the draft is a $state proxy, which neither postMessage nor IndexedDB can clone.
const optList = (v: readonly string[]) => (v.length === 0 ? undefined : [...v]);

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
      return { kind: d.kind, metric: opt(d.metric), color: d.color, params: optList(d.params) };
    case 'slice':
      return { kind: d.kind, metric: opt(d.metric), params: optList(d.params) };
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
    params: [],
  };
  switch (r.kind) {
    case 'param-heatmap':
      return { ...d, x: r.x ?? '', y: r.y ?? '', metric: r.metric ?? '', aggregate: r.aggregate };
    case 'parallel':
      return { ...d, metric: r.metric ?? '', color: r.color, params: [...(r.params ?? [])] };
    case 'slice':
      return { ...d, metric: r.metric ?? '', params: [...(r.params ?? [])] };
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

/** Kinds with a hyperparameters control (many axes, the most important by default). */
export const choosesParams = (kind: FigureKind): kind is ParamsFigureKind =>
  kind === 'parallel' || kind === 'slice';

/** Hyperparameters most important first, as the figure builder ranks them; [] before it knows. */
export function importanceOrder(summary: AnalysisSummary | null): string[] {
  return summary?.importance?.params.map((p) => p.param) ?? [];
}

/** What the hyperparameters control shows: which boxes are ticked and its one-line summary. */
export interface ParamsView {
  /** Ticked: the chosen ones, or by default the ones the figure draws. */
  checked: Set<string>;
  isDefault: boolean;
  summary: string;
}

export function paramsView(
  draft: FigureDraft,
  available: readonly string[],
  ranked: readonly string[],
): ParamsView {
  // Names this data lacks (a notebook opened on another sweep) are not drawn either.
  const chosen = draft.params.filter((p) => available.includes(p));
  if (chosen.length > 0)
    return { checked: new Set(chosen), isDefault: false, summary: `${chosen.length} chosen` };
  const max = choosesParams(draft.kind) ? DEFAULT_PARAM_COUNT[draft.kind] : available.length;
  const drawn = defaultParams(available, ranked, max);
  const how = ranked.length > 0 ? 'most important' : 'first';
  const summary = available.length <= max ? `all ${available.length}` : `${max} ${how}`;
  // None of a choice found: the figure draws the default (chooseParams), so tick what it draws.
  if (draft.params.length > 0)
    return { checked: new Set(drawn), isDefault: false, summary: `chosen not found; ${summary}` };
  return { checked: new Set(drawn), isDefault: true, summary };
}

/** The choice after ticking or unticking one box: in column order, never empty. */
export function toggleParam(
  view: ParamsView,
  available: readonly string[],
  param: string,
  on: boolean,
): string[] {
  const next = new Set(view.checked);
  if (on) next.add(param);
  else next.delete(param);
  const list = available.filter((p) => next.has(p));
  return list.length > 0 ? list : [...view.checked];
}
