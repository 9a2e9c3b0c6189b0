// Deterministic TensorBoard event file for the benchmark, streamed to disk: TFRecord framing with
// real masked CRC-32C checksums, a file_version record, then scalar summaries (simple_value, as
// PyTorch's SummaryWriter writes them) for 4 tags. Self-contained: its own CRC-32C table.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32c(buf, start, end) {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** TFRecord's masked CRC: rotate right by 15 and add a constant. */
const mask = (crc) => ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;

const enc = new TextEncoder();
const TAGS = ['train/loss', 'eval/loss', 'train/grad_norm', 'train/learning_rate'].map((t) =>
  enc.encode(t),
);

/** Appends one framed record of `data[0, len)` at `out[pos]`; returns the new position. */
function frame(out, view, pos, data, len) {
  view.setUint32(pos, len, true);
  view.setUint32(pos + 4, 0, true);
  view.setUint32(pos + 8, mask(crc32c(out, pos, pos + 8)), true);
  out.set(data.subarray(0, len), pos + 12);
  view.setUint32(pos + 12 + len, mask(crc32c(data, 0, len)), true);
  return pos + 16 + len;
}

function varint(buf, pos, n) {
  while (n >= 0x80) {
    buf[pos++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[pos++] = n;
  return pos;
}

/** One Event { wall_time, step, summary { value { tag, simple_value } } } into `ev`. */
function encodeEvent(ev, view, wallTime, step, tag, value) {
  let p = 0;
  ev[p++] = 0x09;
  view.setFloat64(p, wallTime, true);
  p += 8;
  ev[p++] = 0x10;
  p = varint(ev, p, step);
  const valueLength = 2 + tag.length + 5; // tag field + simple_value field
  ev[p++] = 0x2a;
  p = varint(ev, p, valueLength + 2);
  ev[p++] = 0x0a;
  p = varint(ev, p, valueLength);
  ev[p++] = 0x0a;
  ev[p++] = tag.length;
  ev.set(tag, p);
  p += tag.length;
  ev[p++] = 0x15;
  view.setFloat32(p, value, true);
  return p + 4;
}

/** Writes about `bytes` bytes of events to `file`; returns the size and the number of scalars. */
export async function writeEventFile(file, { bytes, seed = 7 } = {}) {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const pieceSize = 1 << 20;
  let piece = new Uint8Array(pieceSize + 256);
  let view = new DataView(piece.buffer);
  const ev = new Uint8Array(128);
  const evView = new DataView(ev.buffer);
  let pos = 0;
  let written = 0;
  let scalars = 0;
  const version = enc.encode('brain.Event:2');
  ev[0] = 0x09;
  evView.setFloat64(1, 1.7e9, true);
  ev[9] = 0x1a;
  ev[10] = version.length;
  ev.set(version, 11);
  pos = frame(piece, view, pos, ev, 11 + version.length);
  let s = seed >>> 0;
  for (let i = 0; written + pos < bytes; i++) {
    const step = Math.floor(i / TAGS.length);
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const value = 2 * Math.exp(-step / 200000) + (s / 2 ** 32) * 0.05;
    const len = encodeEvent(ev, evView, 1.7e9 + step * 0.25, step, TAGS[i % TAGS.length], value);
    pos = frame(piece, view, pos, ev, len);
    scalars++;
    if (pos >= pieceSize) {
      if (!out.write(piece.subarray(0, pos))) await once(out, 'drain');
      written += pos;
      piece = new Uint8Array(pieceSize + 256);
      view = new DataView(piece.buffer);
      pos = 0;
    }
  }
  if (pos > 0) out.write(piece.subarray(0, pos));
  written += pos;
  out.end();
  await once(out, 'finish');
  return { bytes: written, scalars, tags: TAGS.length };
}
