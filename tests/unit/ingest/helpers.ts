import { readCsv, type ByteSource } from '../../../src/lib/ingest';
import type { Dataset } from '../../../src/lib/model';

export const noHooks = { onProgress: () => {}, isCancelled: () => false };

/** A file whose stream delivers `chunkSize` bytes at a time, to split characters and rows anywhere. */
export function chunkedSource(
  bytes: Uint8Array<ArrayBuffer>,
  chunkSize: number,
  name = 'test.csv',
): ByteSource {
  const blob = new Blob([bytes]);
  return {
    name,
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
  };
}

export function readText(text: string, name = 'test.csv', chunkSize = 65536): Promise<Dataset> {
  return readCsv(chunkedSource(new TextEncoder().encode(text), chunkSize, name), noHooks);
}

export function readBytes(
  bytes: Uint8Array<ArrayBuffer>,
  name = 'test.csv',
  chunkSize = 65536,
): Promise<Dataset> {
  return readCsv(chunkedSource(bytes, chunkSize, name), noHooks);
}
