import { describe, expect, it } from 'vitest';
import { classifyCell } from '../../../src/lib/ingest';

/** Deterministic PRNG so failures reproduce. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('fast number parsing agrees with Number() bit for bit', () => {
  it('on 100,000 random values in three spellings each', () => {
    const rand = lcg(7);
    const mismatches: string[] = [];
    for (let n = 0; n < 100_000; n++) {
      const v = (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
      const spellings = [
        String(v),
        v.toPrecision(1 + Math.floor(rand() * 17)),
        v.toExponential(Math.floor(rand() * 16)),
      ];
      for (const s of spellings) {
        const token = classifyCell(s, false);
        if (!(token.kind === 'number' && Object.is(token.value, Number(s)))) mismatches.push(s);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    '0',
    '-0',
    '1.',
    '.5',
    '+.5',
    '1e5',
    '1E-05',
    '-1.5e+3',
    '123456789012345678901234',
    '0.000000000000000000000001',
  ])('%s', (s) => {
    const token = classifyCell(s, false);
    expect(token.kind === 'number' && Object.is(token.value, Number(s))).toBe(true);
  });

  it.each(['1.2.3', '1e', '1e+', '--1', '1-', '0x10', '1_000', '12abc'])(
    '%s is not a number',
    (s) => {
      expect(classifyCell(s, false).kind).toBe('text');
    },
  );
});
