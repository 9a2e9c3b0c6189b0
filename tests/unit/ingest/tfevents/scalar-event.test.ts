/**
 * decodeScalarEvent (the fast path for one-scalar events) against EventDecoder.decode: whenever
 * it accepts bytes it must stage exactly what the general decoder stages, and it must accept
 * the layouts PyTorch and TF2 write.
 */
import { describe, expect, it } from 'vitest';
import { EventDecoder } from '../../../../src/lib/ingest/tfevents/event';
import { decodeScalarEvent } from '../../../../src/lib/ingest/tfevents/scalar-event';

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

function lengthDelimited(field: number, body: number[]): number[] {
  return [(field << 3) | 2, ...varint(body.length), ...body];
}

function f32(x: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...b];
}

function event(step: number | null, tag: string, value: number, tensor: boolean): Uint8Array {
  const wall = new Uint8Array(8);
  new DataView(wall.buffer).setFloat64(0, 1_700_000_000.25 + (step ?? 0), true);
  const payload = tensor
    ? lengthDelimited(8, [0x08, 0x01, 0x12, 0x00, ...lengthDelimited(5, f32(value))])
    : [0x15, ...f32(value)];
  const valueMsg = [...lengthDelimited(1, [...new TextEncoder().encode(tag)]), ...payload];
  return Uint8Array.from([
    0x09,
    ...wall,
    ...(step === null ? [] : [0x10, ...varint(step)]),
    ...lengthDelimited(5, lengthDelimited(1, valueMsg)),
  ]);
}

function staged(d: EventDecoder) {
  const out = { wall: d.wallTime, step: d.step, count: d.count, version: d.fileVersionStart };
  const values = Array.from({ length: d.count }, (_, i) => [
    d.tagStart[i],
    d.tagEnd[i],
    d.values[i],
    d.kinds[i],
    d.policies[i],
  ]);
  return { ...out, values };
}

/** Runs both decoders; returns whether the fast path accepted the bytes. */
function compare(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fast = new EventDecoder();
  if (!decodeScalarEvent(fast, bytes, view, 0, bytes.length)) return false;
  const general = new EventDecoder();
  general.decode(bytes, view, 0, bytes.length);
  expect(staged(fast)).toEqual(staged(general));
  return true;
}

describe('decodeScalarEvent', () => {
  const steps = [null, 0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1];
  const tags = ['loss', 'train/learning_rate', 'x'.repeat(100)];

  it('accepts simple_value and rank-0 float tensor events and stages what decode() does', () => {
    for (const step of steps)
      for (const tag of tags)
        for (const tensor of [false, true])
          expect(compare(event(step, tag, Math.PI * (step ?? 1), tensor))).toBe(true);
  });

  it('leaves other layouts to decode(): big steps, empty tags, long values', () => {
    expect(compare(event(2 ** 28, 'loss', 1, false))).toBe(false);
    expect(compare(event(2 ** 40, 'loss', 1, true))).toBe(false);
    expect(compare(event(5, '', 1, false))).toBe(false);
    expect(compare(event(5, 'x'.repeat(130), 1, false))).toBe(false);
  });

  it('never disagrees with decode() on mutated events', () => {
    let seed = 99;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let n = 0; n < 20000; n++) {
      const base = event(steps[n % steps.length], tags[n % 2], rnd(), n % 3 === 0);
      const bytes = base.slice(0, rnd() < 0.1 ? Math.floor(rnd() * base.length) : base.length);
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++)
        bytes[Math.floor(rnd() * bytes.length)] = rnd() < 0.5 ? Math.floor(rnd() * 256) : 0x80;
      const view = new DataView(bytes.buffer);
      const fast = new EventDecoder();
      if (!decodeScalarEvent(fast, bytes, view, 0, bytes.length)) continue;
      const general = new EventDecoder();
      general.decode(bytes, view, 0, bytes.length);
      expect(staged(fast)).toEqual(staged(general));
    }
  });
});
