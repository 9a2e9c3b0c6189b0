/**
 * Bytes → text chunks. TextDecoder in streaming mode keeps a multibyte character that is split
 * across two byte chunks intact, and strips a UTF-8 BOM.
 */
import { IngestCancelled, IngestError } from './errors';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface ByteSource {
  name: string;
  size: number;
  stream(): ReadableStream<Uint8Array>;
  slice(start?: number, end?: number): Blob;
}

export interface DecodeHooks {
  onBytes(bytesRead: number): void;
  isCancelled(): boolean;
}

export interface EncodingGuess {
  encoding: TextEncoding;
  hasBom: boolean;
}

const SNIFF_BYTES = 8192;

/** Looks at the first bytes: BOMs, compression magic and binary content. */
export async function guessEncoding(source: ByteSource): Promise<EncodingGuess> {
  const head = new Uint8Array(await source.slice(0, SNIFF_BYTES).arrayBuffer());
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', hasBom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', hasBom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', hasBom: true };
  if (head[0] === 0x1f && head[1] === 0x8b) {
    throw new IngestError(
      'binary-content',
      'This file is gzip-compressed. Decompress it and drop the result.',
      {
        file: source.name,
      },
    );
  }
  if (looksBinary(head)) {
    throw new IngestError(
      'binary-content',
      'This file holds binary data (NUL or control bytes), not text. Is it the right file?',
      { file: source.name, line: 1 },
    );
  }
  return { encoding: 'utf-8', hasBom: false };
}

function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

/** Signals that the bytes are not valid UTF-8, so the caller re-reads as Windows-1252. */
export class NotUtf8 extends Error {}

/**
 * Streams the file as decoded text. With `fatal` UTF-8, an invalid byte sequence throws NotUtf8
 * (common for Excel exports in Windows-1252), and the caller starts again with that encoding.
 */
export async function* decodeText(
  source: ByteSource,
  encoding: TextEncoding,
  hooks: DecodeHooks,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const reader = source.stream().getReader();
  let bytesRead = 0;
  try {
    for (;;) {
      if (hooks.isCancelled()) throw new IngestCancelled();
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.byteLength;
      hooks.onBytes(bytesRead);
      const text = decodeChunk(decoder, value, true);
      if (text) yield text;
    }
    const tail = decodeChunk(decoder, undefined, false);
    if (tail) yield tail;
  } finally {
    reader.releaseLock();
  }
}

function decodeChunk(decoder: TextDecoder, bytes: Uint8Array | undefined, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch (error) {
    if (error instanceof TypeError) throw new NotUtf8();
    throw error;
  }
}
