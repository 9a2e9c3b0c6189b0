// Deterministic generator of a wide sweep CSV for the benchmark: the seed schema plus extra
// hyperparameters and metrics, with a few planted pathologies (failed, NaN/Inf, overfit, short).
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';

/** mulberry32: a small, fast, deterministic PRNG. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const COLUMNS = [
  // seed schema
  'trial_id',
  'status',
  'lr',
  'batch_size',
  'weight_decay',
  'train_loss',
  'val_loss',
  'train_acc',
  'val_acc',
  'epochs',
  'runtime_sec',
  // extra hyperparameters
  'optimizer',
  'scheduler',
  'dropout',
  'momentum',
  'warmup_steps',
  'num_layers',
  'hidden_size',
  'label_smoothing',
  'grad_clip',
  'seed',
  // extra metrics and budget
  'test_loss',
  'test_acc',
  'train_f1',
  'val_f1',
  'val_auc',
  'val_precision',
  'val_recall',
  'steps',
  'peak_mem_gb',
];

const OPTIMIZERS = ['adamw', 'sgd', 'adam', 'lion'];
const SCHEDULERS = ['cosine', 'linear', 'constant', 'step'];

/** Counts of planted pathologies, kept with the bench results. */
export function emptyPlan() {
  return { failed: 0, nan: 0, inf: 0, overfit: 0, short: 0 };
}

/**
 * Returns one CSV line (without newline) for trial `i`, drawing from `rand`, and updates `plan`.
 * @param {number} i
 * @param {() => number} rand
 * @param {ReturnType<typeof emptyPlan>} plan
 */
export function trialLine(i, rand, plan) {
  const r = rand();
  const lr = 10 ** (-5 + 3 * rand());
  const bs = 2 ** (3 + Math.floor(rand() * 6));
  const wd = [0, 1e-5, 1e-4, 1e-3, 1e-2][Math.floor(rand() * 5)];
  const dropout = Math.round(rand() * 50) / 100;
  const momentum = (0.8 + rand() * 0.19).toFixed(4);
  const warmup = 50 * Math.floor(rand() * 20);
  const layers = 2 + Math.floor(rand() * 23);
  const hidden = 64 * (1 + Math.floor(rand() * 16));
  const smoothing = (Math.floor(rand() * 3) * 0.05).toFixed(2);
  const clip = [0.5, 1, 2, 5][Math.floor(rand() * 4)];
  const seed = Math.floor(rand() * 1000);
  const optimizer = OPTIMIZERS[Math.floor(rand() * OPTIMIZERS.length)];
  const scheduler = SCHEDULERS[Math.floor(rand() * SCHEDULERS.length)];

  let status = 'completed';
  let epochs = 18 + Math.floor(rand() * 8);
  const trainLoss = 0.15 + rand() * 0.4;
  let valLoss = trainLoss * (1.02 + rand() * 0.25);
  const trainAcc = 0.8 + rand() * 0.15;
  let valAcc = trainAcc - rand() * 0.06;
  const f = (x, d = 9) => x.toFixed(d);

  if (r < 0.001) {
    status = 'failed';
    epochs = 1 + Math.floor(rand() * 3);
    plan.failed++;
  } else if (r < 0.0015) {
    plan.nan++;
  } else if (r < 0.0017) {
    plan.inf++;
  } else if (r < 0.0027) {
    valLoss = trainLoss * (2 + rand() * 3);
    valAcc = trainAcc - 0.2 - rand() * 0.1;
    plan.overfit++;
  } else if (r < 0.0037) {
    epochs = 2;
    plan.short++;
  }
  const runtime = (epochs * (14 + rand() * 4)).toFixed(2);
  const steps = epochs * Math.ceil(50000 / bs);
  const testLoss = valLoss * (0.98 + rand() * 0.05);
  const testAcc = valAcc - rand() * 0.01;
  const trainF1 = trainAcc - 0.01;
  const valF1 = valAcc - 0.012;
  const auc = Math.min(0.999, valAcc + 0.05);
  const prec = valAcc + 0.004;
  const rec = valAcc - 0.006;

  let metrics = [f(trainLoss), f(valLoss), f(trainAcc), f(valAcc)];
  let extra = [f(testLoss), f(testAcc), f(trainF1), f(valF1), f(auc), f(prec), f(rec)];
  if (status === 'failed' || (r >= 0.001 && r < 0.0015)) {
    metrics = ['NaN', 'NaN', 'NaN', 'NaN'];
    extra = extra.map(() => 'nan');
  } else if (r >= 0.0015 && r < 0.0017) {
    metrics[1] = 'inf';
    extra[0] = 'inf';
  }

  return [
    `trial-${String(i).padStart(6, '0')}`,
    status,
    lr.toPrecision(6),
    bs,
    wd,
    ...metrics,
    epochs,
    runtime,
    optimizer,
    scheduler,
    dropout,
    momentum,
    warmup,
    layers,
    hidden,
    smoothing,
    clip,
    seed,
    ...extra,
    steps,
    (2 + rand() * 30).toFixed(3),
  ].join(',');
}

/**
 * Writes `trials` rows to `file`. Same seed, same bytes.
 * @returns {Promise<{ file: string, bytes: number, trials: number, columns: number, planted: ReturnType<typeof emptyPlan> }>}
 */
export async function writeSweep(file, { trials = 100_000, seed = 20240601 } = {}) {
  await mkdir(path.dirname(file), { recursive: true });
  const rand = mulberry32(seed);
  const plan = emptyPlan();
  const out = createWriteStream(file);
  let bytes = 0;
  const header = COLUMNS.join(',') + '\n';
  out.write(header);
  bytes += header.length;
  const batch = [];
  for (let i = 1; i <= trials; i++) {
    batch.push(trialLine(i, rand, plan));
    if (batch.length === 2000 || i === trials) {
      const chunk = batch.join('\n') + '\n';
      batch.length = 0;
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return { file, bytes, trials, columns: COLUMNS.length, planted: plan };
}
