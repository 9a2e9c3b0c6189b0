/**
 * A one-pass scanner over a notebook file's decompressed JSON. It lifts out the base64 payload
 * of every `files[i].base64` string as decoded bytes (Blob parts, folded as they grow) and keeps
 * everything else as text with those strings emptied, so the rest parses with JSON.parse. A
 * notebook holding a gigabyte of data therefore never becomes one gigabyte-long string.
 */
import { Base64Decoder } from './base64';

const QUOTE = 34;
const BACKSLASH = 92;
/** The envelope minus payloads: a document is kilobytes; more means this is not our file. */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
const FOLD_BYTES = 16 * 1024 * 1024;

export class ScanError extends Error {}

interface Payload {
  decoder: Base64Decoder;
  folded: Blob;
  parts: Uint8Array<ArrayBuffer>[];
  partBytes: number;
}

export class EnvelopeScanner {
  private stack: ('o' | 'a')[] = [];
  /** The current key of the object at each depth (null in arrays or before the first key). */
  private keys: (string | null)[] = [];
  private inString = false;
  private escape = false;
  private expectingKey = false;
  private keyBytes: number[] | null = null;
  private payload: Payload | null = null;
  private fileIndex = -1;
  private text: Uint8Array[] = [];
  private textBytes = 0;
  private started = false;
  readonly payloads = new Map<number, Payload>();

  push(chunk: Uint8Array): void {
    let spanStart = 0;
    let i = 0;
    while (i < chunk.length) {
      if (this.payload) {
        const close = chunk.indexOf(QUOTE, i);
        const end = close < 0 ? chunk.length : close;
        this.feed(chunk.subarray(i, end));
        if (close < 0) return;
        this.closePayload();
        spanStart = close; // the closing quote goes back into the text
        i = close;
        this.inString = true; // handled below as the string's closing quote
      }
      const c = chunk[i];
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.endString();
        else if (this.keyBytes && this.keyBytes.length < 32) this.keyBytes.push(c);
      } else if (c === QUOTE) {
        if (this.startString()) {
          this.keepText(chunk.subarray(spanStart, i + 1));
          spanStart = i + 1;
          this.openPayload();
        }
      } else this.structural(c);
      i++;
    }
    if (!this.payload) this.keepText(chunk.subarray(spanStart));
  }

  /** Ends the scan: the envelope text (payloads emptied) and each file index's bytes. */
  end(): { text: string; payloads: Map<number, Blob> } {
    if (this.payload || this.inString || this.stack.length > 0 || !this.started) {
      throw new ScanError('The notebook file is cut short (its data ends in the middle).');
    }
    const payloads = new Map<number, Blob>();
    for (const [index, p] of this.payloads) {
      try {
        p.decoder.end();
      } catch (e) {
        throw new ScanError(`File ${index + 1} in the notebook file is damaged: ${String(e)}.`);
      }
      payloads.set(index, new Blob([p.folded, ...p.parts]));
    }
    const all = new Uint8Array(this.textBytes);
    let o = 0;
    for (const t of this.text) {
      all.set(t, o);
      o += t.length;
    }
    return { text: new TextDecoder().decode(all), payloads };
  }

  private structural(c: number): void {
    if (c === 32 || c === 9 || c === 10 || c === 13) return;
    if (!this.started) {
      if (c !== 123)
        throw new ScanError('This is not a notebook file (it does not hold a JSON object).');
      this.started = true;
    }
    if (c === 123 || c === 91) {
      this.stack.push(c === 123 ? 'o' : 'a');
      this.keys.push(null);
      this.expectingKey = c === 123;
      const s = this.stack;
      if (c === 123 && s.length === 3 && s[1] === 'a' && this.keys[0] === 'files') this.fileIndex++;
    } else if (c === 125 || c === 93) {
      this.stack.pop();
      this.keys.pop();
      this.expectingKey = false;
    } else if (c === 44) this.expectingKey = this.stack[this.stack.length - 1] === 'o';
    else if (c === 58) this.expectingKey = false;
  }

  /** Starts a string; true when it is a `files[i].base64` value to stream out. */
  private startString(): boolean {
    this.inString = true;
    this.keyBytes = this.expectingKey ? [] : null;
    const s = this.stack;
    return (
      !this.expectingKey &&
      s.length === 3 &&
      s[0] === 'o' &&
      s[1] === 'a' &&
      this.keys[0] === 'files' &&
      this.keys[2] === 'base64'
    );
  }

  private endString(): void {
    this.inString = false;
    if (this.keyBytes) this.keys[this.keys.length - 1] = String.fromCharCode(...this.keyBytes);
    this.keyBytes = null;
  }

  private keepText(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.textBytes += bytes.length;
    if (this.textBytes > MAX_TEXT_BYTES) {
      throw new ScanError('This is not a notebook file (too much text outside its data files).');
    }
    this.text.push(bytes.slice());
  }

  private openPayload(): void {
    const p: Payload = {
      decoder: new Base64Decoder(),
      folded: new Blob([]),
      parts: [],
      partBytes: 0,
    };
    if (this.payloads.has(this.fileIndex))
      throw new ScanError('A file in the notebook file has two payloads.');
    this.payloads.set(this.fileIndex, p);
    this.payload = p;
  }

  private feed(ascii: Uint8Array): void {
    const p = this.payload as Payload;
    let bytes: Uint8Array;
    try {
      bytes = p.decoder.push(ascii);
    } catch (e) {
      throw new ScanError(
        `File ${this.fileIndex + 1} in the notebook file is damaged: ${String(e)}.`,
      );
    }
    if (bytes.length === 0) return;
    p.parts.push(bytes.slice());
    p.partBytes += bytes.length;
    if (p.partBytes >= FOLD_BYTES) {
      p.folded = new Blob([p.folded, ...p.parts]);
      p.parts = [];
      p.partBytes = 0;
    }
  }

  private closePayload(): void {
    this.payload = null;
  }
}
