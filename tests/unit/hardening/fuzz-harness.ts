/**
 * Mutation fuzzing of the real files in ../shared/data (real/** and tfevents): every mutated file
 * goes through readSources (then analyze, markdown, JSON) and through its specific reader.
 * Counts uncaught exceptions (anything but an IngestError from readSources) and time per MB.
 * Used by scripts/fuzz.mjs (loaded through vite's runnerImport) and by fuzz-quick.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readCurveCsv, readTrainerState } from '../../../src/lib/ingest/curves';
import { parseJsonLines, parseJsonTolerant } from '../../../src/lib/ingest/json';
import { readEventFile } from '../../../src/lib/ingest/tfevents';
import { runPipeline, splitSource } from './harness';
import { mutateSome, type MutationKind } from './mutate';

export interface FuzzFile {
  /** Path relative to the data folder, kept so folder-derived run names are exercised. */
  path: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface FuzzFailure {
  file: string;
  seed: number;
  applied: MutationKind[];
  stage: string;
  error: string;
}

export interface FuzzRow {
  file: string;
  bytes: number;
  mutations: number;
  ingestErrors: number;
  exceptions: number;
  /** Wall-clock time (inflated when the machine is busy). */
  worstMs: number;
  /** CPU time of this process: what the budget is checked on. */
  worstCpuMs: number;
  /** Worst CPU seconds per MB, over max(size, 64 KiB) so fixed overheads of tiny files do not count. */
  worstSecPerMb: number;
  /** Inputs over the budget when first measured, and so measured again. */
  remeasured: number;
}

/** One mutated input and what it cost: enough to replay it (`--file … --replay SEED`). */
export interface FuzzInput {
  file: string;
  seed: number;
  applied: MutationKind[];
  bytes: number;
  /** The least CPU time over the measurements of this input. */
  cpuMs: number;
  /** CPU time of the first measurement. */
  firstCpuMs: number;
  secPerMb: number;
}

export interface FuzzReport {
  rows: FuzzRow[];
  failures: FuzzFailure[];
  /** The most expensive inputs by CPU s/MB, worst first. */
  slowest: FuzzInput[];
}

/** CPU seconds per MB an input may take (sizes below 64 KiB counted as 64 KiB). */
export const BUDGET_SEC_PER_MB = 2;

/** How many of the most expensive inputs a report keeps. */
export const SLOWEST_KEPT = 5;

const MIN_MB = 64 / 1024;

export function defaultDataDir(): string {
  return path.resolve(import.meta.dirname, '../../../../shared/data');
}

/** Every file under real/ and tfevents/, except the README. */
export function loadFuzzFiles(dataDir: string): FuzzFile[] {
  const out: FuzzFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name !== 'README.md')
        out.push({
          path: path.relative(dataDir, full).split(path.sep).join('/'),
          bytes: new Uint8Array(readFileSync(full)),
        });
    }
  };
  for (const sub of ['real', 'tfevents']) walk(path.join(dataDir, sub));
  return out;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The file's specific reader; throws only on a bug. */
function readDirect(file: FuzzFile, bytes: Uint8Array): void {
  const base = file.path.split('/').pop() ?? file.path;
  if (base.includes('tfevents')) readEventFile(bytes, base, 'run');
  else if (base.endsWith('.json')) {
    parseJsonTolerant(text(bytes), base);
    parseJsonLines(text(bytes), base);
    readTrainerState(text(bytes), base, 'run');
  } else if (base.endsWith('.csv')) readCurveCsv(text(bytes), base);
}

async function fuzzOne(
  file: FuzzFile,
  seed: number,
  failures: FuzzFailure[],
): Promise<{
  ms: number;
  cpuMs: number;
  ingestError: boolean;
  exception: boolean;
  size: number;
  applied: MutationKind[];
}> {
  const { bytes, applied } = mutateSome(file.bytes, seed);
  const base = file.path.split('/').pop() ?? file.path;
  const start = performance.now();
  const cpu = process.cpuUsage();
  let ingestError = false;
  let exception = false;
  const fail = (stage: string, error: unknown) => {
    exception = true;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    failures.push({ file: file.path, seed, applied, stage, error: message.slice(0, 300) });
  };
  try {
    const result = await runPipeline([
      { path: file.path, source: splitSource(bytes, base, [4096]) },
    ]);
    ingestError = result.error !== null;
  } catch (error) {
    fail('readSources/analyze/report', error);
  }
  try {
    readDirect(file, bytes);
  } catch (error) {
    fail('reader', error);
  }
  const used = process.cpuUsage(cpu);
  return {
    ms: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    ingestError,
    exception,
    size: bytes.length,
    applied,
  };
}

/** CPU seconds per MB, over max(size, 64 KiB) so fixed overheads of tiny files do not count. */
const secPerMb = (cpuMs: number, size: number) => cpuMs / 1000 / Math.max(MIN_MB, size / 2 ** 20);

/** Keeps `kept` sorted worst first and at most SLOWEST_KEPT long. */
function keepSlowest(kept: FuzzInput[], input: FuzzInput): void {
  if (kept.length === SLOWEST_KEPT && input.secPerMb <= kept[kept.length - 1].secPerMb) return;
  kept.push(input);
  kept.sort((a, b) => b.secPerMb - a.secPerMb);
  kept.length = Math.min(kept.length, SLOWEST_KEPT);
}

/** One unmutated, untimed run of a file through everything a fuzz input goes through. */
async function warm(file: FuzzFile): Promise<void> {
  const base = file.path.split('/').pop() ?? file.path;
  try {
    await runPipeline([{ path: file.path, source: splitSource(file.bytes, base, [4096]) }]);
    readDirect(file, file.bytes);
  } catch {
    // The timed runs report failures; a warm-up only compiles code.
  }
}

/** The seed of the i-th mutation of a fuzz run started with `seed`. */
export const inputSeed = (seed: number, i: number) => seed * 1_000_003 + i;

export interface FuzzOptions {
  /** Run just the mutation with this input seed on every file (to profile one input). */
  replay?: number;
  /**
   * Untimed passes of every unmutated file before the timed ones. Without them the first inputs
   * that reach a hot loop (the forest, the CSV tokenizer) also pay for the JIT compiling it: the
   * same input measured 230 CPU ms cold and 50 ms warm. That is a once-per-process cost, like
   * the fixed overheads the 64 KiB floor leaves out, not a cost of the input.
   */
  warmup?: number;
  /**
   * Times an input over the budget is measured again, keeping its least CPU time. On a loaded
   * machine one input's CPU time varies 3–4× between runs (JIT tiering, GC of earlier inputs'
   * garbage, shared caches); an input whose work really exceeds the budget exceeds it every
   * time, since the inputs are deterministic.
   */
  remeasure?: number;
}

/** `runs` mutations in total, spread round-robin over the files; deterministic from `seed`. */
export async function fuzz(
  files: FuzzFile[],
  runs: number,
  seed = 1,
  { replay, warmup = 0, remeasure = 0 }: FuzzOptions = {},
): Promise<FuzzReport> {
  for (let pass = 0; pass < warmup; pass++) for (const file of files) await warm(file);
  const rows = files.map((f): FuzzRow => ({
    file: f.path,
    bytes: f.bytes.length,
    mutations: 0,
    ingestErrors: 0,
    exceptions: 0,
    worstMs: 0,
    worstCpuMs: 0,
    worstSecPerMb: 0,
    remeasured: 0,
  }));
  const failures: FuzzFailure[] = [];
  const slowest: FuzzInput[] = [];
  const total = replay === undefined ? runs : files.length;
  for (let i = 0; i < total; i++) {
    const k = i % files.length;
    const s = replay ?? inputSeed(seed, i);
    const r = await fuzzOne(files[k], s, failures);
    const row = rows[k];
    row.mutations++;
    if (r.ingestError) row.ingestErrors++;
    if (r.exception) row.exceptions++;
    let cpuMs = r.cpuMs;
    if (secPerMb(cpuMs, r.size) > BUDGET_SEC_PER_MB && remeasure > 0) row.remeasured++;
    for (let m = 0; m < remeasure && secPerMb(cpuMs, r.size) > BUDGET_SEC_PER_MB; m++) {
      cpuMs = Math.min(cpuMs, (await fuzzOne(files[k], s, [])).cpuMs);
    }
    row.worstMs = Math.max(row.worstMs, r.ms);
    row.worstCpuMs = Math.max(row.worstCpuMs, cpuMs);
    const cost = secPerMb(cpuMs, r.size);
    row.worstSecPerMb = Math.max(row.worstSecPerMb, cost);
    keepSlowest(slowest, {
      file: files[k].path,
      seed: s,
      applied: r.applied,
      bytes: r.size,
      cpuMs,
      firstCpuMs: r.cpuMs,
      secPerMb: cost,
    });
  }
  return { rows, failures, slowest };
}
