/**
 * Helpers of ByteInput (byte-input.ts): the unfinished last line carried between chunks, and the
 * dialect sniff on the first bytes of the file.
 */
import type { Dialect } from '../../model';
import { sniffDialect } from '../sniff';
import { decodeStrict } from './text-fallback';

/** Pieces of one unfinished line, copied (chunks are not retained) and joined once it ends. */
export class ByteCarry {
  private parts: Uint8Array[] = [];
  length = 0;

  /** Keeps a copy of bytes (pass `copy = false` for bytes that are not reused). */
  add(bytes: Uint8Array, copy: boolean): void {
    this.parts.push(copy ? bytes.slice() : bytes);
    this.length += bytes.length;
  }

  /** The carried bytes in one piece; the carry is left empty. */
  take(): Uint8Array {
    const line = concat(this.parts, this.length);
    this.clear();
    return line;
  }

  clear(): void {
    this.parts = [];
    this.length = 0;
  }
}

export function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The file's first bytes (BOM skipped) and its dialect, sniffed from the first `sniffChars`
 * characters; null when the file holds only whitespace (`final`: no more bytes will come).
 */
export function sniffBytes(
  head: Uint8Array,
  sniffChars: number,
  final: boolean,
): { bytes: Uint8Array; dialect: Dialect } | null {
  let bytes = head;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const sample = decodeStrict(
    new TextDecoder('utf-8', { fatal: true }),
    bytes.subarray(0, 3 * sniffChars + 3),
    !final,
  );
  // The string path reports an empty file only when it never reached its sniff size.
  if (final && sample.length < sniffChars && sample.trim() === '') return null;
  return { bytes, dialect: sniffDialect(sample.slice(0, sniffChars), false) };
}
