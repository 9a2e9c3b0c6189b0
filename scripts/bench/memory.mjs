// Memory and CPU of the page's worker and renderer while a scenario runs, from outside the page:
// - worker JS heap: CDP Runtime.getHeapUsage sent to the dedicated worker target. Playwright
//   gives no CDP session for workers, so the page session attaches to it in non-flat mode
//   (Target.attachToTarget {flatten:false}) and talks through Target.sendMessageToTarget.
//   usedSize is the V8 heap; backingStorageSize the ArrayBuffers (typed arrays of the curves).
//   (performance.memory exists on the main thread only.)
// - renderer process: SystemInfo.getProcessInfo lists renderer pids with their CPU time; the
//   resident set (VmRSS, and the peak VmHWM) comes from /proc/<pid>/status (Linux only).
import { readFile } from 'node:fs/promises';

export async function attachWorkerHeap(page) {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  // The app's analysis worker is named 'analysis'; the reader page has a single worker.
  const workers = targetInfos.filter((t) => t.type === 'worker');
  const worker = workers.find((t) => /analysis/.test(`${t.title} ${t.url}`)) ?? workers[0] ?? null;
  if (!worker) {
    await cdp.detach().catch(() => undefined);
    return null;
  }
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  let nextId = 1;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    const resolve = waiting.get(message.id);
    if (resolve) {
      waiting.delete(message.id);
      resolve(message.result ?? null);
    }
  });
  return {
    /** {usedSize, totalSize, embedderHeapUsedSize, backingStorageSize} in bytes, or null. */
    heap: () =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        cdp
          .send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
          })
          .catch(() => resolve(null));
        setTimeout(() => waiting.delete(id) && resolve(null), 5000);
      }),
    detach: () => cdp.detach().catch(() => undefined),
  };
}

async function procStatus(pid) {
  try {
    const text = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return null;
  }
}

/** Renderer processes: pid, CPU seconds, resident bytes. */
export async function renderers(browserCdp) {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const out = [];
  for (const p of processInfo.filter((p) => p.type === 'renderer')) {
    const status = await procStatus(p.id);
    out.push({ pid: p.id, cpuTime: p.cpuTime, rss: status?.rss ?? null, hwm: status?.hwm ?? null });
  }
  return out;
}

/**
 * Samples worker heap and renderer RSS every `intervalMs` until stop(); returns baselines and
 * peaks. The busy renderer is the one whose CPU time grew most. `hwm: false` leaves out the
 * kernel's VmHWM (the process's lifetime peak): for a second window on the same page, whose own
 * peak must not be the first window's.
 */
export async function startSampling(page, browserCdp, { intervalMs = 100, hwm = true } = {}) {
  // The app starts its worker on the first request: attach again in the loop until it exists.
  let worker = await attachWorkerHeap(page);
  const attachedAtStart = worker !== null;
  const heapOf = (h) => (h ? h.usedSize + h.backingStorageSize : null);
  const baseHeap = worker ? await worker.heap() : null;
  const before = await renderers(browserCdp);
  let peakHeap = heapOf(baseHeap);
  let peakUsed = baseHeap?.usedSize ?? null;
  const peakRss = new Map(before.map((r) => [r.pid, r.rss]));
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        if (!worker) worker = await attachWorkerHeap(page).catch(() => null);
        const [h, rs] = await Promise.all([worker ? worker.heap() : null, renderers(browserCdp)]);
        if (h) {
          peakHeap = Math.max(peakHeap ?? 0, heapOf(h));
          peakUsed = Math.max(peakUsed ?? 0, h.usedSize);
        }
        for (const r of rs) peakRss.set(r.pid, Math.max(peakRss.get(r.pid) ?? 0, r.rss ?? 0));
      } catch {
        // The page or browser went away mid-sample: keep the peaks seen so far.
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return async function stop() {
    stopped = true;
    await loop;
    const after = await renderers(browserCdp).catch(() => []);
    await worker?.detach();
    let busy = null;
    for (const r of after) {
      const b = before.find((x) => x.pid === r.pid);
      const cpu = r.cpuTime - (b?.cpuTime ?? 0);
      if (!busy || cpu > busy.cpuSeconds)
        busy = {
          pid: r.pid,
          cpuSeconds: cpu,
          baseRss: b?.rss ?? null,
          peakRss: Math.max(peakRss.get(r.pid) ?? 0, r.rss ?? 0, hwm ? (r.hwm ?? 0) : 0),
        };
    }
    return {
      // No worker before the window (the app starts its worker on the first request): all of
      // its heap is the window's, so the base is 0.
      workerHeapBase: baseHeap ? heapOf(baseHeap) : worker && !attachedAtStart ? 0 : null,
      workerHeapPeak: peakHeap,
      workerV8UsedPeak: peakUsed,
      renderer: busy,
    };
  };
}

const MiB = 2 ** 20;
const mb = (x) => (x == null ? null : Math.round((x / MiB) * 10) / 10);
const minus = (a, b) => (a == null || b == null ? null : a - b);

/** The bytes of startSampling's result as the MiB fields every scenario reports. */
export function memoryMB(m) {
  const r = m?.renderer ?? null;
  return {
    workerHeapBaseMB: mb(m?.workerHeapBase),
    workerHeapPeakMB: mb(m?.workerHeapPeak),
    workerHeapExtraMB: mb(minus(m?.workerHeapPeak, m?.workerHeapBase)),
    workerV8UsedPeakMB: mb(m?.workerV8UsedPeak),
    rendererBaseRssMB: mb(r?.baseRss),
    rendererPeakRssMB: r?.peakRss ? mb(r.peakRss) : null,
    rendererExtraRssMB: r?.peakRss ? mb(minus(r.peakRss, r.baseRss)) : null,
    rendererCpuSeconds: r ? Math.round(r.cpuSeconds * 1000) / 1000 : null,
  };
}

/**
 * The one way a scenario samples memory: call before the measured step, then stop() for
 * memoryMB's fields. stop() is idempotent, so a `finally` can call it again to end the sampling
 * loop when the step threw (a loop left running would keep the bench from exiting).
 */
export async function sampleMemory(page, browserCdp, options) {
  const stop = await startSampling(page, browserCdp, options);
  let result = null;
  return () => (result ??= stop().then(memoryMB));
}

/** Worst (largest) of each memory field over several measurements. */
export function worstMemory(measurements) {
  const keys = [
    'peakMainHeapMB',
    'workerHeapPeakMB',
    'workerHeapExtraMB',
    'rendererPeakRssMB',
    'rendererExtraRssMB',
  ];
  const worst = (k) => {
    const v = measurements.map((m) => m?.[k]).filter((x) => typeof x === 'number');
    return v.length ? Math.max(...v) : null;
  };
  return Object.fromEntries(keys.map((k) => [k, worst(k)]));
}

/** One table cell: main-thread heap, worker heap, renderer RSS (+ growth over the baseline). */
export function memoryCell(m) {
  if (!m) return '–';
  const v = (x) => x ?? '–';
  return (
    `main heap ${v(m.peakMainHeapMB)} / worker heap ${v(m.workerHeapPeakMB)} / ` +
    `renderer RSS ${v(m.rendererPeakRssMB)} MB (+${v(m.rendererExtraRssMB)})`
  );
}
