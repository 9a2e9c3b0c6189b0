/**
 * Differential test on 240 generated long and wide curve CSVs: quotes (plain, with delimiters,
 * escaped, spanning lines, stray), CRLF and CR-only files, every delimiter, decimal commas, BOMs,
 * non-ASCII names, blank and short rows, empty cells, NaN/inf/None tokens and long or odd
 * numbers, each fed to the byte path in chunks cut at random places.
 */
import { describe, it } from 'vitest';
import { createRandom, expectSameAsText, type Random } from './curve-bytes-helpers';

const NAMES = ['a', 'run_1', 'lr=0.1,bs=32', ' spaced ', 'été', '日本', '', 'x"y', 'tab\there'];
const METRICS = ['loss', 'train/loss', 'eval acc', 'perte', '', 'grad_norm'];
const TOKENS = [
  '',
  'NaN',
  'nan',
  'inf',
  '-inf',
  '+Infinity',
  'None',
  'null',
  'abc',
  ' 1.5 ',
  '08123',
];

function number(rnd: Random): string {
  const x = (rnd.next() - 0.3) * 10 ** rnd.int(-12, 12);
  switch (rnd.int(0, 5)) {
    case 0:
      return String(x);
    case 1:
      return x.toFixed(rnd.int(0, 8));
    case 2:
      return x.toExponential(rnd.int(0, 17));
    case 3:
      return x.toPrecision(rnd.int(15, 21));
    case 4:
      return String(rnd.int(-5, 100000));
    default:
      return rnd.pick(['0', '-0', '.5', '1e5', '1E-5', '123456789012345678', '0.1e-400']);
  }
}

/** A cell as written by an exporter: sometimes quoted, sometimes broken on purpose. */
function cell(value: string, rnd: Random, delimiter: string): string {
  const needsQuotes = value.includes(delimiter) || value.includes('"') || value.includes('\n');
  const r = rnd.next();
  if (r < 0.004) return `"${value}\nmore"`; // a quoted line break
  if (r < 0.008) return `${value}"stray`;
  if (needsQuotes || r < 0.1) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

function generate(rnd: Random, index: number): { name: string; text: string } {
  const delimiter = rnd.pick([',', ',', ',', ';', '\t', '|']);
  const decimalComma = delimiter === ';' && rnd.next() < 0.5;
  const newline = rnd.next() < 0.05 ? '\r' : rnd.pick(['\n', '\n', '\r\n']);
  const long = rnd.next() < 0.6;
  const withWall = rnd.next() < 0.2;
  const header = long
    ? ['run', 'step', 'metric', 'value', ...(withWall ? ['wall_time'] : [])]
    : [
        'step',
        ...(rnd.next() < 0.3 ? ['run'] : []),
        'loss',
        'val_loss',
        ...(withWall ? ['timestamp'] : []),
      ];
  const runs = Array.from({ length: rnd.int(1, 4) }, () => rnd.pick(NAMES));
  const lines = [header.map((h) => cell(h, rnd, delimiter)).join(delimiter)];
  const rows = rnd.int(0, 120);
  for (let i = 0; i < rows; i++) {
    const r = rnd.next();
    if (r < 0.03) {
      lines.push(rnd.pick(['', '  ', delimiter.repeat(rnd.int(1, 3))]));
      continue;
    }
    const fields = header.map((h) => {
      if (h === 'run') return rnd.pick(runs);
      if (h === 'step') return rnd.next() < 0.03 ? rnd.pick(['x', '', '1.5e3']) : String(i);
      if (h === 'metric') return rnd.pick(METRICS);
      if (h === 'wall_time' || h === 'timestamp')
        return rnd.pick(['1700000000.5', '1700000000123', '2024-01-02T03:04:05Z', '', 'later']);
      let v = rnd.next() < 0.15 ? rnd.pick(TOKENS) : number(rnd);
      if (decimalComma) v = v.replace('.', ',');
      return v;
    });
    if (r < 0.05) fields.length = rnd.int(1, fields.length);
    lines.push(fields.map((f) => cell(f, rnd, delimiter)).join(delimiter));
  }
  const bom = rnd.next() < 0.1 ? '\ufeff' : '';
  const end = rnd.next() < 0.8 ? newline : '';
  return {
    name: `gen_${index}${long ? '_long' : '_wide'}.csv`,
    text: bom + lines.join(newline) + end,
  };
}

describe('curve CSV byte path = text path on generated files', () => {
  const rnd = createRandom(20261122);
  const files = Array.from({ length: 240 }, (_, i) => generate(rnd, i));
  it.each(files.map((f, i) => [f.name, i] as const))('%s', (_name, i) => {
    const { name, text } = files[i];
    expectSameAsText(text, name, createRandom(i + 1), 1 + (i % 7) * 37);
  });
});
