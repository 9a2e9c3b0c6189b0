import { CellState, type Column } from '../model';
import { CellKind, classifyRange, lastNumber } from './cells';
import { Growable } from './growable';

const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const BOOLEAN = /^(?:true|false|yes|no)$/i;
/** More distinct strings than this and a column is text, not a category. */
const MAX_CATEGORIES = 50;

/**
 * Types one column while rows stream in. A column stays numeric until the first cell that is
 * not a number, missing or NaN token; then it becomes dictionary-encoded strings, and the
 * numbers seen so far become labels.
 */
export class ColumnBuilder {
  private mode: 'number' | 'string' = 'number';
  private values = new Growable(Float64Array);
  private states = new Growable(Uint8Array);
  private codes = new Growable(Int32Array);
  private dictionary = new Map<string, number>();
  private labels: string[] = [];
  private lastCode = -1;

  constructor(
    readonly name: string,
    private readonly decimalComma: boolean,
  ) {}

  push(raw: string): void {
    this.pushRange(raw, 0, raw.length);
  }

  /** The cell `text[start, end)`: numbers are parsed in place, labels are sliced only when new. */
  pushRange(text: string, start: number, end: number): void {
    if (this.mode === 'string') {
      this.pushStringRange(text, start, end);
      return;
    }
    switch (classifyRange(text, start, end, this.decimalComma)) {
      case CellKind.number:
        this.values.push(lastNumber);
        this.states.push(CellState.value);
        return;
      case CellKind.missing:
        this.values.push(NaN);
        this.states.push(CellState.missing);
        return;
      case CellKind.nan:
        this.values.push(NaN);
        this.states.push(CellState.nan);
        return;
      default:
        this.switchToStrings();
        this.pushStringRange(text, start, end);
    }
  }

  /** Long-format logs repeat the same run and metric name row after row: match the last label first. */
  private pushStringRange(text: string, start: number, end: number): void {
    const last = this.lastCode >= 0 ? this.labels[this.lastCode] : null;
    if (last !== null && last.length === end - start && text.startsWith(last, start)) {
      this.codes.push(this.lastCode);
      return;
    }
    this.pushString(text.slice(start, end));
  }

  private pushString(raw: string): void {
    const value = raw.trim();
    if (
      value === '' ||
      classifyRange(value, 0, value.length, this.decimalComma) === CellKind.missing
    ) {
      this.codes.push(-1);
      this.lastCode = -1;
      return;
    }
    let code = this.dictionary.get(value);
    if (code === undefined) {
      code = this.labels.length;
      this.labels.push(value);
      this.dictionary.set(value, code);
    }
    this.codes.push(code);
    // Only an exact (untrimmed) match may reuse the code without a lookup.
    this.lastCode = value.length === raw.length ? code : -1;
  }

  private switchToStrings(): void {
    this.mode = 'string';
    for (let i = 0; i < this.states.length; i++) {
      const state = this.states.get(i);
      if (state === CellState.missing) this.codes.push(-1);
      else this.pushString(state === CellState.nan ? 'NaN' : numberLabel(this.values.get(i)));
    }
    this.values = new Growable(Float64Array, 1);
    this.states = new Growable(Uint8Array, 1);
  }

  finish(): Column {
    if (this.mode === 'number') {
      return {
        kind: 'number',
        name: this.name,
        values: this.values.toArray(),
        states: this.states.toArray(),
      };
    }
    const codes = this.codes.toArray();
    const time = this.asTime(codes);
    if (time) return time;
    let present = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) present++;
    const distinct = this.labels.length;
    const isCategory =
      distinct <= 1 ||
      this.labels.every((l) => BOOLEAN.test(l)) ||
      (distinct <= MAX_CATEGORIES && distinct < present);
    return { kind: isCategory ? 'category' : 'text', name: this.name, codes, labels: this.labels };
  }

  private asTime(codes: Int32Array): Column | null {
    if (this.labels.length === 0 || !this.labels.every((l) => ISO_TIME.test(l))) return null;
    const parsed = this.labels.map((l) =>
      Date.parse(l.includes(' ') && !l.includes('T') ? l.replace(' ', 'T') : l),
    );
    if (parsed.some((t) => Number.isNaN(t))) return null;
    const values = new Float64Array(codes.length);
    for (let i = 0; i < codes.length; i++) values[i] = codes[i] < 0 ? NaN : parsed[codes[i]];
    return { kind: 'time', name: this.name, values, format: 'iso' };
  }
}

function numberLabel(v: number): string {
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}
