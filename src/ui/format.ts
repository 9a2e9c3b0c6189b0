/** Presentation helpers: words and number formats only, no statistics. */
import type { IngestPhase, RoleKind } from '../lib/model';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const decimal1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatPercent(rate: number): string {
  return percent.format(rate);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${decimal1.format(value)} ${units[unit]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const PHASES: Record<IngestPhase, string> = {
  reading: 'Reading',
  parsing: 'Parsing',
  typing: 'Typing columns',
  analysing: 'Analysing',
};

export function phaseLabel(phase: IngestPhase): string {
  return PHASES[phase] ?? phase;
}

const ROLE_LABELS: Record<RoleKind, string> = {
  id: 'id',
  status: 'status',
  param: 'hyperparameter',
  metric: 'metric',
  budget: 'budget',
  time: 'time',
  ignore: 'ignore',
};

export function roleKindLabel(kind: RoleKind): string {
  return ROLE_LABELS[kind] ?? kind;
}

/** "file:line:column", leaving out what is unknown. */
export function location(file?: string, line?: number, column?: number): string {
  let out = file ?? '';
  if (line !== undefined) out += `${out ? ':' : 'line '}${line}`;
  if (line !== undefined && column !== undefined) out += `:${column}`;
  return out;
}

/** A metric value with 4 significant digits, exponent form for very large or small ones. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'inf' : '-inf';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}
