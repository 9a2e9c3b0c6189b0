/**
 * A small TensorBoard event-file writer, for tests only: protobuf encoding of Event / Summary /
 * TensorProto and TFRecord framing, with switches to produce damaged files.
 */
import { crc32c, maskCrc } from '../../../../src/lib/ingest/tfevents';

// ---- protobuf encoding -------------------------------------------------------------------------

/** Varint of a non-negative or negative (two's complement, 10 bytes) 64-bit integer. */
export function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}

export const key = (field: number, wireType: number): number[] => varint((field << 3) | wireType);

export function fieldVarint(field: number, n: number | bigint): number[] {
  return [...key(field, 0), ...varint(n)];
}

export function fieldDouble(field: number, x: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return [...key(field, 1), ...b];
}

export function fieldFloat(field: number, x: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...key(field, 5), ...b];
}

export function fieldBytes(field: number, bytes: ArrayLike<number>): number[] {
  return [...key(field, 2), ...varint(bytes.length), ...Array.from(bytes)];
}

export function fieldString(field: number, s: string): number[] {
  return fieldBytes(field, new TextEncoder().encode(s));
}

function f32(x: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...b];
}
function f64(x: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return [...b];
}
function u16(x: number): number[] {
  return [x & 0xff, (x >>> 8) & 0xff];
}

/** Float to IEEE half bits (round toward zero is enough for test values that are exact). */
export function toHalfBits(x: number): number {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, x);
  const bits = b.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exp = ((bits >>> 23) & 0xff) - 127 + 15;
  const frac = (bits >>> 13) & 0x3ff;
  if (Number.isNaN(x)) return 0x7e00;
  if (exp >= 0x1f) return sign | 0x7c00;
  if (exp < -10) return sign;
  if (exp <= 0) return sign | (((bits & 0x7fffff) | 0x800000) >>> (14 - exp));
  return sign | (exp << 10) | frac;
}

export function toBfloat16Bits(x: number): number {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, x);
  return b.getUint32(0) >>> 16;
}

// ---- TensorFlow messages ----------------------------------------------------------------------

export const DT = {
  FLOAT: 1,
  DOUBLE: 2,
  INT32: 3,
  UINT8: 4,
  INT16: 5,
  INT8: 6,
  STRING: 7,
  INT64: 9,
  BFLOAT16: 14,
  UINT16: 17,
  HALF: 19,
  UINT32: 22,
  UINT64: 23,
} as const;

/** How a scalar is stored in a Summary.Value. */
export type ScalarEncoding =
  | 'simple'
  | 'float_val'
  | 'float_val_unpacked'
  | 'double_val'
  | 'double_val_unpacked'
  | 'content_float'
  | 'content_double'
  | 'content_half'
  | 'content_bfloat16'
  | 'half_val'
  | 'bfloat16_val'
  | 'int_val'
  | 'int64_val'
  | 'content_int32'
  | 'content_int64'
  | 'content_uint8';

export interface TensorSpec {
  dtype: number;
  /** Dimension sizes; omitted = rank 0 (a scalar). */
  shape?: number[];
  content?: number[];
  floatVal?: number[];
  doubleVal?: number[];
  intVal?: number[];
  int64Val?: number[];
  halfVal?: number[];
  stringVal?: string[];
  /** Write repeated numeric fields unpacked (one key per value). */
  unpacked?: boolean;
}

export function encodeTensor(t: TensorSpec): number[] {
  const out: number[] = [...fieldVarint(1, t.dtype)];
  if (t.shape) {
    const dims = t.shape.flatMap((size) => fieldBytes(2, fieldVarint(1, size)));
    out.push(...fieldBytes(2, dims));
  }
  if (t.content) out.push(...fieldBytes(4, t.content));
  const repeated = (
    field: number,
    wt: number,
    vals: number[] | undefined,
    enc: (v: number) => number[],
  ) => {
    if (!vals) return;
    if (t.unpacked) for (const v of vals) out.push(...key(field, wt), ...enc(v));
    else out.push(...fieldBytes(field, vals.flatMap(enc)));
  };
  repeated(5, 5, t.floatVal, f32);
  repeated(6, 1, t.doubleVal, f64);
  repeated(7, 0, t.intVal, varint);
  repeated(10, 0, t.int64Val, varint);
  repeated(13, 0, t.halfVal, varint);
  for (const s of t.stringVal ?? []) out.push(...fieldString(8, s));
  return out;
}

export function scalarTensor(
  value: number,
  encoding: Exclude<ScalarEncoding, 'simple'>,
): TensorSpec {
  switch (encoding) {
    case 'float_val':
      return { dtype: DT.FLOAT, floatVal: [value] };
    case 'float_val_unpacked':
      return { dtype: DT.FLOAT, floatVal: [value], unpacked: true };
    case 'double_val':
      return { dtype: DT.DOUBLE, doubleVal: [value] };
    case 'double_val_unpacked':
      return { dtype: DT.DOUBLE, doubleVal: [value], unpacked: true };
    case 'content_float':
      return { dtype: DT.FLOAT, content: f32(value) };
    case 'content_double':
      return { dtype: DT.DOUBLE, content: f64(value) };
    case 'content_half':
      return { dtype: DT.HALF, content: u16(toHalfBits(value)) };
    case 'content_bfloat16':
      return { dtype: DT.BFLOAT16, content: u16(toBfloat16Bits(value)) };
    case 'half_val':
      return { dtype: DT.HALF, halfVal: [toHalfBits(value)] };
    case 'bfloat16_val':
      return { dtype: DT.BFLOAT16, halfVal: [toBfloat16Bits(value)] };
    case 'int_val':
      return { dtype: DT.INT32, intVal: [value] };
    case 'int64_val':
      return { dtype: DT.INT64, int64Val: [value] };
    case 'content_int32': {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, value, true);
      return { dtype: DT.INT32, content: [...b] };
    }
    case 'content_int64': {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigInt64(0, BigInt(value), true);
      return { dtype: DT.INT64, content: [...b] };
    }
    case 'content_uint8':
      return { dtype: DT.UINT8, content: [value & 0xff] };
  }
}

export interface ValueSpec {
  tag: string;
  /** A scalar; with `encoding` (default 'simple') choosing how it is stored. */
  value?: number;
  encoding?: ScalarEncoding;
  /** An explicit tensor instead of `value`. */
  tensor?: TensorSpec;
  /** SummaryMetadata.plugin_data.plugin_name. */
  plugin?: string;
  /** SummaryMetadata.data_class (1 = scalar, 2 = tensor, 3 = blob sequence). */
  dataClass?: number;
  /** Store an Image message (field 4) instead of a scalar. */
  image?: boolean;
}

export function encodeValue(v: ValueSpec): number[] {
  const out: number[] = [...fieldString(1, v.tag)];
  if (v.plugin !== undefined || v.dataClass !== undefined) {
    const md: number[] = [];
    if (v.plugin !== undefined) md.push(...fieldBytes(1, fieldString(1, v.plugin)));
    if (v.dataClass !== undefined) md.push(...fieldVarint(4, v.dataClass));
    out.push(...fieldBytes(9, md));
  }
  if (v.image) out.push(...fieldBytes(4, [...fieldVarint(1, 1), ...fieldVarint(2, 1)]));
  if (v.tensor) out.push(...fieldBytes(8, encodeTensor(v.tensor)));
  else if (v.value !== undefined) {
    const enc = v.encoding ?? 'simple';
    if (enc === 'simple') out.push(...fieldFloat(2, v.value));
    else out.push(...fieldBytes(8, encodeTensor(scalarTensor(v.value, enc))));
  }
  return out;
}

export interface EventSpec {
  wallTime?: number;
  step?: number | bigint;
  fileVersion?: string;
  values?: ValueSpec[];
  /** Raw bytes appended to the Event (e.g. unknown fields). */
  extra?: number[];
}

export function encodeEvent(e: EventSpec): Uint8Array {
  const out: number[] = [];
  if (e.wallTime !== undefined) out.push(...fieldDouble(1, e.wallTime));
  if (e.step !== undefined && e.step !== 0) out.push(...fieldVarint(2, e.step));
  if (e.fileVersion !== undefined) out.push(...fieldString(3, e.fileVersion));
  if (e.values)
    out.push(
      ...fieldBytes(
        5,
        e.values.flatMap((v) => fieldBytes(1, encodeValue(v))),
      ),
    );
  if (e.extra) out.push(...e.extra);
  return Uint8Array.from(out);
}

// ---- TFRecord framing ---------------------------------------------------------------------------

export interface FrameOptions {
  badLengthCrc?: boolean;
  badDataCrc?: boolean;
  /** Override the length field (its CRC is computed over the written value). */
  length?: bigint;
}

export function frameRecord(data: Uint8Array, opts: FrameOptions = {}): Uint8Array {
  const out = new Uint8Array(16 + data.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, opts.length ?? BigInt(data.length), true);
  let lengthCrc = maskCrc(crc32c(out, 0, 8));
  if (opts.badLengthCrc) lengthCrc ^= 0x10;
  view.setUint32(8, lengthCrc, true);
  out.set(data, 12);
  let dataCrc = maskCrc(crc32c(data));
  if (opts.badDataCrc) dataCrc ^= 0x01000000;
  view.setUint32(12 + data.length, dataCrc, true);
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Builds an event file record by record. */
export class EventFileWriter {
  readonly records: Uint8Array[] = [];

  constructor(fileVersion: string | null = 'brain.Event:2', wallTime = 1687811641.5) {
    if (fileVersion !== null) this.event({ wallTime, fileVersion });
  }

  event(e: EventSpec, frame: FrameOptions = {}): this {
    this.records.push(frameRecord(encodeEvent(e), frame));
    return this;
  }

  scalar(
    tag: string,
    step: number,
    value: number,
    opts: { wallTime?: number; encoding?: ScalarEncoding; plugin?: string } & FrameOptions = {},
  ): this {
    const { wallTime = 1687811642 + step, encoding, plugin, ...frame } = opts;
    return this.event({ wallTime, step, values: [{ tag, value, encoding, plugin }] }, frame);
  }

  /** A record whose data is arbitrary bytes (valid checksums unless asked otherwise). */
  raw(data: ArrayLike<number>, frame: FrameOptions = {}): this {
    this.records.push(frameRecord(Uint8Array.from(data), frame));
    return this;
  }

  /** Bytes pasted between records without framing (garbage). */
  garbage(bytes: ArrayLike<number>): this {
    this.records.push(Uint8Array.from(bytes));
    return this;
  }

  bytes(): Uint8Array {
    return concat(this.records);
  }

  /** File offset at which record `i` starts. */
  offsetOf(i: number): number {
    let at = 0;
    for (let k = 0; k < i; k++) at += this.records[k].length;
    return at;
  }
}
