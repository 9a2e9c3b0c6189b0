#!/usr/bin/env node
// Curve CSV reader throughput in Node: the papaparse text path (TextDecoder + feed) against the
// byte path (feedBytes), on a generated long-format log read in 1 MiB chunks from memory.
// "of CPU time" divides by this process's CPU time (all threads), steadier on a busy machine.
// --repr writes values as Python's repr / JavaScript's String() do (up to 17 significant digits)
// instead of the 8 digits of generate-curves.mjs; --chunk sets the chunk size in KiB (Chromium's
// File.stream() hands out 64 KiB).
//
//   node scripts/bench/curves-node.mjs [--mb 100] [--runs 3] [--bytes-only] [--repr] [--chunk 1024]
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { rolldown } from 'rolldown';
import { writeLongCurves } from './generate-curves.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    'bytes-only': { type: 'boolean', default: false },
    repr: { type: 'boolean', default: false },
    chunk: { type: 'string', default: '1024' },
  },
});
const RUNS = Math.max(1, Number(args.runs) || 3);

const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-curves-'));
try {
  const bundle = await rolldown({
    input: path.join(repoRoot, 'src/lib/ingest/curves/index.ts'),
    platform: 'node',
    logLevel: 'warn',
  });
  const lib = path.join(tmp, 'curves.mjs');
  await bundle.write({ file: lib, format: 'esm' });
  await bundle.close();
  const { CurveCsvReader } = await import(pathToFileURL(lib).href);
  const file = path.join(tmp, 'long.csv');
  const shape = args.repr
    ? await writeReprCurves(file, Number(args.mb) * 1e6)
    : await writeLongCurves(file, { bytes: Number(args.mb) * 1e6 });
  const bytes = new Uint8Array(await readFile(file));
  const CHUNK = Math.max(1, Number(args.chunk) || 1024) * 1024;
  const modes = {
    'text (TextDecoder + papaparse)': () => {
      const reader = new CurveCsvReader('long.csv');
      const decoder = new TextDecoder();
      for (let i = 0; i < bytes.length; i += CHUNK)
        reader.feed(decoder.decode(bytes.subarray(i, i + CHUNK), { stream: true }));
      return reader.finish();
    },
    'bytes (feedBytes)': () => {
      const reader = new CurveCsvReader('long.csv');
      for (let i = 0; i < bytes.length; i += CHUNK) reader.feedBytes(bytes.subarray(i, i + CHUNK));
      return reader.finish();
    },
  };
  console.log(`${(bytes.length / 1e6).toFixed(1)} MB, ${shape.rows.toLocaleString('en')} rows`);
  for (const [name, run] of Object.entries(modes)) {
    if (args['bytes-only'] && !name.startsWith('bytes')) continue;
    const rates = [];
    const cpuRates = [];
    for (let r = 0; r < RUNS; r++) {
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const result = run();
      const ms = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      cpuRates.push(bytes.length / 1e6 / ((cpu.user + cpu.system) / 1e6));
      const points = result.curves.curves.reduce((n, c) => n + c.values.length, 0);
      if (points !== shape.rows)
        throw new Error(`${name}: ${points} points, expected ${shape.rows}`);
      rates.push(bytes.length / 1e6 / (ms / 1000));
    }
    rates.sort((a, b) => a - b);
    cpuRates.sort((a, b) => a - b);
    console.log(
      `${name}: median ${rates[Math.floor(RUNS / 2)].toFixed(0)} MB/s, best ${rates.at(-1).toFixed(0)} MB/s, ` +
        `median ${cpuRates[Math.floor(RUNS / 2)].toFixed(0)} MB/s of CPU time (best ${cpuRates.at(-1).toFixed(0)})`,
    );
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}

/** The long layout of generate-curves.mjs with shortest round-trip values (Python's repr). */
async function writeReprCurves(file, size) {
  const metrics = ['train/loss', 'eval/loss', 'train/grad_norm', 'lr'];
  let text = 'run,step,metric,value\n';
  let rows = 0;
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let r = 0; text.length < size; r++)
    for (let s = 0; s < 1000 && text.length < size; s++)
      for (const m of metrics) {
        text += `run_${r},${s},${m},${String(rnd() * 10 ** Math.floor(-6 + 8 * rnd()))}\n`;
        rows++;
      }
  await writeFile(file, text);
  return { rows };
}
