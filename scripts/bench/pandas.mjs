// The same CSV read by pandas.read_csv (C engine), for the ours/pandas throughput ratio. Best of
// `runs` reads, timed inside Python (interpreter start-up and import excluded).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

// The system Python has pandas here; a pyenv shim first on PATH may not. Env PYTHON overrides.
export const PYTHON =
  process.env.PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

const run = promisify(execFile);
const SCRIPT = `
import sys, time, json
import pandas as pd
path, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    t = time.perf_counter()
    df = pd.read_csv(path)
    times.append(time.perf_counter() - t)
    rows = len(df)
    del df
print(json.dumps({"seconds": sorted(times), "rows": rows, "version": pd.__version__}))
`;

/** {mbps (median), seconds, rows, version} or {error}. */
export async function pandasReadCsv(file, bytes, runs = 3) {
  try {
    const { stdout } = await run(PYTHON, ['-c', SCRIPT, file, String(runs)], {
      maxBuffer: 1 << 20,
      timeout: 600_000,
    });
    const r = JSON.parse(stdout.trim().split('\n').pop());
    const median = r.seconds[Math.floor(r.seconds.length / 2)];
    return {
      mbps: Math.round((bytes / 1e6 / median) * 10) / 10,
      seconds: r.seconds,
      rows: r.rows,
      version: r.version,
      python: PYTHON,
    };
  } catch (error) {
    const stderr = String(error.stderr ?? '').trim();
    return { error: (stderr.split('\n').pop() || String(error.message ?? error)).slice(0, 300) };
  }
}

const FILES_SCRIPT = `
import sys, time, json, os
import pandas as pd
runs = int(sys.argv[1])
paths = sys.stdin.read().split("\\n")
paths = [p for p in paths if p]
times = []
for _ in range(runs):
    t = time.perf_counter()
    rows = sum(len(pd.read_csv(p)) for p in paths)
    times.append(time.perf_counter() - t)
print(json.dumps({"seconds": sorted(times), "rows": rows, "version": pd.__version__,
                  "bytes": sum(os.path.getsize(p) for p in paths)}))
`;

/** pandas.read_csv over many files, one call each (a folder of runs): {mbps, seconds, bytes}. */
export async function pandasReadCsvFiles(files, runs = 3) {
  try {
    const child = run(PYTHON, ['-c', FILES_SCRIPT, String(runs)], {
      maxBuffer: 1 << 20,
      timeout: 600_000,
    });
    child.child.stdin.end(files.join('\n'));
    const { stdout } = await child;
    const r = JSON.parse(stdout.trim().split('\n').pop());
    const median = r.seconds[Math.floor(r.seconds.length / 2)];
    return {
      mbps: Math.round((r.bytes / 1e6 / median) * 10) / 10,
      seconds: r.seconds,
      rows: r.rows,
      bytes: r.bytes,
      files: files.length,
      version: r.version,
      python: PYTHON,
    };
  } catch (error) {
    const stderr = String(error.stderr ?? '').trim();
    return { error: (stderr.split('\n').pop() || String(error.message ?? error)).slice(0, 300) };
  }
}
