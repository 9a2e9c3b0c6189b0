/**
 * Sizing dropped files before they go to the worker: in slices with yields (a folder's first
 * File.size is a disk stat each in Chromium), synchronous when it fits one slice.
 */
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/lib/state/session.svelte';
import { sizeOfFiles } from '../../../src/lib/state/session-load';
import type { InputFile } from '../../../src/lib/worker/protocol';
import { FakeClient, flush } from './fake-client';
import { loadResult } from './fixtures';

/** Files whose `size` reads are counted and each advance `clock` by `costMs`. */
function statFiles(count: number, clock: { t: number }, costMs: number) {
  const reads = { n: 0 };
  const files: InputFile[] = Array.from({ length: count }, (_, i) => {
    const file = new File(['x'.repeat(i + 1)], `run_${i}.csv`);
    Object.defineProperty(file, 'size', {
      get() {
        reads.n++;
        clock.t += costMs;
        return i + 1;
      },
    });
    return { file, path: `sweep/run_${i}/metrics.csv` };
  });
  return { files, reads };
}

/** Real files whose `size` spins for `ms` of wall-clock time, like a stat. */
function slowFiles(count: number, ms: number): InputFile[] {
  return Array.from({ length: count }, (_, i) => {
    const file = new File(['a,b\n1,2\n'], `run_${i}.csv`);
    Object.defineProperty(file, 'size', {
      get() {
        const end = performance.now() + ms;
        while (performance.now() < end);
        return 8;
      },
    });
    return { file, path: `sweep/run_${i}.csv` };
  });
}

describe('sizeOfFiles', () => {
  it('answers at once with a number when the sizes fit one slice', () => {
    const clock = { t: 0 };
    const { files } = statFiles(5, clock, 1);
    expect(sizeOfFiles(files, undefined, () => clock.t)).toBe(15);
  });

  it('yields to the page between slices of about 8 ms and sums every file', async () => {
    const clock = { t: 0 };
    const { files, reads } = statFiles(40, clock, 1);
    const sized = sizeOfFiles(files, undefined, () => clock.t);
    expect(sized).toBeInstanceOf(Promise);
    expect(reads.n).toBe(8); // the first slice only
    let yielded = false;
    setTimeout(() => (yielded = reads.n < 40), 0);
    expect(await sized).toBe((40 * 41) / 2);
    expect(yielded).toBe(true);
    expect(reads.n).toBe(40);
  });

  it('stops sizing when told to', async () => {
    const clock = { t: 0 };
    const { files, reads } = statFiles(40, clock, 1);
    let stop = false;
    const sized = sizeOfFiles(
      files,
      () => stop,
      () => clock.t,
    );
    stop = true;
    await sized;
    expect(reads.n).toBe(8);
  });
});

describe('Session.loadFiles of a folder that takes several slices to size', () => {
  it('posts the files to the worker after sizing, with the total in the progress', async () => {
    const client = new FakeClient();
    const session = new Session(client, { storage: null });
    const done = session.loadFiles(slowFiles(6, 3), 'sweep');
    expect(session.phase).toBe('loading');
    expect(client.calls.length).toBe(0);
    await vi.waitFor(() => expect(client.calls.length).toBe(1));
    expect(session.progress).toEqual({ phase: 'reading', bytesRead: 0, totalBytes: 48, rows: 0 });
    client.last().resolve(loadResult());
    await done;
    expect(session.phase).toBe('ready');
  });

  it('cancelled while sizing: nothing is posted and the page is empty again', async () => {
    const client = new FakeClient();
    const session = new Session(client, { storage: null });
    const done = session.loadFiles(slowFiles(6, 3), 'sweep');
    session.cancel();
    await done;
    await flush();
    expect(client.calls.length).toBe(0);
    expect(session.phase).toBe('empty');
    expect(session.progress).toBeNull();
  });
});
