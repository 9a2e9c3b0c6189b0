/**
 * TensorBoard event file reader: TFRecord framing with both masked CRC-32C checks, Event/Summary
 * decoding, one Curve per scalar tag. Streaming: `push()` chunks of any size; only the unfinished
 * record is carried between chunks. Never throws on bad input; problems become ParseIssues with
 * the byte offset in the message (binary file: no line or column).
 *
 * TFRecord: uint64 length (LE) · uint32 masked crc32c(length) · data · uint32 masked crc32c(data).
 */
import type { Curve, ParseIssue, ParseIssueCode } from '../../model';
import { IssueLog } from '../issue-log';
import { crc32cView, maskCrc, maskedCrc32c8 } from './crc32c';
import { EventDecoder, KIND_SIMPLE, KIND_TENSOR, POLICY_OTHER, POLICY_UNKNOWN } from './event';
import { decodeScalarEvent } from './scalar-event';
import { SeriesTable } from './series';

export interface EventFileStats {
  /** Records whose checksums and Event message were valid. */
  records: number;
  /** Curve points read (scalar summary values). */
  scalars: number;
  /** Records skipped: damaged header (one per resynchronisation), data checksum, invalid Event. */
  corruptRecords: number;
  /** The file ends inside a record (e.g. it is still being written); that record was ignored. */
  truncatedTail: boolean;
  /** The `file_version` of the first record that has one, e.g. "brain.Event:2". */
  fileVersion: string | null;
}

export interface EventFileResult {
  /** One curve per scalar tag, in order of first appearance; points in file order. */
  curves: Curve[];
  issues: ParseIssue[];
  stats: EventFileStats;
}

export interface EventFileReaderOptions {
  /** Records longer than this are treated as damaged (default 256 MiB). */
  maxRecordBytes?: number;
  /** Give up after scanning this many bytes for a valid header after damage (default 64 MiB). */
  maxResyncBytes?: number;
}

export interface EventFileReader {
  /** Feeds the next bytes of the file. The chunk is not retained after the call returns. */
  push(chunk: Uint8Array): void;
  /** Ends the file and returns what was read. Further calls return the same result. */
  finish(): EventFileResult;
}

const HEADER = 12;
const FOOTER = 4;
const MIB = 1024 * 1024;
const DEFAULT_MAX_RECORD = 256 * MIB;
const DEFAULT_MAX_RESYNC = 64 * MIB;
const RESYNC_BLOCK = 64 * 1024;

/** Issue codes used by this reader. */
const CODE = {
  corrupt: 'corrupt-record',
  truncated: 'truncated-file',
  tooLarge: 'too-large',
  empty: 'empty-file',
  notEvents: 'unsupported-format',
  noScalars: 'no-metrics',
} as const satisfies Record<string, ParseIssueCode>;

const utf8 = new TextDecoder('utf-8');
const EMPTY = new Uint8Array(0);

/** Reads a whole event file held in memory (no copy of `bytes` is made). */
export function readEventFile(
  bytes: Uint8Array,
  fileName: string,
  runId: string,
  options: EventFileReaderOptions = {},
): EventFileResult {
  const reader = createEventFileReader(fileName, runId, options);
  reader.push(bytes);
  return reader.finish();
}

/** A streaming reader: push chunks as they arrive, then finish(). */
export function createEventFileReader(
  fileName: string,
  runId: string,
  options: EventFileReaderOptions = {},
): EventFileReader {
  return new StreamingEventReader(fileName, runId, options);
}

class StreamingEventReader implements EventFileReader {
  private readonly maxRecord: number;
  private readonly maxResync: number;
  private readonly log: IssueLog;
  private readonly fileIssues: ParseIssue[] = [];
  private readonly decoder = new EventDecoder();
  private readonly table = new SeriesTable();

  /** The unfinished record (or < 12 bytes while resynchronising), starting at file offset carryAt. */
  private carry: Uint8Array = EMPTY;
  private carryLen = 0;
  private carryAt = 0;
  /** Bytes pushed so far = file offset of the next chunk. */
  private pushed = 0;
  /** File offset of the damaged header being skipped, or -1. */
  private resyncFrom = -1;
  private resyncReason = '';
  /** Set when reading gave up (resynchronisation limit); later bytes are ignored. */
  private stoppedAt = -1;
  private result: EventFileResult | null = null;

  private records = 0;
  private scalars = 0;
  private corrupt = 0;
  private fileVersion: string | null = null;

  constructor(
    private readonly fileName: string,
    private readonly runId: string,
    options: EventFileReaderOptions,
  ) {
    this.maxRecord = Math.min(options.maxRecordBytes ?? DEFAULT_MAX_RECORD, 0xffffffff);
    this.maxResync = options.maxResyncBytes ?? DEFAULT_MAX_RESYNC;
    this.log = new IssueLog(fileName);
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    if (this.result !== null || this.stoppedAt >= 0 || n === 0) {
      this.pushed += n;
      return;
    }
    let p = 0;
    // Complete the carried record first, taking only the bytes it still needs.
    while (this.carryLen > 0 && p < n) {
      const need = this.needed();
      // While resynchronising, scan the next block through the carry instead of byte by byte.
      const take = Math.min(this.resyncFrom >= 0 ? Math.max(need, RESYNC_BLOCK) : need, n - p);
      this.append(chunk, p, take);
      p += take;
      if (take < need) break;
      const used = this.scan(this.carry, 0, this.carryLen, this.carryAt);
      if (this.stoppedAt >= 0) {
        this.carryLen = 0;
        this.pushed += n;
        return;
      }
      this.carry.copyWithin(0, used, this.carryLen);
      this.carryLen -= used;
      this.carryAt += used;
      // Do not hold on to the buffer of an exceptionally large record.
      if (this.carryLen === 0 && this.carry.length > MIB) this.carry = EMPTY;
    }
    if (this.carryLen === 0 && p < n) {
      const base = this.pushed;
      const used = this.scan(chunk, p, n, base);
      if (this.stoppedAt < 0 && used < n) {
        this.append(chunk, used, n - used);
        this.carryAt = base + used;
      }
    }
    this.pushed += n;
    this.decoder.release();
  }

  /** Bytes the carry still lacks: the rest of a header, or the rest of a record with a valid header. */
  private needed(): number {
    if (this.carryLen < HEADER) return HEADER - this.carryLen;
    return HEADER + this.carryRecordLength() + FOOTER - this.carryLen;
  }

  /** Length field of the (verified) header at the start of the carry. */
  private carryRecordLength(): number {
    const c = this.carry;
    return (c[0] | (c[1] << 8) | (c[2] << 16) | (c[3] << 24)) >>> 0;
  }

  private append(src: Uint8Array, from: number, count: number): void {
    const len = this.carryLen + count;
    if (len > this.carry.length) {
      // Grows with the bytes actually received, never from a length field.
      const next = new Uint8Array(Math.max(len, this.carry.length * 2, 256));
      next.set(this.carry.subarray(0, this.carryLen));
      this.carry = next;
    }
    this.carry.set(src.subarray(from, from + count), this.carryLen);
    this.carryLen = len;
  }

  /**
   * Reads complete records in `buf[start, end)` (file offset of buf[0] is `base`). Returns the
   * index where an unfinished record (or an unverifiable < 12-byte tail) begins.
   */
  private scan(buf: Uint8Array, start: number, end: number, base: number): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const maxRecord = this.maxRecord;
    let p = start;
    if (base + p === 0 && end - p >= 2 && isGzip(buf, p)) {
      this.gzipped();
      return end;
    }
    while (end - p >= HEADER) {
      const len = view.getUint32(p, true);
      if (
        view.getUint32(p + 4, true) !== 0 ||
        len > maxRecord ||
        maskedCrc32c8(view, p) !== view.getUint32(p + 8, true)
      ) {
        if (this.resyncFrom < 0) {
          this.startResync(view, p, base + p);
        } else if (base + p - this.resyncFrom >= this.maxResync) {
          this.giveUp(base + p);
          return end;
        }
        p++;
        continue;
      }
      if (this.resyncFrom >= 0) this.endResync(base + p);
      const total = HEADER + len + FOOTER;
      if (end - p < total) break;
      const dataStart = p + HEADER;
      const dataEnd = dataStart + len;
      if (maskCrc(crc32cView(buf, view, dataStart, dataEnd)) !== view.getUint32(dataEnd, true)) {
        this.corrupt++;
        this.log.add({
          code: CODE.corrupt,
          severity: 'warning',
          message: `Record at byte offset ${base + p}: data checksum mismatch; the record (${len} bytes) was skipped.`,
        });
      } else {
        this.record(buf, view, dataStart, dataEnd, base);
      }
      p += total;
    }
    return p;
  }

  /**
   * A `.gz` event file (tensorboard can't read those either): its bytes would only ever resync
   * as damage, and a stored deflate block would even yield records, so stop with one clear error.
   */
  private gzipped(): void {
    this.stoppedAt = 0;
    this.fileIssues.push({
      code: CODE.corrupt,
      severity: 'error',
      file: this.fileName,
      message: `The file is gzip-compressed (it starts with the gzip magic bytes 1f 8b at byte offset 0); decompress it first (gunzip ${this.fileName.slice(this.fileName.lastIndexOf('/') + 1)}) and load the result.`,
    });
  }

  private startResync(view: DataView, p: number, at: number): void {
    this.corrupt++;
    this.resyncFrom = at;
    const hi = view.getUint32(p + 4, true);
    const crcOk = maskedCrc32c8(view, p) === view.getUint32(p + 8, true);
    if (crcOk) {
      const len = hi * 4294967296 + view.getUint32(p, true);
      this.resyncReason = `declares a record of ${len} bytes, more than the ${Math.round(this.maxRecord / MIB)} MiB limit`;
      this.log.add({
        code: CODE.tooLarge,
        severity: 'warning',
        message: `Record at byte offset ${at} ${this.resyncReason}; it was skipped.`,
      });
    } else {
      this.resyncReason = 'has a damaged header (length checksum mismatch)';
    }
  }

  private endResync(at: number): void {
    const from = this.resyncFrom;
    this.resyncFrom = -1;
    this.log.add({
      code: CODE.corrupt,
      severity: 'warning',
      message: `Record at byte offset ${from} ${this.resyncReason}; skipped ${at - from} bytes to the next valid record at byte offset ${at}.`,
    });
  }

  private giveUp(at: number): void {
    this.stoppedAt = at;
    this.fileIssues.push({
      code: CODE.corrupt,
      severity: 'error',
      file: this.fileName,
      message: `Record at byte offset ${this.resyncFrom} ${this.resyncReason}, and no valid record header follows within ${Math.round(this.maxResync / MIB)} MiB; reading stopped at byte offset ${at}.`,
    });
    this.resyncFrom = -1;
  }

  private record(buf: Uint8Array, view: DataView, start: number, end: number, base: number): void {
    const d = this.decoder;
    try {
      if (!decodeScalarEvent(d, buf, view, start, end)) d.decode(buf, view, start, end);
    } catch (e) {
      this.corrupt++;
      const what = e instanceof Error ? e.message : String(e);
      const at = typeof (e as { at?: unknown }).at === 'number' ? (e as { at: number }).at : start;
      this.log.add({
        code: CODE.corrupt,
        severity: 'warning',
        message: `Record at byte offset ${base + start - HEADER}: not a valid Event message (${what} at byte offset ${base + at}); the record was skipped.`,
      });
      return;
    }
    this.records++;
    if (d.fileVersionStart >= 0 && this.fileVersion === null) {
      this.fileVersion = utf8.decode(buf.subarray(d.fileVersionStart, d.fileVersionEnd));
    }
    const count = d.count;
    if (count === 0) return;
    const step = d.step;
    const wall = d.wallTime;
    const table = this.table;
    for (let i = 0; i < count; i++) {
      const s = table.get(buf, view, d.tagStart[i], d.tagEnd[i]);
      const policy = d.policies[i];
      if (policy !== POLICY_UNKNOWN && s.policy === POLICY_UNKNOWN) s.policy = policy;
      const kind = d.kinds[i];
      if (kind === KIND_SIMPLE || (kind === KIND_TENSOR && s.policy !== POLICY_OTHER)) {
        s.push(step, d.values[i], wall);
        this.scalars++;
      }
    }
  }

  finish(): EventFileResult {
    if (this.result !== null) return this.result;
    let truncatedTail = false;
    // A file shorter than one header never reached scan().
    if (this.carryAt === 0 && this.carryLen >= 2 && isGzip(this.carry, 0)) this.gzipped();
    if (this.stoppedAt < 0) {
      if (this.resyncFrom >= 0) {
        this.fileIssues.push({
          code: CODE.corrupt,
          severity: 'warning',
          file: this.fileName,
          message: `Record at byte offset ${this.resyncFrom} ${this.resyncReason}; no valid record follows, so the last ${this.pushed - this.resyncFrom} bytes of the file were skipped.`,
        });
        this.resyncFrom = -1;
      } else if (this.carryLen > 0) {
        truncatedTail = true;
        const where =
          this.carryLen < HEADER
            ? `${this.carryLen} bytes into the header of a record at byte offset ${this.carryAt}`
            : `inside the record at byte offset ${this.carryAt} (${this.carryLen} of its ${HEADER + this.carryRecordLength() + FOOTER} bytes are present)`;
        this.fileIssues.push({
          code: CODE.truncated,
          severity: 'warning',
          file: this.fileName,
          message: `The file ends ${where}; it may still be being written. The incomplete record was ignored.`,
        });
      }
    }
    this.carry = EMPTY;
    this.carryLen = 0;

    if (this.pushed === 0) {
      this.fileIssues.push({
        code: CODE.empty,
        severity: 'warning',
        file: this.fileName,
        message: 'The event file is empty.',
      });
    } else if (this.records === 0 && this.corrupt > 0) {
      this.fileIssues.push({
        code: CODE.notEvents,
        severity: 'error',
        file: this.fileName,
        message:
          'No valid record was found: this does not look like a TensorBoard event file (TFRecord framing with CRC-32C checksums).',
      });
    } else if (this.scalars === 0 && this.records > 0) {
      this.fileIssues.push({
        code: CODE.noScalars,
        severity: 'warning',
        file: this.fileName,
        message: `No scalar summaries in ${this.records} records (only other data such as graphs, images, histograms or text).`,
      });
    }

    const curves: Curve[] = [];
    for (const s of this.table.list) if (s.n > 0) curves.push(s.toCurve(this.runId));
    this.result = {
      curves,
      issues: [...this.log.finish(), ...this.fileIssues],
      stats: {
        records: this.records,
        scalars: this.scalars,
        corruptRecords: this.corrupt,
        truncatedTail,
        fileVersion: this.fileVersion,
      },
    };
    return this.result;
  }
}

function isGzip(bytes: Uint8Array, p: number): boolean {
  return bytes[p] === 0x1f && bytes[p + 1] === 0x8b;
}

/** TensorBoard's naming: `events.out.tfevents.<timestamp>.<host>[...]`. */
export function isEventFileName(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return /^events\.out\.tfevents\./.test(base);
}

/** Whether the first bytes of a file start with a TFRecord header whose length checksum is valid. */
export function looksLikeEventFile(head: Uint8Array): boolean {
  if (head.length < HEADER) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return (
    view.getUint32(4, true) === 0 &&
    view.getUint32(0, true) <= DEFAULT_MAX_RECORD &&
    maskedCrc32c8(view, 0) === view.getUint32(8, true)
  );
}
