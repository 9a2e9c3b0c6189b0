/** Reads a CSV string through the app's own streaming ingest, as a dropped file would be read. */
import { readCsv, type ByteSource } from '../../src/lib/ingest';
import type { Dataset } from '../../src/lib/model';

export function textSource(text: string, name: string): ByteSource {
  const bytes = new TextEncoder().encode(text);
  const blob = new Blob([bytes]);
  return {
    name,
    size: bytes.byteLength,
    slice: (start, end) => blob.slice(start, end),
    stream: () => blob.stream(),
  };
}

export function datasetFromCsv(text: string, name = 'sweep.csv'): Promise<Dataset> {
  return readCsv(textSource(text, name), {
    onProgress: () => {},
    isCancelled: () => false,
  });
}
