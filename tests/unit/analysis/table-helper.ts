/** Builds RunTables by hand for analysis tests, without the CSV reader. */
import {
  analyze,
  createContext,
  inferRoles,
  runIdsOf,
  type Detector,
} from '../../../src/lib/analysis';
import { DEFAULT_SETTINGS } from '../../../src/lib/analysis/settings';
import {
  CellState,
  type AnalysisSummary,
  type Column,
  type Dataset,
  type DetectorSettings,
  type Finding,
  type RoleOverrides,
  type RunTable,
  type SourceInfo,
} from '../../../src/lib/model';

export type Cell = number | string | null;

const NAN_TOKENS = new Set(['NaN', 'nan']);
const INF_TOKENS: Record<string, number> = { inf: Infinity, Infinity: Infinity, '-inf': -Infinity };

function isNumeric(cell: Cell): boolean {
  return cell === null || typeof cell === 'number' || NAN_TOKENS.has(cell) || cell in INF_TOKENS;
}

/**
 * One column per key. Numbers, null (missing), 'NaN' and 'inf'/'-inf' make a number column;
 * anything else a category column, or a text column when listed in `textColumns`.
 */
export function tableFromColumns(
  columns: Record<string, Cell[]>,
  textColumns: readonly string[] = [],
): RunTable {
  const entries = Object.entries(columns);
  const rowCount = entries.length > 0 ? entries[0][1].length : 0;
  return {
    columns: entries.map(([name, cells]) => toColumn(name, cells, textColumns.includes(name))),
    rowCount,
    sourceLines: Int32Array.from({ length: rowCount }, (_, i) => i + 2),
  };
}

function toColumn(name: string, cells: Cell[], text: boolean): Column {
  if (!text && cells.every(isNumeric)) {
    const values = new Float64Array(cells.length);
    const states = new Uint8Array(cells.length);
    cells.forEach((cell, i) => {
      if (cell === null) [values[i], states[i]] = [NaN, CellState.missing];
      else if (typeof cell === 'number') values[i] = cell;
      else if (NAN_TOKENS.has(cell)) [values[i], states[i]] = [NaN, CellState.nan];
      else values[i] = INF_TOKENS[cell];
    });
    return { kind: 'number', name, values, states };
  }
  const labels: string[] = [];
  const codes = Int32Array.from(cells, (cell) => {
    if (cell === null) return -1;
    const label = String(cell);
    const at = labels.indexOf(label);
    return at >= 0 ? at : labels.push(label) - 1;
  });
  return { kind: text ? 'text' : 'category', name, codes, labels };
}

/** A simple CSV (no quoting, as the fixture generators write it) as a RunTable. */
export function tableFromCsv(csv: string): RunTable {
  const [header, ...lines] = csv.trimEnd().split('\n');
  const names = header.split(',');
  const rows = lines.map((line) => line.split(','));
  const columns: Record<string, Cell[]> = {};
  names.forEach((name, j) => {
    columns[name] = rows.map((r) => {
      const raw = r[j];
      if (raw === '') return null;
      return Number.isFinite(Number(raw)) ? Number(raw) : raw;
    });
  });
  return tableFromColumns(columns);
}

export function sourceOf(table: RunTable, file = 'test.csv', quarantinedCount = 0): SourceInfo {
  return {
    file,
    bytes: 0,
    format: 'csv-table',
    formatReason: 'built by a test',
    dialect: null,
    rows: table.rowCount,
    columns: table.columns.length,
    issues: [],
    quarantined: [],
    quarantinedCount,
  };
}

export function datasetOf(table: RunTable, file = 'test.csv'): Dataset {
  return { source: sourceOf(table, file), table };
}

export function analyzeTable(
  table: RunTable,
  overrides: RoleOverrides = {},
  settings: DetectorSettings = DEFAULT_SETTINGS,
): AnalysisSummary {
  return analyze(datasetOf(table), { overrides, settings });
}

/** The seed sample of the original tool, built by hand (same six rows as its README). */
export function seedSampleTable(): RunTable {
  return tableFromColumns({
    trial_id: [1, 2, 3, 4, 5, 6],
    status: ['completed', 'failed', 'completed', 'completed', 'completed', 'completed'],
    lr: [0.001, 0.01, 0.0001, 0.02, 0.005, 0.0005],
    batch_size: [64, 64, 16, 32, 8, 128],
    weight_decay: [0.0001, 0.0001, 0, 0.0001, 0.0001, 0.001],
    train_loss: [0.35, 'NaN', 0.15, 0.5, 0.2, 0.3],
    val_loss: [0.42, 'NaN', 0.8, 'inf', 0.25, 0.32],
    train_acc: [0.89, 'NaN', 0.99, 0.8, 0.95, 0.9],
    val_acc: [0.86, 'NaN', 0.6, 0.7, 0.93, 0.88],
    epochs: [20, 3, 40, 10, 5, 25],
    runtime_sec: [320, 45, 600, 200, 100, 350],
  });
}

/** One detector over a table, with inferred roles and default settings unless given. */
export function runDetector(
  detector: Detector,
  table: RunTable,
  settings: DetectorSettings = DEFAULT_SETTINGS,
  overrides: RoleOverrides = {},
): Finding[] {
  const roles = inferRoles(table, overrides);
  return detector.run(createContext(table, roles, settings, runIdsOf(table, roles)));
}

/** Settings with one group changed. */
export function settingsWith(patch: Partial<DetectorSettings>): DetectorSettings {
  return { ...DEFAULT_SETTINGS, ...patch };
}
