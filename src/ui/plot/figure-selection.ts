/**
 * plotly events → trials, through a figure spec's selection map (see figure-types.ts in
 * report/figures). Pure functions over plain data, so every figure kind maps the same way.
 */
import type { ConstraintRange, FigureEvent, FigureTraceState } from 'plotly.js-dist-min';
import type { LineBrush, SelectionMap, TraceSelection } from '../../lib/state/figures';

/** What a clicked or selected element stands for: its trials and how many it had in all. */
export interface Picked {
  runIds: string[];
  total: number;
  label: string | null;
}

const index = (n: number | readonly [number, number]): number => (typeof n === 'number' ? n : -1);

function pick(selection: TraceSelection, pointNumber: number | readonly [number, number]): Picked {
  switch (selection.kind) {
    case 'cells': {
      if (typeof pointNumber === 'number') return none();
      const ref = selection.cells[pointNumber[0]]?.[pointNumber[1]] ?? null;
      return ref ? { runIds: ref.runIds, total: ref.total, label: ref.label } : none();
    }
    case 'bins': {
      const ref = selection.bins[index(pointNumber)];
      return ref ? { runIds: ref.runIds, total: ref.total, label: ref.label } : none();
    }
    case 'points': {
      const members = selection.members?.[index(pointNumber)];
      if (members && members.length > 1)
        return { runIds: members, total: members.length, label: `${members.length} trials` };
      const id = selection.runIds[index(pointNumber)];
      return id === undefined ? none() : { runIds: [id], total: 1, label: id };
    }
    case 'lines': {
      const id = selection.runIds[index(pointNumber)];
      return id === undefined ? none() : { runIds: [id], total: 1, label: id };
    }
  }
}

function none(): Picked {
  return { runIds: [], total: 0, label: null };
}

/** A click on a heatmap cell, a point or a bar; null when it hit nothing that maps to trials. */
export function clickedTrials(map: SelectionMap, event: FigureEvent | undefined): Picked | null {
  const point = event?.points[0];
  const selection = point?.data.uid === undefined ? undefined : map[point.data.uid];
  if (!point || !selection) return null;
  const picked = pick(selection, point.pointIndex ?? point.pointNumber);
  if (selection.kind === 'cells') return picked.total > 0 ? picked : null;
  return picked.runIds.length > 0 ? picked : null;
}

/** A box or lasso selection: every selected point's trials, once each, in selection order. */
export function selectedTrials(map: SelectionMap, event: FigureEvent | undefined): Picked | null {
  if (!event) return null;
  const ids = new Set<string>();
  let total = 0;
  for (const point of event.points) {
    const selection = point.data.uid === undefined ? undefined : map[point.data.uid];
    if (!selection) continue;
    const picked = pick(selection, point.pointIndex ?? point.pointNumber);
    for (const id of picked.runIds) ids.add(id);
    total += picked.total - picked.runIds.length;
  }
  return ids.size === 0 ? null : { runIds: [...ids], total: ids.size + total, label: null };
}

/**
 * The lines a parcoords brush keeps: every dimension with a constraint range must hold the line's
 * value. A sampled figure (`brush` in its map) is filtered over every trial, its axes matched by
 * label (the user may have dragged them into another order). Null when nothing is brushed.
 */
export function brushedTrials(
  map: SelectionMap,
  traces: readonly FigureTraceState[],
): Picked | null {
  const ids: string[] = [];
  let brushed = false;
  for (const trace of traces) {
    const selection = trace.uid === undefined ? undefined : map[trace.uid];
    if (selection?.kind !== 'lines' || !trace.dimensions) continue;
    const constrained = trace.dimensions.filter((d) => d.constraintrange && d.values);
    if (constrained.length === 0) continue;
    brushed = true;
    if (selection.brush) {
      ids.push(...brushAll(selection.brush, constrained));
      continue;
    }
    selection.runIds.forEach((id, line) => {
      if (constrained.every((d) => inRange(d.values?.[line] ?? NaN, d.constraintrange)))
        ids.push(id);
    });
  }
  return brushed ? { runIds: ids, total: ids.length, label: null } : null;
}

type FigureDimension = NonNullable<FigureTraceState['dimensions']>[number];

function brushAll(brush: LineBrush, constrained: readonly FigureDimension[]): string[] {
  const axes = constrained.map((d) => ({
    values: brush.values[brush.labels.indexOf(d.label ?? '')] ?? [],
    range: d.constraintrange,
  }));
  return brush.runIds.filter((_, i) => axes.every((a) => inRange(a.values[i] ?? NaN, a.range)));
}

function inRange(v: number, range: ConstraintRange | undefined): boolean {
  if (!range || range.length === 0) return true;
  const ranges = (typeof range[0] === 'number' ? [range] : range) as readonly (readonly [
    number,
    number,
  ])[];
  return ranges.some(([lo, hi]) => v >= lo && v <= hi);
}

/** Which points of which traces to show as selected; the other traces are left as drawn. */
export interface Highlight {
  traces: number[];
  /** Per listed trace: the indices of its points or bars holding a selected trial, or null. */
  selectedpoints: (number[] | null)[];
}

/**
 * The selection made in another cell, as plotly `selectedpoints` of this figure's point and bar
 * traces (plotly dims the rest). Heatmap cells and parcoords lines are not highlighted: plotly has
 * no per-cell or per-line emphasis short of redrawing the figure.
 */
export function highlightOf(
  map: SelectionMap,
  uids: readonly (string | undefined)[],
  selected: ReadonlySet<string>,
): Highlight {
  const traces: number[] = [];
  const selectedpoints: (number[] | null)[] = [];
  uids.forEach((uid, trace) => {
    const selection = uid === undefined ? undefined : map[uid];
    if (!selection || selection.kind === 'cells' || selection.kind === 'lines') return;
    traces.push(trace);
    if (selected.size === 0) return selectedpoints.push(null);
    const groups =
      selection.kind === 'bins'
        ? selection.bins.map((b) => b.runIds)
        : (selection.members ?? selection.runIds.map((id) => [id]));
    const hit: number[] = [];
    groups.forEach((ids, i) => {
      if (ids.some((id) => selected.has(id))) hit.push(i);
    });
    selectedpoints.push(hit);
  });
  return { traces, selectedpoints };
}
