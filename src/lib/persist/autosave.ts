/**
 * Autosave: coalesces rapid edits into one save after `delayMs` of quiet (or after `maxDelayMs`
 * of continuous edits), never runs two saves at once, and after a failure waits for a new edit
 * or an explicit flush() before retrying, so a full disk does not spin in a retry loop.
 */
import { classify, type PersistError, type Result } from './errors';

export type AutosaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; at: number }
  | { status: 'failed'; error: PersistError };

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface AutosaveOptions<D> {
  save: (doc: D) => Promise<Result<unknown>>;
  delayMs: number;
  /** Longest a change waits while edits keep coming; defaults to 5 × delayMs. */
  maxDelayMs?: number;
  now?: () => number;
  timers?: Timers;
}

export interface Autosave<D> {
  /** A new version of the document: saved after the quiet period. */
  schedule(doc: D): void;
  /** Saves the latest unsaved (or failed) version now; resolves when nothing is left to save. */
  flush(): Promise<void>;
  readonly state: AutosaveState;
  /** True while a version is waiting to be saved (or failed to save). */
  readonly dirty: boolean;
  onState(listener: (state: AutosaveState) => void): () => void;
  dispose(): void;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function createAutosave<D>(options: AutosaveOptions<D>): Autosave<D> {
  const timers = options.timers ?? defaultTimers;
  const now = options.now ?? Date.now;
  const maxDelay = options.maxDelayMs ?? options.delayMs * 5;
  const listeners = new Set<(state: AutosaveState) => void>();
  let state: AutosaveState = { status: 'idle' };
  /** The latest version not yet saved; after a failure, the version that failed. */
  let pending: { doc: D } | null = null;
  let failed = false;
  let timer: unknown = null;
  let firstChangeAt = 0;
  let running: Promise<void> | null = null;
  let disposed = false;

  const setState = (next: AutosaveState) => {
    state = next;
    for (const l of listeners) l(next);
  };
  const clearTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  /** Saves `pending` until nothing new arrived during the save; one loop at a time. */
  function run(): Promise<void> {
    if (running) return running;
    running = (async () => {
      while (pending && !disposed) {
        const { doc } = pending;
        pending = null;
        failed = false;
        setState({ status: 'saving' });
        let result: Result<unknown>;
        try {
          result = await options.save(doc);
        } catch (e) {
          result = { ok: false, error: classify(e, 'save') };
        }
        if (!result.ok) {
          // Keep the newest version: one that arrived during the save wins over the failed one.
          pending = pending ?? { doc };
          failed = true;
          setState({ status: 'failed', error: result.error });
          break;
        }
        if (!pending) setState({ status: 'saved', at: now() });
        else if (timer !== null) break; // a newer edit is waiting out its quiet period
      }
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function fire() {
    timer = null;
    void run();
  }

  return {
    schedule(doc) {
      if (disposed) return;
      const wasWaiting = timer !== null;
      pending = { doc };
      failed = false;
      if (!wasWaiting) firstChangeAt = now();
      clearTimer();
      const waited = now() - firstChangeAt;
      timer = timers.setTimeout(fire, Math.max(0, Math.min(options.delayMs, maxDelay - waited)));
    },
    async flush() {
      clearTimer();
      if (running) await running;
      if (pending) await run();
    },
    get state() {
      return state;
    },
    get dirty() {
      return pending !== null || failed;
    },
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      clearTimer();
      listeners.clear();
    },
  };
}
