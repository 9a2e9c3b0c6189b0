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
}

export interface FuzzReport {
  rows: FuzzRow[];
  failures: FuzzFailure[];
}

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
): Promise<{ ms: number; cpuMs: number; ingestError: boolean; exception: boolean; size: number }> {
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
  };
}

/** `runs` mutations in total, spread round-robin over the files; deterministic from `seed`. */
export async function fuzz(files: FuzzFile[], runs: number, seed = 1): Promise<FuzzReport> {
  const rows = files.map((f): FuzzRow => ({
    file: f.path,
    bytes: f.bytes.length,
    mutations: 0,
    ingestErrors: 0,
    exceptions: 0,
    worstMs: 0,
    worstCpuMs: 0,
    worstSecPerMb: 0,
  }));
  const failures: FuzzFailure[] = [];
  for (let i = 0; i < runs; i++) {
    const k = i % files.length;
    const r = await fuzzOne(files[k], seed * 1_000_003 + i, failures);
    const row = rows[k];
    row.mutations++;
    if (r.ingestError) row.ingestErrors++;
    if (r.exception) row.exceptions++;
    row.worstMs = Math.max(row.worstMs, r.ms);
    row.worstCpuMs = Math.max(row.worstCpuMs, r.cpuMs);
    row.worstSecPerMb = Math.max(
      row.worstSecPerMb,
      r.cpuMs / 1000 / Math.max(MIN_MB, r.size / 2 ** 20),
    );
  }
  return { rows, failures };
}

export function formatReport({ rows, failures }: FuzzReport): string {
  const header = [
    'file',
    'KiB',
    'mutations',
    'ingest errors',
    'exceptions',
    'worst wall ms',
    'worst cpu ms',
    'worst cpu s/MB',
  ];
  const body = rows.map((r) => [
    r.file,
    (r.bytes / 1024).toFixed(1),
    String(r.mutations),
    String(r.ingestErrors),
    String(r.exceptions),
    r.worstMs.toFixed(1),
    r.worstCpuMs.toFixed(1),
    r.worstSecPerMb.toFixed(3),
  ]);
  const total = rows.reduce((n, r) => n + r.mutations, 0);
  const exceptions = rows.reduce((n, r) => n + r.exceptions, 0);
  const worst = rows.reduce((a, b) => (b.worstSecPerMb > a.worstSecPerMb ? b : a), rows[0]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  lines.push(
    '',
    `${total} mutations, ${exceptions} uncaught exceptions, worst ${worst?.worstSecPerMb.toFixed(3)} CPU s/MB (${worst?.file}; budget 2 s/MB, sizes below 64 KiB counted as 64 KiB)`,
  );
  for (const f of failures.slice(0, 20))
    lines.push(
      `  FAIL ${f.file} seed ${f.seed} [${f.applied.join(', ')}] in ${f.stage}: ${f.error}`,
    );
  return lines.join('\n');
}

/** Entry point of scripts/fuzz.mjs: `--runs N` (default 2000), `--seed S`, `--data DIR`. */
export async function main(argv: string[]): Promise<number> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(arg('--runs') ?? 2000);
  const seed = Number(arg('--seed') ?? 1);
  const files = loadFuzzFiles(arg('--data') ?? defaultDataDir());
  const start = performance.now();
  const report = await fuzz(files, runs, seed);
  console.log(formatReport(report));
  console.log(`${files.length} files, ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const slow = report.rows.some((r) => r.worstSecPerMb > 2);
  return report.failures.length > 0 || slow ? 1 : 0;
}
