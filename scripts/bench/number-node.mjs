#!/usr/bin/env node
// Micro-bench of the byte number parser (src/lib/ingest/curves/byte-number.ts) in Node: 8-digit
// values as generate-curves.mjs writes them, and Python-repr values (up to 17 digits, Eisel-Lemire)
// against Number() on the same strings. ns per number of CPU time.
//
//   node scripts/bench/number-node.mjs [--count 2000000]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { rolldown } from 'rolldown';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({ options: { count: { type: 'string', default: '2000000' } } });
const COUNT = Number(args.count) || 2e6;
const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-number-'));
let lib;
try {
  const bundle = await rolldown({
    input: path.join(repoRoot, 'src/lib/ingest/curves/byte-number.ts'),
    platform: 'node',
    logLevel: 'warn',
  });
  const file = path.join(tmp, 'number.mjs');
  await bundle.write({ file, format: 'esm' });
  await bundle.close();
  lib = await import(pathToFileURL(file).href);
} finally {
  await rm(tmp, { recursive: true, force: true });
}
const { scanNumber, NUMBER } = lib;

let seed = 7;
const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
for (const [name, format] of [
  ['8 digits (toPrecision(8))', (x) => x.toPrecision(8)],
  ['repr (String(x), up to 17 digits)', (x) => String(x)],
]) {
  const texts = Array.from({ length: COUNT }, () =>
    format(rnd() * 10 ** Math.floor(-6 + 8 * rnd())),
  );
  const bytes = new TextEncoder().encode(texts.join('\n') + '\n');
  for (let round = 0; round < 3; round++) {
    let c0 = process.cpuUsage();
    let sum = 0;
    for (let p = 0; p < bytes.length;) {
      p = scanNumber(bytes, p) + 1;
      sum += NUMBER[0];
    }
    let c = process.cpuUsage(c0);
    const ours = ((c.user + c.system) * 1000) / COUNT;
    c0 = process.cpuUsage();
    let check = 0;
    for (const t of texts) check += Number(t);
    c = process.cpuUsage(c0);
    const native = ((c.user + c.system) * 1000) / COUNT;
    if (sum !== check) throw new Error(`${name}: sums differ`);
    console.log(
      `${name}: scanNumber ${ours.toFixed(0)} ns, Number(string) ${native.toFixed(0)} ns per number`,
    );
  }
}
