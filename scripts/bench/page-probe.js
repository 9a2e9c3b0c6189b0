// Installed with page.addInitScript before any app code runs. Plain browser JS, no imports.
// Records: the file input's change event, worker progress/response messages, the first rendered
// finding and Leaderboard row, long main-thread tasks (PerformanceObserver 'longtask'), requestAnimationFrame gaps
// (a fallback where longtask is unavailable), and the peak JS heap (performance.memory).
(() => {
  const probe = {
    changeAt: null,
    fileBytes: null,
    fileCount: null,
    phases: {},
    progressCount: 0,
    lastProgress: null,
    responses: [],
    firstFindingAt: null,
    firstFindingPaintedAt: null,
    overviewAt: null,
    leaderboardAt: null,
    // A large sweep is answered in two passes: 'load' (per-trial detectors), then 'analyze'.
    analyzeAt: null,
    analyzePaintedAt: null,
    findingCount: 0,
    longtasks: [],
    longtaskSupported: false,
    rafGaps: [],
    heapPeak: null,
    heapSamples: 0,
  };
  window.__hpiProbe = probe;

  try {
    const types = PerformanceObserver.supportedEntryTypes || [];
    if (types.includes('longtask')) {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          probe.longtasks.push({ start: e.startTime, duration: e.duration, name: e.name });
        }
      }).observe({ type: 'longtask', buffered: true });
      probe.longtaskSupported = true;
    }
  } catch {
    probe.longtaskSupported = false;
  }

  let lastFrame = null;
  const sampleHeap = () => {
    const m = performance.memory;
    if (m && typeof m.usedJSHeapSize === 'number') {
      probe.heapSamples++;
      if (probe.heapPeak === null || m.usedJSHeapSize > probe.heapPeak) {
        probe.heapPeak = m.usedJSHeapSize;
      }
    }
  };
  const frame = (now) => {
    if (lastFrame !== null && now - lastFrame > 34) {
      probe.rafGaps.push({ start: lastFrame, duration: now - lastFrame });
    }
    lastFrame = now;
    sampleHeap();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  document.addEventListener(
    'change',
    (event) => {
      const t = event.target;
      if (t instanceof HTMLInputElement && t.type === 'file' && t.files && t.files.length > 0) {
        probe.changeAt = performance.now();
        probe.fileCount = t.files.length;
        // Summed when read at the end, not now: the first File.size of a folder entry is a
        // synchronous disk stat (~0.4 ms each), which would add ~80 ms for 200 files to the
        // very task being measured. By the end the app has read the sizes: they are cached.
        const files = Array.from(t.files);
        Object.defineProperty(probe, 'fileBytes', {
          configurable: true,
          enumerable: true,
          get: () => files.reduce((n, f) => n + f.size, 0),
        });
      }
    },
    true,
  );

  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = class ProbedWorker extends NativeWorker {
      constructor(url, options) {
        super(url, options);
        this.addEventListener('message', (event) => {
          const data = event.data;
          const now = performance.now();
          if (!data || typeof data !== 'object') return;
          if (data.kind === 'progress' && data.progress) {
            probe.progressCount++;
            probe.lastProgress = { at: now, ...data.progress };
            const phase = data.progress.phase;
            if (phase && probe.phases[phase] === undefined) probe.phases[phase] = now;
          } else if (data.kind === 'response') {
            probe.responses.push({ at: now, ok: data.ok, type: data.type ?? null });
            if (data.type === 'analyze' && probe.analyzeAt === null) {
              probe.analyzeAt = now;
              // The page applies the result in microtasks; the next frame paints it.
              requestAnimationFrame(() => {
                setTimeout(() => {
                  probe.analyzePaintedAt = performance.now();
                }, 0);
              });
            }
          }
        });
      }
    };
  }

  const observer = new MutationObserver(() => {
    if (probe.changeAt === null) return;
    if (probe.firstFindingAt === null && document.querySelector('[data-testid="finding"]')) {
      probe.firstFindingAt = performance.now();
      // Inserted is not seen: the next frame's style, layout and paint run before this timeout.
      requestAnimationFrame(() => {
        setTimeout(() => {
          probe.firstFindingPaintedAt = performance.now();
        }, 0);
      });
    }
    if (probe.overviewAt === null && document.querySelector('[data-testid="overview-trials"]')) {
      probe.overviewAt = performance.now();
    }
    if (probe.leaderboardAt === null && document.querySelector('[data-testid="leaderboard-row"]')) {
      probe.leaderboardAt = performance.now();
    }
  });
  const start = () =>
    observer.observe(document.documentElement, { childList: true, subtree: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
