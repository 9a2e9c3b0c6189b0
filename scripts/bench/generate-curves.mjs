// Deterministic long-format training log for the benchmark: `run,step,metric,value`, 200 runs ×
// 4 metrics, as many steps as it takes to reach the requested size. Streamed to disk in ~1 MB
// pieces, so a 1 GB file never exists in memory (or as one string). Values have 8 significant
// digits, as CSV loggers that round (W&B exports, `%.8g`) write them.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { mulberry32 } from './generate-sweep.mjs';

export const CURVE_METRICS = ['train/loss', 'eval/loss', 'train/grad_norm', 'lr'];

/**
 * Writes `file` with about `bytes` bytes (the same number of steps for every run and metric,
 * run by run, then step by step). Returns the size, row count and shape.
 */
export async function writeLongCurves(file, { bytes, runs = 200, seed = 4 } = {}) {
  await mkdir(path.dirname(file), { recursive: true });
  const rnd = mulberry32(seed);
  const header = 'run,step,metric,value\n';
  // ~34 bytes per row: pick the step count that reaches about the size.
  const rowBytes = 34;
  const steps = Math.max(
    1,
    Math.ceil((bytes - header.length) / (rowBytes * runs * CURVE_METRICS.length)),
  );
  const out = createWriteStream(file);
  let written = 0;
  let rows = 0;
  const write = async (s) => {
    written += s.length; // ASCII only
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(header);
  let piece = '';
  for (let r = 0; r < runs; r++) {
    const run = `run_${String(r).padStart(3, '0')}`;
    const lr0 = 10 ** (-5 + 3 * rnd());
    for (let s = 0; s < steps; s++) {
      const t = s / steps;
      const loss = 2.5 * Math.exp(-3 * t) + 0.05 * rnd();
      const values = [loss, loss * (1.05 + 0.1 * t) + 0.02 * rnd(), 1 + 5 * rnd(), lr0 * (1 - t)];
      for (let m = 0; m < CURVE_METRICS.length; m++) {
        piece += `${run},${s},${CURVE_METRICS[m]},${values[m].toPrecision(8)}\n`;
        rows++;
      }
      if (piece.length >= 1 << 20) {
        await write(piece);
        piece = '';
      }
    }
  }
  if (piece) await write(piece);
  out.end();
  await once(out, 'finish');
  return { bytes: written, rows, runs, metrics: CURVE_METRICS.length, steps };
}
