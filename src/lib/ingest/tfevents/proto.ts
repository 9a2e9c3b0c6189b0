/**
 * A minimal protobuf wire-format cursor over a byte range. Every read is bounds-checked against
 * an explicit `end`; malformed input throws `ProtoError`, which the record reader catches and
 * turns into a counted, reported corrupt record.
 */

export class ProtoError extends Error {
  constructor(
    message: string,
    /** Byte offset (relative to the cursor's buffer) where decoding failed. */
    readonly at: number,
  ) {
    super(message);
    this.name = 'ProtoError';
  }
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;
const EMPTY = new Uint8Array(0);

export class ProtoCursor {
  buf: Uint8Array = EMPTY;
  view: DataView = new DataView(EMPTY.buffer);
  pos = 0;
  /** High 32 bits of the last `varint64()` (as an unsigned number). */
  hi = 0;

  reset(buf: Uint8Array, view: DataView, pos: number): void {
    this.buf = buf;
    this.view = view;
    this.pos = pos;
  }

  /**
   * Reads a varint of up to 10 bytes; returns its low 32 bits (unsigned) and leaves the high 32
   * bits in `this.hi`.
   */
  varint64(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= end) throw new ProtoError('varint runs past the end of its message', pos);
    let b = buf[pos++];
    if (b < 0x80) {
      this.pos = pos;
      this.hi = 0;
      return b;
    }
    let lo = b & 0x7f;
    let hi = 0;
    for (let shift = 7; shift < 28; shift += 7) {
      if (pos >= end) throw new ProtoError('varint runs past the end of its message', pos);
      b = buf[pos++];
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        this.hi = 0;
        return lo >>> 0;
      }
    }
    if (pos >= end) throw new ProtoError('varint runs past the end of its message', pos);
    b = buf[pos++];
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >>> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (shift > 31) throw new ProtoError('varint longer than 10 bytes', pos);
        if (pos >= end) throw new ProtoError('varint runs past the end of its message', pos);
        b = buf[pos++];
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = pos;
    this.hi = hi >>> 0;
    return lo >>> 0;
  }

  /** A varint read as a signed 64-bit integer, converted to the nearest double. */
  int64(end: number): number {
    // Fast path: up to 3 bytes (values below 2^21, e.g. training steps).
    const buf = this.buf;
    const pos = this.pos;
    if (end - pos >= 3) {
      const b0 = buf[pos];
      if (b0 < 0x80) {
        this.pos = pos + 1;
        return b0;
      }
      const b1 = buf[pos + 1];
      if (b1 < 0x80) {
        this.pos = pos + 2;
        return (b0 & 0x7f) | (b1 << 7);
      }
      const b2 = buf[pos + 2];
      if (b2 < 0x80) {
        this.pos = pos + 3;
        return (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
      }
    }
    const lo = this.varint64(end);
    return (this.hi | 0) * TWO_32 + lo;
  }

  /** A varint read as an unsigned 64-bit integer, converted to the nearest double. */
  uint64(end: number): number {
    const lo = this.varint64(end);
    return this.hi * TWO_32 + lo;
  }

  /** A field key; returns `field << 3 | wireType` with the field number validated. */
  key(end: number): number {
    const pos = this.pos;
    if (pos < end) {
      const b = this.buf[pos];
      if (b < 0x80 && b >= 8) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.keySlow(end);
  }

  private keySlow(end: number): number {
    const k = this.varint64(end);
    if (this.hi !== 0 || k >>> 3 === 0) {
      throw new ProtoError(`invalid field key ${k >>> 3}`, this.pos);
    }
    return k;
  }

  /** Reads a length prefix and returns the end of the delimited bytes (checked against `end`). */
  lengthEnd(end: number): number {
    const pos = this.pos;
    if (pos < end) {
      const b = this.buf[pos];
      if (b < 0x80 && b < end - pos) {
        this.pos = pos + 1;
        return pos + 1 + b;
      }
    }
    return this.lengthEndSlow(end);
  }

  private lengthEndSlow(end: number): number {
    const at = this.pos;
    const len = this.varint64(end);
    if (this.hi !== 0 || len > end - this.pos) {
      throw new ProtoError(
        `length-delimited field of ${this.hi ? '> 2^32' : len} bytes runs past the end of its message`,
        at,
      );
    }
    return this.pos + len;
  }

  fixed32Pos(end: number): number {
    const p = this.pos;
    if (end - p < 4) throw new ProtoError('fixed32 field runs past the end of its message', p);
    this.pos = p + 4;
    return p;
  }

  fixed64Pos(end: number): number {
    const p = this.pos;
    if (end - p < 8) throw new ProtoError('fixed64 field runs past the end of its message', p);
    this.pos = p + 8;
    return p;
  }

  float32(end: number): number {
    return this.view.getFloat32(this.fixed32Pos(end), true);
  }

  float64(end: number): number {
    return this.view.getFloat64(this.fixed64Pos(end), true);
  }

  /** Skips one field value of the given wire type. Groups (3, 4) and 6, 7 are rejected. */
  skip(wireType: number, end: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint64(end);
        return;
      case WIRE_FIXED64:
        this.fixed64Pos(end);
        return;
      case WIRE_LEN:
        this.pos = this.lengthEnd(end);
        return;
      case WIRE_FIXED32:
        this.fixed32Pos(end);
        return;
      default:
        throw new ProtoError(`unsupported wire type ${wireType}`, this.pos);
    }
  }
}
