/**
 * What the page calls each kind of cell: the cell titles, the add-a-cell menu and the undo and
 * screen-reader messages all use these names, so they say the same thing.
 */
import type { CellKind, CellSpec } from '../model';
import { FIGURE_KINDS } from './figures';

export const CELL_TITLES: Readonly<Record<CellKind, string>> = {
  sources: 'Sources',
  overview: 'Overview',
  findings: 'Findings',
  curves: 'Curves',
  leaderboard: 'Leaderboard',
  associations: 'Associations',
  figure: 'Figure',
  data: 'Data',
  compare: 'Compare runs',
  settings: 'Detector settings',
  report: 'Report',
  note: 'Note',
};

/** One line describing a cell: its kind, or for a figure its figure kind. */
export function cellLabel(spec: CellSpec): string {
  if (spec.kind === 'figure')
    return FIGURE_KINDS.find((k) => k.kind === spec.request.kind)?.label ?? 'Figure';
  return CELL_TITLES[spec.kind];
}
