/** Shared by the curve byte-path differential tests: both readers, compared exactly. */
import { expect } from 'vitest';
import { CurveCsvReader, readCurveCsv, type CurveCsvResult } from '../../../src/lib/ingest/curves';
import { createRandom, type Random } from '../../../src/lib/fixtures/random';

export { createRandom, type Random };

/** Bytes fed in pieces cut at random places (inside lines, quotes and multibyte characters). */
export function readBytesChunked(bytes: Uint8Array, name: string, rnd: Random, maxChunk: number) {
  const reader = new CurveCsvReader(name);
  for (let i = 0; i < bytes.length;) {
    const size = 1 + Math.floor(rnd.next() * maxChunk);
    reader.feedBytes(bytes.slice(i, i + size));
    i += size;
  }
  return reader.finish();
}

function bits(a: Float64Array | null): string[] | null {
  // Hex of each double: NaN payloads, -0 and every last bit must match.
  if (!a) return null;
  const view = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) out.push(view.getBigUint64(i * 8, true).toString(16));
  return out;
}

function comparable(r: CurveCsvResult) {
  return {
    ...r,
    curves: {
      runs: r.curves.runs,
      curves: r.curves.curves.map((c) => ({
        runId: c.runId,
        metric: c.metric,
        steps: bits(c.steps),
        values: bits(c.values),
        wallTimes: bits(c.wallTimes),
      })),
    },
  };
}

/** The byte path, fed in random chunks, gives exactly what the papaparse path gives. */
export function expectSameAsText(text: string, name: string, rnd: Random, maxChunk = 64): void {
  const expected = readCurveCsv(text, name);
  const bytes = new TextEncoder().encode(text);
  const actual = readBytesChunked(bytes, name, rnd, maxChunk);
  expect(comparable(actual), name).toEqual(comparable(expected));
  const whole = readBytesChunked(bytes, name, rnd, bytes.length + 1);
  expect(comparable(whole), name).toEqual(comparable(expected));
}
