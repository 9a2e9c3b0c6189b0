import type { SourceInput } from '../../../../src/lib/ingest';
import type { Progress } from '../../../../src/lib/model';

export const noHooks = { onProgress: () => {}, isCancelled: () => false };

/** A ByteSource over bytes whose stream delivers `chunkSize` bytes at a time. */
export function input(path: string, content: string | Uint8Array, chunkSize = 65536): SourceInput {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  return {
    path,
    source: {
      name: path.split('/').pop() ?? path,
      size: bytes.byteLength,
      slice: (start, end) => blob.slice(start, end),
      stream: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.byteLength; i += chunkSize)
              controller.enqueue(bytes.slice(i, i + chunkSize));
            controller.close();
          },
        }),
    },
  };
}

export function inputs(files: { path: string; bytes: Uint8Array }[]): SourceInput[] {
  return files.map((f) => input(f.path, f.bytes));
}

export function recordingHooks(cancelAfter = Infinity) {
  const events: Progress[] = [];
  let calls = 0;
  return {
    events,
    hooks: {
      onProgress: (p: Progress) => events.push(p),
      isCancelled: () => ++calls > cancelAfter,
    },
  };
}
