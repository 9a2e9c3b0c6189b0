import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createAutosave,
  quotaError,
  type AutosaveState,
  type Result,
} from '../../../src/lib/persist';

/** A save whose calls the test resolves one by one. */
function controlledSave() {
  const calls: { doc: string; resolve: (r: Result<unknown>) => void }[] = [];
  let running = 0;
  let maxRunning = 0;
  const save = (doc: string) =>
    new Promise<Result<unknown>>((resolve) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      calls.push({
        doc,
        resolve: (r) => {
          running--;
          resolve(r);
        },
      });
    });
  return { save, calls, maxRunning: () => maxRunning };
}

const OK: Result<unknown> = { ok: true, value: undefined };
const FULL: Result<unknown> = { ok: false, error: quotaError('save', 1000) };

describe('autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
  });
  afterEach(() => vi.useRealTimers());

  function setup(maxDelayMs?: number) {
    const s = controlledSave();
    const autosave = createAutosave({ save: s.save, delayMs: 500, maxDelayMs });
    const states: AutosaveState[] = [];
    autosave.onState((st) => states.push(st));
    return { ...s, autosave, states };
  }

  it('coalesces rapid changes into one save of the latest document', async () => {
    const { autosave, calls, states } = setup();
    autosave.schedule('v1');
    await vi.advanceTimersByTimeAsync(300);
    autosave.schedule('v2');
    await vi.advanceTimersByTimeAsync(300);
    autosave.schedule('v3');
    expect(calls).toHaveLength(0);
    expect(autosave.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls.map((c) => c.doc)).toEqual(['v3']);
    expect(states).toEqual([{ status: 'saving' }]);
    calls[0].resolve(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toEqual({ status: 'saved', at: 11_100 });
    expect(autosave.dirty).toBe(false);
  });

  it('saves during continuous edits once maxDelayMs has passed', async () => {
    const { autosave, calls } = setup(1000);
    for (let t = 0; t < 1200; t += 200) {
      autosave.schedule(`v${t}`);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(calls.map((c) => c.doc)).toEqual(['v800']);
  });

  it('never runs two saves at once; a change during a save is saved after it', async () => {
    const { autosave, calls, maxRunning, states } = setup();
    autosave.schedule('a');
    await vi.advanceTimersByTimeAsync(500);
    autosave.schedule('b');
    await vi.advanceTimersByTimeAsync(2000); // b's quiet period passes while a is still saving
    expect(calls).toHaveLength(1);
    calls[0].resolve(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.doc)).toEqual(['a', 'b']);
    expect(maxRunning()).toBe(1);
    calls[1].resolve(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.map((s) => s.status)).toEqual(['saving', 'saving', 'saved']);
  });

  it('after a failure retries only on a new change or flush()', async () => {
    const { autosave, calls, states } = setup();
    autosave.schedule('a');
    await vi.advanceTimersByTimeAsync(500);
    calls[0].resolve(FULL);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(states.at(-1)).toEqual({ status: 'failed', error: FULL.ok ? null : FULL.error });
    expect(calls).toHaveLength(1); // no retry loop
    expect(autosave.dirty).toBe(true);

    const flushed = autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.doc)).toEqual(['a', 'a']);
    calls[1].resolve(FULL);
    await flushed;

    autosave.schedule('b');
    await vi.advanceTimersByTimeAsync(500);
    expect(calls.map((c) => c.doc)).toEqual(['a', 'a', 'b']);
    calls[2].resolve(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)?.status).toBe('saved');
  });

  it('flush() saves the pending change now and waits for a running save first', async () => {
    const { autosave, calls } = setup();
    autosave.schedule('a');
    await vi.advanceTimersByTimeAsync(500);
    autosave.schedule('b');
    let done = false;
    const flushed = autosave.flush().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    calls[0].resolve(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.doc)).toEqual(['a', 'b']);
    expect(done).toBe(false);
    calls[1].resolve(OK);
    await flushed;
    expect(autosave.state.status).toBe('saved');
    await autosave.flush(); // nothing left: no save
    expect(calls).toHaveLength(2);
  });

  it('turns a thrown save into a failed state', async () => {
    const autosave = createAutosave({
      save: () => Promise.reject(new DOMException('gone', 'AbortError')),
      delayMs: 10,
    });
    autosave.schedule('x');
    await autosave.flush();
    expect(autosave.state.status).toBe('failed');
    expect(autosave.state.status === 'failed' && autosave.state.error.code).toBe('aborted');
  });

  it('dispose() cancels the pending save', async () => {
    const { autosave, calls } = setup();
    autosave.schedule('a');
    autosave.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(0);
  });
});
