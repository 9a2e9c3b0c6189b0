/**
 * Decoding of TensorFlow `Event` / `Summary` / `TensorProto` messages into scalar points.
 *
 * One decoder is reused for every record; decoded points are staged in preallocated typed arrays
 * (tag byte ranges, values) and only committed by the caller when the whole record decoded, so a
 * record that turns out to be malformed halfway contributes nothing.
 */
import {
  ProtoCursor,
  ProtoError,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
} from './proto';

/** How a tag's `SummaryMetadata` says its tensors should be read. */
export const POLICY_UNKNOWN = 0;
export const POLICY_SCALAR = 1;
/** Another plugin (images, histograms, text, hparams, …): its tensors are not scalar curves. */
export const POLICY_OTHER = 2;

/** Staged entry kinds. */
export const KIND_SIMPLE = 0;
export const KIND_TENSOR = 1;
/** Metadata only (no usable scalar): recorded so the tag's plugin is remembered. */
export const KIND_NONE = 2;

// TensorFlow DataType enum values.
const DT_INVALID = 0;
const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_UINT8 = 4;
const DT_INT16 = 5;
const DT_INT8 = 6;
const DT_INT64 = 9;
const DT_BFLOAT16 = 14;
const DT_UINT16 = 17;
const DT_HALF = 19;
const DT_UINT32 = 22;
const DT_UINT64 = 23;

const TWO_32 = 4294967296;
const EMPTY = new Uint8Array(0);
const EMPTY_VIEW = new DataView(EMPTY.buffer);
/** "scalars" in UTF-8. */
const SCALARS = [0x73, 0x63, 0x61, 0x6c, 0x61, 0x72, 0x73];

/** IEEE 754 half precision bits to a number. */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const bf16Scratch = new DataView(new ArrayBuffer(4));
/** bfloat16 bits (the upper half of a float32) to a number. */
export function bfloat16ToNumber(h: number): number {
  bf16Scratch.setUint32(0, (h & 0xffff) << 16);
  return bf16Scratch.getFloat32(0);
}

/** Repeated numeric fields of a TensorProto: how many values were seen, and the first one. */
class ValueField {
  count = 0;
  first = 0;
  add(v: number): void {
    if (this.count++ === 0) this.first = v;
  }
}

export class EventDecoder {
  private readonly cur = new ProtoCursor();

  // Results of the last decode().
  wallTime = NaN;
  step = 0;
  fileVersionStart = -1;
  fileVersionEnd = -1;

  /** Staged summary values of the last decode(). */
  count = 0;
  tagStart = new Int32Array(16);
  tagEnd = new Int32Array(16);
  values = new Float64Array(16);
  kinds = new Uint8Array(16);
  policies = new Uint8Array(16);

  // Per-value scratch (reused).
  private readonly floatVal = new ValueField();
  private readonly doubleVal = new ValueField();
  private readonly intVal = new ValueField();
  private readonly int64Val = new ValueField();
  private readonly halfVal = new ValueField();
  private readonly uint32Val = new ValueField();
  private readonly uint64Val = new ValueField();
  /** Set by tensor(): whether it held exactly one numeric value. */
  private tensorOk = false;
  private tensorValue = 0;

  /** Drops the reference to the last decoded buffer. */
  release(): void {
    this.cur.reset(EMPTY, EMPTY_VIEW, 0);
  }

  /** Decodes the Event in `buf[start, end)`. Throws ProtoError on malformed input. */
  decode(buf: Uint8Array, view: DataView, start: number, end: number): void {
    const cur = this.cur;
    cur.reset(buf, view, start);
    this.wallTime = NaN;
    this.step = 0;
    this.fileVersionStart = -1;
    this.fileVersionEnd = -1;
    this.count = 0;
    while (cur.pos < end) {
      const key = cur.key(end);
      const wt = key & 7;
      switch (key >>> 3) {
        case 1: // double wall_time
          if (wt === WIRE_FIXED64) {
            this.wallTime = cur.float64(end);
            continue;
          }
          break;
        case 2: // int64 step
          if (wt === WIRE_VARINT) {
            this.step = cur.int64(end);
            continue;
          }
          break;
        case 3: // string file_version
          if (wt === WIRE_LEN) {
            const e = cur.lengthEnd(end);
            this.fileVersionStart = cur.pos;
            this.fileVersionEnd = e;
            cur.pos = e;
            continue;
          }
          break;
        case 5: // Summary summary
          if (wt === WIRE_LEN) {
            const e = cur.lengthEnd(end);
            this.summary(e);
            continue;
          }
          break;
      }
      cur.skip(wt, end);
    }
  }

  private summary(end: number): void {
    const cur = this.cur;
    while (cur.pos < end) {
      const key = cur.key(end);
      if (key === ((1 << 3) | WIRE_LEN)) {
        const e = cur.lengthEnd(end);
        this.value(e);
      } else {
        cur.skip(key & 7, end);
      }
    }
  }

  /** One Summary.Value: stages at most one entry. */
  private value(end: number): void {
    const cur = this.cur;
    let tagStart = -1;
    let tagEnd = -1;
    let nodeStart = -1;
    let nodeEnd = -1;
    let kind = KIND_NONE;
    let value = 0;
    let policy = POLICY_UNKNOWN;
    while (cur.pos < end) {
      const key = cur.key(end);
      const wt = key & 7;
      switch (key >>> 3) {
        case 1: // string tag
          if (wt === WIRE_LEN) {
            tagEnd = cur.lengthEnd(end);
            tagStart = cur.pos;
            cur.pos = tagEnd;
            continue;
          }
          break;
        case 7: // string node_name (TF1 fallback when tag is empty)
          if (wt === WIRE_LEN) {
            nodeEnd = cur.lengthEnd(end);
            nodeStart = cur.pos;
            cur.pos = nodeEnd;
            continue;
          }
          break;
        case 2: // float simple_value
          if (wt === WIRE_FIXED32) {
            value = cur.float32(end);
            kind = KIND_SIMPLE;
            continue;
          }
          break;
        case 8: // TensorProto tensor
          if (wt === WIRE_LEN) {
            const e = cur.lengthEnd(end);
            this.tensor(e);
            if (this.tensorOk) {
              kind = KIND_TENSOR;
              value = this.tensorValue;
            } else {
              kind = KIND_NONE;
            }
            continue;
          }
          break;
        case 3: // obsolete histogram, image, histo, audio: the oneof holds something else
        case 4:
        case 5:
        case 6:
          kind = KIND_NONE;
          break;
        case 9: // SummaryMetadata metadata
          if (wt === WIRE_LEN) {
            const e = cur.lengthEnd(end);
            policy = this.metadata(e);
            continue;
          }
          break;
      }
      cur.skip(wt, end);
    }
    if (tagStart < 0 || tagStart === tagEnd) {
      tagStart = nodeStart;
      tagEnd = nodeEnd;
    }
    if (tagStart < 0) return; // a value without a name cannot be a curve
    if (kind === KIND_NONE && policy === POLICY_UNKNOWN) return;
    const i = this.count;
    if (i === this.values.length) this.grow();
    this.tagStart[i] = tagStart;
    this.tagEnd[i] = tagEnd;
    this.values[i] = value;
    this.kinds[i] = kind;
    this.policies[i] = policy;
    this.count = i + 1;
  }

  private grow(): void {
    const n = this.values.length * 2;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.tagStart = i32(this.tagStart);
    this.tagEnd = i32(this.tagEnd);
    const v = new Float64Array(n);
    v.set(this.values);
    this.values = v;
    this.kinds = u8(this.kinds);
    this.policies = u8(this.policies);
  }

  /** SummaryMetadata: plugin_data (1) { plugin_name (1) }, data_class (4). */
  private metadata(end: number): number {
    const cur = this.cur;
    let policy = POLICY_UNKNOWN;
    let dataClass = 0;
    while (cur.pos < end) {
      const key = cur.key(end);
      const wt = key & 7;
      if (key === ((1 << 3) | WIRE_LEN)) {
        const pe = cur.lengthEnd(end);
        while (cur.pos < pe) {
          const k2 = cur.key(pe);
          if (k2 === ((1 << 3) | WIRE_LEN)) {
            const ne = cur.lengthEnd(pe);
            const len = ne - cur.pos;
            if (len > 0) policy = this.isScalars(cur.pos, len) ? POLICY_SCALAR : POLICY_OTHER;
            cur.pos = ne;
          } else {
            cur.skip(k2 & 7, pe);
          }
        }
      } else if (key === ((4 << 3) | WIRE_VARINT)) {
        dataClass = cur.varint64(end);
      } else {
        cur.skip(wt, end);
      }
    }
    // DATA_CLASS_SCALAR = 1 wins over the plugin name.
    return dataClass === 1 ? POLICY_SCALAR : policy;
  }

  private isScalars(p: number, len: number): boolean {
    if (len !== SCALARS.length) return false;
    const buf = this.cur.buf;
    for (let i = 0; i < len; i++) if (buf[p + i] !== SCALARS[i]) return false;
    return true;
  }

  /** Reads a repeated numeric field, packed or not, into `field`. */
  private repeated(
    field: ValueField,
    wt: number,
    end: number,
    elementWire: number,
    read: (e: number) => number,
  ): void {
    const cur = this.cur;
    if (wt === WIRE_LEN) {
      const e = cur.lengthEnd(end);
      while (cur.pos < e) field.add(read(e));
    } else if (wt === elementWire) {
      field.add(read(end));
    } else {
      cur.skip(wt, end);
    }
  }

  private readonly readFloat = (e: number): number => this.cur.float32(e);
  private readonly readDouble = (e: number): number => this.cur.float64(e);
  private readonly readInt32 = (e: number): number => this.cur.varint64(e) | 0;
  private readonly readInt64 = (e: number): number => this.cur.int64(e);
  private readonly readUint32 = (e: number): number => this.cur.varint64(e);
  private readonly readUint64 = (e: number): number => this.cur.uint64(e);

  /** TensorProto; sets tensorOk/tensorValue when it holds exactly one numeric value. */
  private tensor(end: number): void {
    const cur = this.cur;
    const view = cur.view;
    this.tensorOk = false;
    let dtype = DT_INVALID;
    let elements = 1; // no shape = rank 0 = one element
    let contentStart = -1;
    let contentEnd = -1;
    const fv = this.floatVal;
    const dv = this.doubleVal;
    const iv = this.intVal;
    const i64 = this.int64Val;
    const hv = this.halfVal;
    const u32 = this.uint32Val;
    const u64 = this.uint64Val;
    fv.count = dv.count = iv.count = i64.count = hv.count = u32.count = u64.count = 0;
    while (cur.pos < end) {
      const key = cur.key(end);
      const wt = key & 7;
      switch (key >>> 3) {
        case 1: // DataType dtype
          if (wt === WIRE_VARINT) {
            dtype = cur.varint64(end);
            continue;
          }
          break;
        case 2: // TensorShapeProto tensor_shape
          if (wt === WIRE_LEN) {
            const e = cur.lengthEnd(end);
            elements = this.shapeElements(e);
            continue;
          }
          break;
        case 4: // bytes tensor_content
          if (wt === WIRE_LEN) {
            contentEnd = cur.lengthEnd(end);
            contentStart = cur.pos;
            cur.pos = contentEnd;
            continue;
          }
          break;
        case 5: // repeated float float_val (packed or not)
          if (wt === WIRE_LEN) {
            const e = cur.lengthEnd(end);
            if ((e - cur.pos) & 3)
              throw new ProtoError('packed float_val is not a multiple of 4 bytes', cur.pos);
            for (let p = cur.pos; p < e; p += 4) fv.add(view.getFloat32(p, true));
            cur.pos = e;
          } else this.repeated(fv, wt, end, WIRE_FIXED32, this.readFloat);
          continue;
        case 6: // repeated double double_val (packed or not)
          if (wt === WIRE_LEN) {
            const e = cur.lengthEnd(end);
            if ((e - cur.pos) & 7)
              throw new ProtoError('packed double_val is not a multiple of 8 bytes', cur.pos);
            for (let p = cur.pos; p < e; p += 8) dv.add(view.getFloat64(p, true));
            cur.pos = e;
          } else this.repeated(dv, wt, end, WIRE_FIXED64, this.readDouble);
          continue;
        case 7:
          this.repeated(iv, wt, end, WIRE_VARINT, this.readInt32);
          continue;
        case 10:
          this.repeated(i64, wt, end, WIRE_VARINT, this.readInt64);
          continue;
        case 13:
          this.repeated(hv, wt, end, WIRE_VARINT, this.readUint32);
          continue;
        case 16:
          this.repeated(u32, wt, end, WIRE_VARINT, this.readUint32);
          continue;
        case 17:
          this.repeated(u64, wt, end, WIRE_VARINT, this.readUint64);
          continue;
      }
      cur.skip(wt, end);
    }
    if (elements !== 1) return;
    if (contentStart >= 0) {
      this.fromContent(dtype, contentStart, contentEnd - contentStart);
      return;
    }
    let f: ValueField | null = null;
    let convert = 0; // 1: half, 2: bfloat16
    switch (dtype) {
      case DT_FLOAT:
        f = fv;
        break;
      case DT_DOUBLE:
        f = dv;
        break;
      case DT_INT32:
      case DT_UINT8:
      case DT_INT16:
      case DT_INT8:
      case DT_UINT16:
        f = iv;
        break;
      case DT_INT64:
        f = i64;
        break;
      case DT_UINT32:
        f = u32;
        break;
      case DT_UINT64:
        f = u64;
        break;
      case DT_HALF:
        f = hv;
        convert = 1;
        break;
      case DT_BFLOAT16:
        f = hv;
        convert = 2;
        break;
      case DT_INVALID: // unset dtype: accept the only field that holds a value
        for (const c of [fv, dv, iv, i64]) {
          if (c.count > 0) {
            if (f) return;
            f = c;
          }
        }
        break;
      default:
        return;
    }
    if (!f || f.count !== 1) return;
    this.tensorOk = true;
    this.tensorValue =
      convert === 1 ? halfToNumber(f.first) : convert === 2 ? bfloat16ToNumber(f.first) : f.first;
  }

  private fromContent(dtype: number, p: number, len: number): void {
    const view = this.cur.view;
    let v: number;
    switch (dtype) {
      case DT_FLOAT:
        if (len !== 4) return;
        v = view.getFloat32(p, true);
        break;
      case DT_DOUBLE:
        if (len !== 8) return;
        v = view.getFloat64(p, true);
        break;
      case DT_HALF:
        if (len !== 2) return;
        v = halfToNumber(view.getUint16(p, true));
        break;
      case DT_BFLOAT16:
        if (len !== 2) return;
        v = bfloat16ToNumber(view.getUint16(p, true));
        break;
      case DT_INT32:
        if (len !== 4) return;
        v = view.getInt32(p, true);
        break;
      case DT_UINT32:
        if (len !== 4) return;
        v = view.getUint32(p, true);
        break;
      case DT_INT16:
        if (len !== 2) return;
        v = view.getInt16(p, true);
        break;
      case DT_UINT16:
        if (len !== 2) return;
        v = view.getUint16(p, true);
        break;
      case DT_INT8:
        if (len !== 1) return;
        v = view.getInt8(p);
        break;
      case DT_UINT8:
        if (len !== 1) return;
        v = view.getUint8(p);
        break;
      case DT_INT64:
        if (len !== 8) return;
        v = view.getInt32(p + 4, true) * TWO_32 + view.getUint32(p, true);
        break;
      case DT_UINT64:
        if (len !== 8) return;
        v = view.getUint32(p + 4, true) * TWO_32 + view.getUint32(p, true);
        break;
      default:
        return;
    }
    this.tensorOk = true;
    this.tensorValue = v;
  }

  /**
   * TensorShapeProto: repeated Dim dim = 2 { int64 size = 1 }, bool unknown_rank = 3.
   * Returns the number of elements, or -1 when unknown.
   */
  private shapeElements(end: number): number {
    const cur = this.cur;
    let elements = 1;
    while (cur.pos < end) {
      const key = cur.key(end);
      if (key === ((2 << 3) | WIRE_LEN)) {
        const de = cur.lengthEnd(end);
        let size = 0;
        while (cur.pos < de) {
          const k2 = cur.key(de);
          if (k2 === ((1 << 3) | WIRE_VARINT)) size = cur.int64(de);
          else cur.skip(k2 & 7, de);
        }
        elements = size < 0 || elements < 0 ? -1 : elements * size;
      } else if (key === ((3 << 3) | WIRE_VARINT)) {
        if (cur.varint64(end) !== 0 || cur.hi !== 0) elements = -1;
      } else {
        cur.skip(key & 7, end);
      }
    }
    return elements;
  }
}

export { ProtoError };
