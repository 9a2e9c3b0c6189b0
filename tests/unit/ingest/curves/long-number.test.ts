/**
 * longNumber (Eisel-Lemire for 16–19 significant digits, Number() beyond) must give Number()'s
 * double bit for bit: shortest round trips of random doubles (Python's repr), fixed 16–19 digit
 * renderings, and values at the edges (halfway cases, the largest double, subnormals).
 * LONG_NUMBER_CASES=3000000 runs a longer search.
 */
import { describe, expect, it } from 'vitest';
import { longNumber, scanNumber, NUMBER } from '../../../../src/lib/ingest/curves/byte-number';

const enc = new TextEncoder();

/** The value scanNumber reads from `text` followed by an LF. */
function scanned(text: string): number {
  const bytes = enc.encode(`${text}\n`);
  expect(scanNumber(bytes, 0), text).toBe(bytes.length - 1);
  return NUMBER[0];
}

function expectExact(text: string): void {
  const got = scanned(text);
  if (!Object.is(got, Number(text))) expect(`${text} → ${got}`).toBe(`${text} → ${Number(text)}`);
}

describe('longNumber', () => {
  it('reads edge cases as Number() does', () => {
    const cases = [
      '9007199254740993',
      '9007199254740995',
      '9007199254740992.5',
      '9007199254740993.0000001',
      '1.7976931348623157e308',
      '1.7976931348623158e308',
      '1.7976931348623159e308',
      '2.2250738585072014e-308',
      '2.2250738585072011e-308',
      '4.9406564584124654e-324',
      '123456789012345678',
      '-0.10000000000000000555',
      '0.1000000000000000055511151231257827',
      '9999999999999999999',
      '18446744073709551615',
      '0.000000000000000000000000000001234567890123456789',
      '1234567890123456789e-400',
      '1234567890123456789e300',
      '3.0000000000000004',
      '0.30000000000000004',
      '-1.0000000000000002',
      '4503599627370496.5',
      '4503599627370497.5',
    ];
    for (const text of cases) expectExact(text);
    expect(longNumber(enc.encode('0.0000000000000000'), 0, 18, -16, true)).toBe(-0);
  });

  it('reads random doubles in their 16–19 digit renderings as Number() does', () => {
    const n = Number(process.env.LONG_NUMBER_CASES ?? 30000);
    let seed = 1;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const bits = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < n; i++) {
      let x: number;
      if (i % 3 === 0) {
        bits.setUint32(0, (rnd() * 2 ** 32) >>> 0);
        bits.setUint32(4, (rnd() * 2 ** 32) >>> 0);
        x = bits.getFloat64(0);
        if (!Number.isFinite(x)) continue;
      } else x = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 60 - 30);
      expectExact(String(x));
      expectExact(x.toPrecision(16 + (i % 4)));
      expectExact(x.toExponential(15 + (i % 5)));
    }
  }, 600_000);
});
