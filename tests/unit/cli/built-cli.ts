/**
 * Runs the built command-line tool (bin/hpi.mjs → dist-cli/hpi.mjs) as a child process.
 * `npm test` builds it first; when it is missing or older than its sources (e.g. a bare
 * `vitest run`), it is rebuilt here once, so the tests never run a stale CLI.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const binPath = path.join(repoRoot, 'bin/hpi.mjs');
const builtPath = path.join(repoRoot, 'dist-cli/hpi.mjs');

/** Sources that end up in the bundle: the CLI and the pure core it imports. */
const SOURCE_DIRS = [
  'src/cli',
  'src/lib/model',
  'src/lib/ingest',
  'src/lib/analysis',
  'src/lib/report',
];
const SOURCE_FILES = ['vite.cli.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

export function ensureBuilt(): void {
  const sources = Math.max(
    ...SOURCE_DIRS.map((d) => newestMtime(path.join(repoRoot, d))),
    ...SOURCE_FILES.map((f) => statSync(path.join(repoRoot, f)).mtimeMs),
  );
  if (existsSync(builtPath) && statSync(builtPath).mtimeMs >= sources) return;
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'vite.cli.config.ts',
    ],
    { cwd: repoRoot, stdio: 'pipe' },
  );
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}
