/**
 * The notebook document: what is persisted, exported and shared. It holds cell *specs* (which
 * view, with which options, in which order) and a reference to the source data; cell outputs
 * are never stored, they are recomputed from the data on open. Plain JSON, versioned: anything
 * read back from storage or a file goes through `restore()` in lib/persist before use.
 */
import type { FigureRequest } from './figure-request';
import type { RoleOverrides } from './role';

/** Bumped with every change of the document's shape; persist/ holds one migration per step. */
export const NOTEBOOK_SCHEMA_VERSION = 1;

interface CellBase {
  /** Stable within a notebook (keyed lists, undo, drag and drop). */
  id: string;
  collapsed: boolean;
}

export interface SourcesCellSpec extends CellBase {
  kind: 'sources';
}
export interface OverviewCellSpec extends CellBase {
  kind: 'overview';
}
export interface FindingsCellSpec extends CellBase {
  kind: 'findings';
}
export interface CurvesCellSpec extends CellBase {
  kind: 'curves';
  /** Metric shown; absent: the default (the first loss-like metric). */
  metric?: string;
  /** Runs drawn; absent or empty: all runs. */
  runIds?: string[];
}
export interface LeaderboardCellSpec extends CellBase {
  kind: 'leaderboard';
  metric?: string;
}
export interface AssociationsCellSpec extends CellBase {
  kind: 'associations';
}
export interface FigureCellSpec extends CellBase {
  kind: 'figure';
  request: FigureRequest;
}
export interface DataCellSpec extends CellBase {
  kind: 'data';
}
export interface CompareCellSpec extends CellBase {
  kind: 'compare';
  /** 2–4 run ids; absent: the current selection. */
  runIds?: string[];
  metric?: string;
}
export interface SettingsCellSpec extends CellBase {
  kind: 'settings';
}
export interface ReportCellSpec extends CellBase {
  kind: 'report';
}
/** The user's own words: markdown, rendered sanitised. */
export interface NoteCellSpec extends CellBase {
  kind: 'note';
  markdown: string;
}

export type CellSpec =
  | SourcesCellSpec
  | OverviewCellSpec
  | FindingsCellSpec
  | CurvesCellSpec
  | LeaderboardCellSpec
  | AssociationsCellSpec
  | FigureCellSpec
  | DataCellSpec
  | CompareCellSpec
  | SettingsCellSpec
  | ReportCellSpec
  | NoteCellSpec;

export type CellKind = CellSpec['kind'];

/** One file of the notebook's data, its bytes stored separately under `blobId`. */
export interface StoredFileRef {
  /** Path inside a dropped folder, or the file name. */
  path: string;
  size: number;
  lastModified: number;
  /** Key of the bytes in the source store (or in an exported notebook file). */
  blobId: string;
}

/** Where the notebook's data comes from. */
export type NotebookSource =
  | { kind: 'files'; label: string; files: StoredFileRef[] }
  | { kind: 'example'; name: string }
  | { kind: 'url'; url: string };

export interface NotebookDocument {
  schemaVersion: number;
  id: string;
  title: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  cells: CellSpec[];
  source: NotebookSource | null;
  roleOverrides: RoleOverrides;
  /** Detector thresholds that differ from their defaults, by section then key. */
  settings: Record<string, Record<string, number | boolean | null>>;
  selectedRunIds: string[];
}
