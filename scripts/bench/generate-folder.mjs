// Deterministic sweep folder of 200 runs for the benchmark, written to disk:
//   sweep200/run_<i>_lr-<lr>_rank-<r>_seed-<s>/logs/events.out.tfevents.<t>.bench-node   (even i)
//   sweep200/run_<i>_lr-<lr>_rank-<r>_seed-<s>/metrics.csv                                 (odd i)
// Hyperparameters live in the folder names, as in the LoRA example. Event files are encoded by
// the project's own test writer (src/lib/fixtures/tfevents-writer.ts, bundled here with rolldown,
// real CRC-32C) so the bench reads what the tests read; the CSVs are wide per-step logs
// (`step,train/loss,eval/loss,train/grad_norm,learning_rate`, eval filled every 10th row).
// A few runs carry planted pathologies (spike, divergence, NaN, stopped early) so the app has
// findings to show; the rest decay smoothly to a floor.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { mulberry32 } from './generate-sweep.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** EventFileWriter from the fixtures, bundled to a temporary module (TypeScript source). */
async function loadEventWriter() {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-folder-'));
  try {
    const bundle = await rolldown({
      input: path.join(repoRoot, 'src/lib/fixtures/tfevents-writer.ts'),
      platform: 'neutral',
      logLevel: 'warn',
    });
    const file = path.join(tmp, 'writer.mjs');
    await bundle.write({ file, format: 'esm' });
    await bundle.close();
    return (await import(pathToFileURL(file).href)).EventFileWriter;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const LRS = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3];
const RANKS = [4, 8, 16, 32];
/** Planted pathology by run index: fixed, so every run of the bench finds the same ones. */
const PLANTED = { 3: 'spike', 17: 'diverge', 42: 'nan', 77: 'stopped', 120: 'spike', 151: 'nan' };

const lrText = (lr) => lr.toExponential().replace('e+', 'e').replace('e-', 'e-');

function lossAt(kind, floor, step, rnd) {
  const loss = (floor + 1.6 * Math.exp(-step / 220)) * (1 + 0.01 * (rnd() - 0.5));
  if (kind === 'spike' && step === 1200) return loss * 3.5;
  if (kind === 'diverge' && step > 400) return loss * Math.exp((step - 400) / 300);
  if (kind === 'nan' && step >= 1300) return NaN;
  return loss;
}

/**
 * Writes the folder under `dir` (its `sweep200` child is the folder to upload). Returns the folder
 * path, file counts, bytes, points and the CSV paths (for pandas).
 */
export async function writeRunFolder(dir, { runs = 200, steps = 2000, every = 1, seed = 11 } = {}) {
  const EventFileWriter = await loadEventWriter();
  const root = path.join(dir, `sweep${runs}`);
  await rm(root, { recursive: true, force: true });
  const rnd = mulberry32(seed);
  const out = { root, runs, steps, eventFiles: 0, csvFiles: 0, bytes: 0, points: 0, csvPaths: [] };
  for (let i = 0; i < runs; i++) {
    const lr = LRS[i % LRS.length];
    const rank = RANKS[Math.floor(i / LRS.length) % RANKS.length];
    const runSeed = Math.floor(i / (LRS.length * RANKS.length));
    const name = `run_${i + 1}_lr-${lrText(lr)}_rank-${rank}_seed-${runSeed}`;
    const kind = PLANTED[i] ?? 'healthy';
    const floor = 0.9 + 0.08 * Math.log10(1e-3 / lr) + 8 / (rank * 40) + 0.02 * rnd();
    const last = kind === 'stopped' ? Math.round(steps * 0.25) : steps;
    const start = 1_700_000_000 + i * 3600;
    const rows = [];
    for (let step = every; step <= last; step += every) {
      const loss = lossAt(kind, floor, step, rnd);
      const grad = Number.isNaN(loss)
        ? NaN
        : (0.4 + 0.6 * Math.exp(-step / 300)) * (1 + 0.05 * rnd());
      const warm = Math.min(1, step / 100);
      const lrNow = lr * warm * 0.5 * (1 + Math.cos((Math.PI * step) / steps));
      const evalLoss =
        step % (10 * every) === 0
          ? Number.isNaN(loss)
            ? NaN
            : (kind === 'diverge' ? loss : floor + 1.6 * Math.exp(-step / 220)) + 0.05
          : null;
      rows.push({ step, loss, grad, lrNow, evalLoss, wallTime: start + step * 0.5 });
    }
    const runDir = path.join(root, name);
    let file;
    let bytes;
    if (i % 2 === 0) {
      const writer = new EventFileWriter('brain.Event:2', start);
      for (const r of rows) {
        writer.event({
          wallTime: r.wallTime,
          step: r.step,
          values: [
            { tag: 'train/loss', value: r.loss },
            { tag: 'train/grad_norm', value: r.grad },
            { tag: 'train/learning_rate', value: r.lrNow },
          ],
        });
        if (r.evalLoss !== null)
          writer.event({
            wallTime: r.wallTime + 2,
            step: r.step,
            values: [{ tag: 'eval/loss', value: r.evalLoss }],
          });
      }
      bytes = writer.bytes();
      file = path.join(runDir, 'logs', `events.out.tfevents.${start}.bench-node`);
      out.eventFiles++;
    } else {
      const num = (x) => (Number.isNaN(x) ? 'nan' : x.toPrecision(8));
      const lines = ['step,train/loss,eval/loss,train/grad_norm,learning_rate'];
      for (const r of rows)
        lines.push(
          `${r.step},${num(r.loss)},${r.evalLoss === null ? '' : num(r.evalLoss)},${num(r.grad)},${num(r.lrNow)}`,
        );
      bytes = Buffer.from(lines.join('\n') + '\n');
      file = path.join(runDir, 'metrics.csv');
      out.csvFiles++;
      out.csvPaths.push(file);
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    out.bytes += bytes.length;
    out.points += rows.length * 3 + rows.filter((r) => r.evalLoss !== null).length;
  }
  return out;
}
