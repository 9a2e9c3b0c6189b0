/**
 * Column helpers for the export adapters. Adapters never mutate a column: they return new Column
 * objects (typed arrays may be shared), so the raw dataset can be re-adapted when the user picks
 * another format.
 */
import { CellState, type Column, type NumberColumn, type TimeColumn } from '../../model';
import { CellKind, classifyCellFast, lastNumber } from '../cells';

type LabelColumn = Extract<Column, { kind: 'category' | 'text' }>;

export function isLabelColumn(column: Column): column is LabelColumn {
  return column.kind === 'category' || column.kind === 'text';
}

/** Number of rows holding something (a value, NaN or a label). */
export function presentCount(column: Column): number {
  let n = 0;
  if (column.kind === 'number') {
    for (const s of column.states) if (s !== CellState.missing) n++;
  } else if (column.kind === 'time') {
    for (const v of column.values) if (!Number.isNaN(v)) n++;
  } else {
    for (const c of column.codes) if (c >= 0) n++;
  }
  return n;
}

/** Distinct present values, counting at most `limit` of them (enough to tell constant from not). */
export function distinctCount(column: Column, limit = Infinity): number {
  const seen = new Set<number | string>();
  const add = (v: number | string) => {
    seen.add(v);
    return seen.size >= limit;
  };
  if (column.kind === 'number') {
    for (let i = 0; i < column.values.length; i++) {
      const s = column.states[i];
      if (s !== CellState.missing && add(s === CellState.nan ? 'NaN' : column.values[i])) break;
    }
  } else if (column.kind === 'time') {
    for (const v of column.values) if (!Number.isNaN(v) && add(v)) break;
  } else {
    for (const c of column.codes) if (c >= 0 && add(c)) break;
  }
  return seen.size;
}

/** Present in every row with no repeats: fit to identify trials. */
export function isUniqueAndComplete(column: Column, rowCount: number): boolean {
  return presentCount(column) === rowCount && distinctCount(column) === rowCount;
}

/**
 * A label column re-typed as numbers, or null when some label is not a number. `clean` undoes an
 * exporter's mangling first (MLflow's `'-1`).
 */
export function labelsAsNumbers(
  column: LabelColumn,
  decimalComma: boolean,
  clean: (label: string) => string = (l) => l,
): NumberColumn | null {
  const parsed: { state: CellState; value: number }[] = [];
  for (const label of column.labels) {
    const kind = classifyCellFast(clean(label), decimalComma);
    if (kind === CellKind.text) return null;
    parsed.push(
      kind === CellKind.number
        ? { state: CellState.value, value: lastNumber }
        : { state: kind === CellKind.nan ? CellState.nan : CellState.missing, value: NaN },
    );
  }
  return fromCodes(column, (code) => parsed[code]);
}

/** A label column whose labels are durations (`0 days 00:22:17.75`, `1.6s`), as seconds. */
export function durationsAsSeconds(column: LabelColumn): NumberColumn | null {
  const seconds = column.labels.map(parseDuration);
  if (seconds.some((s) => s === null)) return null;
  return fromCodes(column, (code) => ({ state: CellState.value, value: seconds[code] ?? NaN }));
}

function fromCodes(
  column: LabelColumn,
  cell: (code: number) => { state: CellState; value: number },
): NumberColumn {
  const n = column.codes.length;
  const values = new Float64Array(n);
  const states = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const code = column.codes[i];
    const c = code < 0 ? { state: CellState.missing, value: NaN } : cell(code);
    values[i] = c.value;
    states[i] = c.state;
  }
  return { kind: 'number', name: column.name, values, states };
}

const UNIT_SECONDS: Record<string, number> = { ms: 1e-3, s: 1, min: 60, h: 3600, d: 86400 };

/** pandas Timedelta text (`0 days 00:22:17.759593`, `00:22:17`) or MLflow's `120ms`/`1.6s`/`2.3min`/`1.2h`. */
export function parseDuration(text: string): number | null {
  const pandas = /^(?:(-?\d+) days? ?)?(?:\+?(\d+):(\d{2}):(\d{2}(?:\.\d+)?))?$/.exec(text.trim());
  if (pandas && (pandas[1] !== undefined || pandas[2] !== undefined)) {
    const days = Number(pandas[1] ?? 0);
    const clock = pandas[2] === undefined ? 0 : +pandas[2] * 3600 + +pandas[3] * 60 + +pandas[4];
    return days * 86400 + clock;
  }
  const unit = /^(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)$/.exec(text.trim());
  return unit ? Number(unit[1]) * UNIT_SECONDS[unit[2]] : null;
}

/** Epoch seconds (Ray's `timestamp`) as a time column, when every value is a plausible date. */
export function epochSecondsAsTime(column: NumberColumn): TimeColumn | null {
  const values = new Float64Array(column.values.length);
  for (let i = 0; i < values.length; i++) {
    const v = column.values[i];
    if (column.states[i] !== CellState.value) values[i] = NaN;
    // 2001-09-09 .. 2286-11-20: outside that it is a counter, not a clock.
    else if (v >= 1e9 && v < 1e10) values[i] = v * 1000;
    else return null;
  }
  return { kind: 'time', name: column.name, values, format: 'epoch-seconds' };
}

/** Ray's `date` (`2024-12-24_17-36-27`, local time) as a time column. */
export function rayDatesAsTime(column: LabelColumn): TimeColumn | null {
  const parsed = column.labels.map((l) => {
    const m = /^(\d{4}-\d{2}-\d{2})_(\d{2})-(\d{2})-(\d{2})$/.exec(l);
    return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}`) : NaN;
  });
  if (parsed.some((t) => Number.isNaN(t))) return null;
  const values = Float64Array.from(column.codes, (c) => (c < 0 ? NaN : parsed[c]));
  return { kind: 'time', name: column.name, values, format: 'iso' };
}
