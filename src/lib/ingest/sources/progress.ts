/**
 * Progress and cancellation over a multi-file load: every reader reports bytes within its own
 * file, and this turns them into bytes over the total of all files, throttled like readCsv.
 */
import type { IngestPhase } from '../../model';
import { IngestCancelled, IngestError } from '../errors';
import type { ByteSource } from '../decode';
import type { IngestHooks } from '../read-csv';

const PROGRESS_EVERY_MS = 80;

export class LoadProgress {
  /** Bytes of the files already finished. */
  private base = 0;
  private current = 0;
  private rows = 0;
  private lastReport = 0;

  constructor(
    private readonly hooks: IngestHooks,
    readonly totalBytes: number,
  ) {}

  checkCancelled(): void {
    if (this.hooks.isCancelled()) throw new IngestCancelled();
  }

  /** Bytes read so far inside the current file. */
  onBytes(bytesInFile: number, phase: IngestPhase = 'parsing'): void {
    this.current = bytesInFile;
    this.report(false, phase);
  }

  setRows(rows: number): void {
    this.rows = rows;
  }

  /** Moves past a file of `size` bytes (read or skipped). */
  endFile(size: number): void {
    this.base += size;
    this.current = 0;
    this.report(true, 'parsing');
  }

  /** Hooks for a reader (readCsv) that reports its own per-file progress. */
  fileHooks(): IngestHooks {
    return {
      isCancelled: () => this.hooks.isCancelled(),
      onProgress: (p) => {
        this.rows = p.rows;
        this.onBytes(p.bytesRead, p.phase);
      },
    };
  }

  private report(force: boolean, phase: IngestPhase): void {
    const now = Date.now();
    if (!force && now - this.lastReport < PROGRESS_EVERY_MS) return;
    this.lastReport = now;
    this.hooks.onProgress({
      phase,
      bytesRead: Math.min(this.base + this.current, this.totalBytes),
      totalBytes: this.totalBytes,
      rows: this.rows,
    });
  }
}

/** Streams the raw bytes of a file, checking for cancel between chunks. */
export async function forEachChunk(
  source: ByteSource,
  progress: LoadProgress,
  onChunk: (chunk: Uint8Array) => void,
): Promise<void> {
  const reader = source.stream().getReader();
  let bytesRead = 0;
  try {
    for (;;) {
      progress.checkCancelled();
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.byteLength;
      onChunk(value);
      progress.onBytes(bytesRead);
    }
  } finally {
    reader.releaseLock();
  }
}

/** Largest config or trainer_state.json read whole; real ones are kilobytes to a few megabytes. */
export const MAX_WHOLE_TEXT_BYTES = 256 * 1024 * 1024;

/** Reads a small text file (JSON or YAML) whole. UTF-8, BOM stripped, bad bytes replaced. */
export async function readWholeText(source: ByteSource, progress: LoadProgress): Promise<string> {
  if (source.size > MAX_WHOLE_TEXT_BYTES)
    throw new IngestError(
      'too-large',
      `${source.name} is ${Math.round(source.size / 1048576)} MiB; JSON and YAML files are read whole, up to ${MAX_WHOLE_TEXT_BYTES / 1048576} MiB.`,
      { file: source.name },
    );
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  await forEachChunk(source, progress, (chunk) =>
    parts.push(decoder.decode(chunk, { stream: true })),
  );
  parts.push(decoder.decode());
  return parts.join('');
}

/** The first bytes of a file, for sniffing. */
export async function headBytes(source: ByteSource, n: number): Promise<Uint8Array> {
  return new Uint8Array(await source.slice(0, n).arrayBuffer());
}
