#!/usr/bin/env node
// Throughput of the TensorBoard event-file reader in Node, CRC checks included.
//
//   node scripts/bench-tfevents.mjs [--mb 100] [--runs 5]
//
// Bundles src/lib/ingest/tfevents (TypeScript) with the installed rolldown into a temporary
// module, generates event files of ~N MB of scalar records in memory (simple_value records as
// PyTorch writes them, and float_val tensor records as TF2 writes them), and reads them whole and
// in 64 KiB / 1 MiB chunks. Prints MB/s (1 MB = 10^6 bytes) per mode: median and best of the runs,
// and the median per CPU second of this process (steadier when other work shares the machine).
// It measures; it does not test (the goal from issue 4 is >= 150 MB/s).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { rolldown } from 'rolldown';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
  },
});
const TARGET_BYTES = Math.max(1, Number(args.mb) || 100) * 1e6;
const RUNS = Math.max(1, Number(args.runs) || 5);
const GOAL_MBPS = 150;

const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-tfevents-'));
let lib;
try {
  const bundle = await rolldown({
    input: path.join(repoRoot, 'src/lib/ingest/tfevents/index.ts'),
    platform: 'neutral',
    logLevel: 'warn',
  });
  const file = path.join(tmp, 'tfevents.mjs');
  await bundle.write({ file, format: 'esm' });
  await bundle.close();
  lib = await import(pathToFileURL(file).href);
} finally {
  await rm(tmp, { recursive: true, force: true });
}
const { readEventFile, createEventFileReader, crc32c, maskCrc } = lib;

// ---- generator: encodes straight into one preallocated buffer -----------------------------------

class Out {
  constructor(size) {
    this.buf = new Uint8Array(size);
    this.view = new DataView(this.buf.buffer);
    this.pos = 0;
  }
  byte(b) {
    this.buf[this.pos++] = b;
  }
  varint(n) {
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }
  bytes(b) {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  f32(x) {
    this.view.setFloat32(this.pos, x, true);
    this.pos += 4;
  }
  f64(x) {
    this.view.setFloat64(this.pos, x, true);
    this.pos += 8;
  }
}

const enc = new TextEncoder();
const TAGS = ['train/loss', 'train/learning_rate', 'eval/accuracy'].map((t) => enc.encode(t));
const SCALARS_PLUGIN = enc.encode('scalars');

/** Encodes one Event into `ev` (reset) and returns its length. */
function encodeEvent(ev, wallTime, step, tag, value, tensor, withMetadata) {
  ev.pos = 0;
  ev.byte(0x09); // wall_time, fixed64
  ev.f64(wallTime);
  if (step !== 0) {
    ev.byte(0x10); // step, varint
    ev.varint(step);
  }
  // Summary.Value
  const val = new Out(256);
  val.byte(0x0a);
  val.varint(tag.length);
  val.bytes(tag);
  if (withMetadata) {
    // metadata { plugin_data { plugin_name: "scalars" } }
    val.byte(0x4a);
    val.varint(SCALARS_PLUGIN.length + 4);
    val.byte(0x0a);
    val.varint(SCALARS_PLUGIN.length + 2);
    val.byte(0x0a);
    val.varint(SCALARS_PLUGIN.length);
    val.bytes(SCALARS_PLUGIN);
  }
  if (tensor) {
    // tensor { dtype: DT_FLOAT, tensor_shape {}, float_val: [value] }
    val.byte(0x42);
    val.varint(2 + 2 + 6);
    val.byte(0x08);
    val.byte(0x01);
    val.byte(0x12);
    val.byte(0x00);
    val.byte(0x2a);
    val.byte(0x04);
    val.f32(value);
  } else {
    val.byte(0x15); // simple_value, fixed32
    val.f32(value);
  }
  const valueBytes = val.buf.subarray(0, val.pos);
  // summary { value { ... } }
  ev.byte(0x2a);
  ev.varint(valueBytes.length + 1 + varintSize(valueBytes.length));
  ev.byte(0x0a);
  ev.varint(valueBytes.length);
  ev.bytes(valueBytes);
  return ev.pos;
}

function varintSize(n) {
  let s = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    s++;
  }
  return s;
}

function frame(out, data) {
  const start = out.pos;
  out.view.setUint32(out.pos, data.length, true);
  out.view.setUint32(out.pos + 4, 0, true);
  out.view.setUint32(out.pos + 8, maskCrc(crc32c(out.buf, start, start + 8)), true);
  out.pos += 12;
  out.bytes(data);
  out.view.setUint32(out.pos, maskCrc(crc32c(data)), true);
  out.pos += 4;
}

function generate(targetBytes, tensor) {
  const out = new Out(targetBytes + 4096);
  const ev = new Out(512);
  // file_version record
  ev.pos = 0;
  ev.byte(0x09);
  ev.f64(1700000000);
  const version = enc.encode('brain.Event:2');
  ev.byte(0x1a);
  ev.varint(version.length);
  ev.bytes(version);
  frame(out, ev.buf.subarray(0, ev.pos));
  let i = 0;
  let seed = 1;
  for (;;) {
    const t = i % TAGS.length;
    const step = Math.floor(i / TAGS.length);
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const value = 2 * Math.exp(-step / 50000) + (seed / 2 ** 32) * 0.05;
    const len = encodeEvent(ev, 1700000000 + step * 0.25, step, TAGS[t], value, tensor, step === 0);
    if (out.pos + len + 16 > targetBytes) break;
    frame(out, ev.buf.subarray(0, len));
    i++;
  }
  return { bytes: out.buf.subarray(0, out.pos), points: i };
}

// ---- measurement --------------------------------------------------------------------------------

function readChunked(bytes, chunkSize) {
  const reader = createEventFileReader('bench.tfevents', 'bench');
  for (let i = 0; i < bytes.length; i += chunkSize) reader.push(bytes.subarray(i, i + chunkSize));
  return reader.finish();
}

const modes = [
  ['whole buffer', (b) => readEventFile(b, 'bench.tfevents', 'bench')],
  ['1 MiB chunks', (b) => readChunked(b, 1 << 20)],
  ['64 KiB chunks', (b) => readChunked(b, 1 << 16)],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(
  `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, ` +
    `load average ${os.loadavg()[0].toFixed(1)}; ${RUNS} runs per mode`,
);
console.log(
  'MB/s = 10^6 bytes per second of wall time; "of CPU time" divides by this process\'s CPU time ' +
    'instead, which is steadier on a busy machine.\n',
);
const rows = [];
for (const [label, tensor] of [
  ['simple_value records', false],
  ['tensor float_val records', true],
]) {
  const t0 = performance.now();
  const { bytes, points } = generate(TARGET_BYTES, tensor);
  const genMs = performance.now() - t0;
  console.log(
    `${label}: ${(bytes.length / 1e6).toFixed(1)} MB, ${points.toLocaleString('en')} points ` +
      `(${(bytes.length / (points + 1)).toFixed(1)} bytes/record), generated in ${genMs.toFixed(0)} ms`,
  );
  for (const [mode, fn] of modes) {
    fn(bytes.subarray(0, Math.min(bytes.length, 2e6))); // warm-up
    const rates = [];
    const cpuRates = [];
    for (let r = 0; r < RUNS; r++) {
      const cpu0 = process.cpuUsage();
      const s = performance.now();
      const result = fn(bytes);
      const ms = performance.now() - s;
      const cpu = process.cpuUsage(cpu0);
      if (result.stats.scalars !== points || result.stats.corruptRecords !== 0) {
        throw new Error(`${label} / ${mode}: read ${result.stats.scalars} of ${points} points`);
      }
      rates.push(bytes.length / 1e6 / (ms / 1000));
      cpuRates.push(bytes.length / 1e6 / ((cpu.user + cpu.system) / 1e6));
    }
    rows.push({
      file: label,
      mode,
      'median MB/s': Math.round(median(rates)),
      'best MB/s': Math.round(Math.max(...rates)),
      'median MB/s of CPU time': Math.round(median(cpuRates)),
      goal: median(rates) >= GOAL_MBPS ? `>= ${GOAL_MBPS} ok` : `< ${GOAL_MBPS} missed`,
    });
  }
}

// CRC alone, for reference.
{
  const buf = new Uint8Array(64e6);
  for (let i = 0; i < buf.length; i++) buf[i] = (i * 31) & 0xff;
  crc32c(buf, 0, 1e6);
  const cpu0 = process.cpuUsage();
  const s = performance.now();
  crc32c(buf);
  const ms = performance.now() - s;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `\ncrc32c (slicing-by-16) alone: ${Math.round(buf.length / 1e6 / (ms / 1000))} MB/s ` +
      `(${Math.round(buf.length / 1e6 / ((cpu.user + cpu.system) / 1e6))} MB/s of CPU time)`,
  );
}
console.log();
console.table(rows);
