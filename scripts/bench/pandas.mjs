// The same CSV read by pandas.read_csv (C engine), for the ours/pandas throughput ratio. Median of
// `runs` reads, timed inside Python (interpreter start-up and import excluded). Memory: the
// process's peak resident set over all the reads and its resident set after the imports (see
// RSS below), for an ours/pandas memory ratio.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

// The system Python has pandas here; a pyenv shim first on PATH may not. Env PYTHON overrides.
export const PYTHON =
  process.env.PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

const run = promisify(execFile);

/**
 * Runs `python args` (stdin: `input`), parses the JSON of its last stdout line and hands it to
 * `shape`; a failure becomes {error} with python's last stderr line, so one missing pandas does
 * not lose the other numbers.
 */
export async function pythonJson(args, shape, { input, timeout = 600_000 } = {}) {
  try {
    const child = run(PYTHON, args, { maxBuffer: 1 << 22, timeout });
    if (input !== undefined) child.child.stdin.end(input);
    const { stdout } = await child;
    return shape(JSON.parse(stdout.trim().split('\n').pop()));
  } catch (error) {
    const stderr = String(error.stderr ?? '').trim();
    return { error: (stderr.split('\n').pop() || String(error.message ?? error)).slice(0, 300) };
  }
}

/** The scripts' KiB as MiB: peak (VmHWM), base (VmRSS after the imports), extra = the difference. */
export function pandasMemory(r) {
  if (typeof r?.peakRssKiB !== 'number') return {};
  const mib = (kib) => Math.round((kib / 1024) * 10) / 10;
  return {
    peakRssMB: mib(r.peakRssKiB),
    baseRssMB: mib(r.baseRssKiB),
    extraRssMB: mib(r.peakRssKiB - r.baseRssKiB),
    rssSource: r.rssSource,
  };
}

// Python shared by both scripts (they import resource). Memory comes from /proc/self/status:
// VmRSS after the imports (base) and VmHWM at the end (peak). Not ru_maxrss: Linux carries it
// over fork + execve, so a child of this Node process starts with Node's resident set as its
// "peak" (measured: 385 MiB for a python3 whose VmHWM was 9 MiB). ru_maxrss only without /proc.
const RSS = `
def rss():
    try:
        with open("/proc/self/status") as f:
            kib = {l.split(":")[0]: int(l.split()[1]) for l in f if l.startswith(("VmRSS", "VmHWM"))}
        return {"rss": kib["VmRSS"], "peak": kib["VmHWM"], "source": "VmHWM"}
    except (OSError, KeyError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"rss": peak, "peak": peak, "source": "ru_maxrss"}
`;

const SCRIPT = `
import sys, time, json, resource
import pandas as pd
path, runs = sys.argv[1], int(sys.argv[2])
${RSS}
base = rss()["rss"]
times = []
for _ in range(runs):
    t = time.perf_counter()
    df = pd.read_csv(path)
    times.append(time.perf_counter() - t)
    rows = len(df)
    del df
end = rss()
print(json.dumps({"seconds": sorted(times), "rows": rows, "version": pd.__version__,
                  "baseRssKiB": base, "peakRssKiB": end["peak"], "rssSource": end["source"]}))
`;

/** {mbps (median), seconds, rows, version, peakRssMB, baseRssMB, extraRssMB} or {error}. */
export function pandasReadCsv(file, bytes, runs = 3) {
  return pythonJson(['-c', SCRIPT, file, String(runs)], (r) => {
    const median = r.seconds[Math.floor(r.seconds.length / 2)];
    return {
      mbps: Math.round((bytes / 1e6 / median) * 10) / 10,
      seconds: r.seconds,
      rows: r.rows,
      version: r.version,
      python: PYTHON,
      ...pandasMemory(r),
    };
  });
}

const FILES_SCRIPT = `
import sys, time, json, os, resource
import pandas as pd
runs = int(sys.argv[1])
${RSS}
base = rss()["rss"]
paths = sys.stdin.read().split("\\n")
paths = [p for p in paths if p]
times = []
for _ in range(runs):
    t = time.perf_counter()
    rows = sum(len(pd.read_csv(p)) for p in paths)
    times.append(time.perf_counter() - t)
end = rss()
print(json.dumps({"seconds": sorted(times), "rows": rows, "version": pd.__version__,
                  "bytes": sum(os.path.getsize(p) for p in paths),
                  "baseRssKiB": base, "peakRssKiB": end["peak"], "rssSource": end["source"]}))
`;

/** pandas.read_csv over many files, one call each (a folder of runs): {mbps, seconds, bytes}. */
export function pandasReadCsvFiles(files, runs = 3) {
  return pythonJson(
    ['-c', FILES_SCRIPT, String(runs)],
    (r) => {
      const median = r.seconds[Math.floor(r.seconds.length / 2)];
      return {
        mbps: Math.round((r.bytes / 1e6 / median) * 10) / 10,
        seconds: r.seconds,
        rows: r.rows,
        bytes: r.bytes,
        files: files.length,
        version: r.version,
        python: PYTHON,
        ...pandasMemory(r),
      };
    },
    { input: files.join('\n') },
  );
}
