/**
 * The fuzz report table and the command line of scripts/fuzz.mjs (see fuzz-harness.ts for what
 * a run does).
 */
import {
  BUDGET_SEC_PER_MB,
  defaultDataDir,
  fuzz,
  loadFuzzFiles,
  type FuzzReport,
} from './fuzz-harness';

export function formatReport({ rows, failures, slowest }: FuzzReport): string {
  const header = [
    'file',
    'KiB',
    'mutations',
    'ingest errors',
    'exceptions',
    'worst wall ms',
    'worst cpu ms',
    'worst cpu s/MB',
    're-measured',
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
    String(r.remeasured),
  ]);
  const total = rows.reduce((n, r) => n + r.mutations, 0);
  const exceptions = rows.reduce((n, r) => n + r.exceptions, 0);
  const remeasured = rows.reduce((n, r) => n + r.remeasured, 0);
  const worst = rows.reduce((a, b) => (b.worstSecPerMb > a.worstSecPerMb ? b : a), rows[0]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  lines.push(
    '',
    `${total} mutations, ${exceptions} uncaught exceptions, worst ${worst?.worstSecPerMb.toFixed(3)} CPU s/MB (${worst?.file}; budget ${BUDGET_SEC_PER_MB} s/MB, sizes below 64 KiB counted as 64 KiB; ${remeasured} inputs over budget when first measured were measured again)`,
  );
  lines.push(`slowest ${slowest.length} inputs (replay one: --file PATH --replay SEED):`);
  for (const s of slowest)
    lines.push(
      `  ${s.secPerMb.toFixed(3)} s/MB  ${s.cpuMs.toFixed(1)} cpu ms (first ${s.firstCpuMs.toFixed(1)})  ${(s.bytes / 1024).toFixed(1)} KiB  ${s.file} seed ${s.seed} [${s.applied.join(', ')}]`,
    );
  for (const f of failures.slice(0, 20))
    lines.push(
      `  FAIL ${f.file} seed ${f.seed} [${f.applied.join(', ')}] in ${f.stage}: ${f.error}`,
    );
  return lines.join('\n');
}

/**
 * Entry point of scripts/fuzz.mjs: `--runs N` (default 2000), `--seed S`, `--data DIR`,
 * `--file SUBSTRING` (only files whose path contains it), `--replay SEED` (only that input),
 * `--warmup N` untimed passes over the unmutated files first (default 2; 0 measures cold),
 * `--remeasure N` more measurements of an input over budget, keeping the least (default 2).
 */
export async function main(argv: string[]): Promise<number> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(arg('--runs') ?? 2000);
  const seed = Number(arg('--seed') ?? 1);
  const only = arg('--file');
  const replay = arg('--replay');
  const files = loadFuzzFiles(arg('--data') ?? defaultDataDir()).filter(
    (f) => only === undefined || f.path.includes(only),
  );
  if (files.length === 0) {
    console.error('no file to fuzz');
    return 1;
  }
  const start = performance.now();
  const warmup = Number(arg('--warmup') ?? 2);
  const report = await fuzz(files, runs, seed, {
    replay: replay === undefined ? undefined : Number(replay),
    warmup,
    remeasure: Number(arg('--remeasure') ?? 2),
  });
  console.log(formatReport(report));
  console.log(
    `${files.length} files, ${warmup} warm-up passes, ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  const slow = report.rows.some((r) => r.worstSecPerMb > BUDGET_SEC_PER_MB);
  return report.failures.length > 0 || slow ? 1 : 0;
}
