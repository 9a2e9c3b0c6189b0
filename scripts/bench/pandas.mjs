// The same CSV read by pandas.read_csv (C engine), for the ours/pandas throughput ratio. Best of
// `runs` reads, timed inside Python (interpreter start-up and import excluded).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

// The system Python has pandas here; a pyenv shim first on PATH may not. Env PYTHON overrides.
const PYTHON =
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
