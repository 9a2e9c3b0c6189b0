/**
 * The long-format loop of the byte path (byte-long.ts) against the papaparse text path: column
 * orders, names that predict wrongly (prefixes, quoted twins, a changing metric cycle), numbers
 * at and past 15 significant digits, and plain lines mixed with ones it leaves to the general path.
 */
import { describe, it } from 'vitest';
import { createRandom, expectSameAsText, type Random } from './curve-bytes-helpers';

const RUNS = ['run_1', 'run_10', 'run_1', 'a', 'run_100', '"a"', '" a"', '"a,b"', 'a', 'é'];
const METRICS = ['loss', 'loss2', 'lo', 'train/loss', 'eval/loss', 'lr', '"loss"', ''];

function value(rnd: Random): string {
  const x = (rnd.next() - 0.4) * 10 ** rnd.int(-30, 30);
  switch (rnd.int(0, 7)) {
    case 0:
      return String(x); // shortest round trip: up to 17 digits
    case 1:
      return x.toPrecision(rnd.int(1, 17));
    case 2:
      return x.toExponential(rnd.int(0, 20));
    case 3:
      return x.toPrecision(8);
    case 4:
      return rnd.pick(['-0', '+0.5', '.5', '5.', '1e400', '-1e-400', '1E+5', '00', '0.0']);
    case 5:
      return String(rnd.int(-1000, 1000));
    case 6:
      return rnd.pick(['NaN', '', 'abc', ' 1', '1 ', '1e', '1e+', '--1', '1.2.3', '0x10', 'inf']);
    default:
      return (rnd.next() * 10).toFixed(rnd.int(14, 20));
  }
}

function file(rnd: Random, header: string[], rows: number, crlf: boolean): string {
  const lines = [header.join(',')];
  let run = rnd.pick(RUNS);
  const cycle = Array.from({ length: rnd.int(1, 4) }, () => rnd.pick(METRICS));
  for (let i = 0; i < rows; i++) {
    if (rnd.next() < 0.05) run = rnd.pick(RUNS);
    if (rnd.next() < 0.02) cycle[rnd.int(0, cycle.length - 1)] = rnd.pick(METRICS);
    const plain = rnd.next() < 0.85;
    const cells = header.map((h) => {
      if (h === 'run') return run;
      if (h === 'metric') return cycle[i % cycle.length];
      if (h === 'step') return plain ? String(i >> 2) : rnd.pick(['1e400', '1.5', 'x', '', '+3']);
      if (h === 'wall_time') return plain ? '1700000000.25' : rnd.pick(['1700000000123', 'x']);
      return plain ? (rnd.next() * 3).toPrecision(8) : value(rnd);
    });
    if (rnd.next() < 0.01) cells.pop();
    if (rnd.next() < 0.01) cells.push('extra');
    lines.push(cells.join(','));
  }
  const newline = crlf ? '\r\n' : '\n';
  return lines.join(newline) + (rnd.next() < 0.5 ? newline : '');
}

const HEADERS = [
  ['run', 'step', 'metric', 'value'],
  ['metric', 'step', 'value'],
  ['step', 'metric', 'value', 'run'],
  ['run', 'metric', 'value', 'step', 'wall_time'],
  ['run', 'step', 'value', 'metric'],
];

describe('long-format byte loop = text path', () => {
  const cases = Array.from({ length: 60 }, (_, i) => i);
  it.each(cases)('generated long file %i', (i) => {
    const rnd = createRandom(7000 + i);
    const header = HEADERS[i % HEADERS.length];
    const text = file(rnd, header, rnd.int(0, 400), i % 3 === 0);
    expectSameAsText(text, `long_${i}.csv`, createRandom(i + 11), 1 + (i % 5) * 97);
  });

  it('reads a long file with repeating runs and a metric cycle', () => {
    const rnd = createRandom(5);
    const lines = ['run,step,metric,value'];
    for (let r = 0; r < 5; r++)
      for (let s = 0; s < 300; s++)
        for (const m of ['train/loss', 'eval/loss', 'lr'])
          lines.push(`run_${r},${s},${m},${String(rnd.next() * 10 ** rnd.int(-8, 3))}`);
    expectSameAsText(lines.join('\n') + '\n', 'cycle.csv', rnd, 4096);
  });
});
