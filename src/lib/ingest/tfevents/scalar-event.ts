/**
 * The fast path of event decoding: an Event that holds exactly one scalar summary value in the
 * layout PyTorch's SummaryWriter and TF2's tf.summary write for every point — wall_time, step,
 * summary { value { tag, simple_value } } or the same with a rank-0 DT_FLOAT tensor — read by
 * checking its bytes in order instead of dispatching on each protobuf key. Anything else
 * (metadata, other fields, multi-byte lengths, an empty tag) returns false and goes through
 * EventDecoder.decode(), which stages the same result for these bytes.
 */
import { KIND_SIMPLE, KIND_TENSOR, POLICY_UNKNOWN, type EventDecoder } from './event';

/** Decodes `buf[start, end)` into `d`'s results when it has the layout above. */
export function decodeScalarEvent(
  d: EventDecoder,
  buf: Uint8Array,
  view: DataView,
  start: number,
  end: number,
): boolean {
  // wall_time (1, fixed64) = 0x09, then step (2, varint) = 0x10, at most 4 bytes (< 2^28).
  let p = start;
  if (end - p < 20 || buf[p] !== 0x09) return false;
  const wallTime = view.getFloat64(p + 1, true);
  p += 9;
  let step = 0;
  if (buf[p] === 0x10) {
    let b = buf[++p];
    step = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      if (shift > 21) return false;
      b = buf[++p];
      step |= (b & 0x7f) << shift;
    }
    p++;
  }
  // summary (5, len) = 0x2a and its one value (1, len) = 0x0a, each ending at the record's end.
  // One-byte lengths only (< 0x80): a longer varint could match end by coincidence.
  const summaryLength = buf[p + 1];
  const valueLength = buf[p + 3];
  if (end - p < 8 || buf[p] !== 0x2a || summaryLength >= 0x80 || p + 2 + summaryLength !== end)
    return false;
  if (buf[p + 2] !== 0x0a || valueLength >= 0x80 || p + 4 + valueLength !== end) return false;
  p += 4;
  // tag (1, len) = 0x0a, not empty (an empty tag falls back to node_name: the general path's).
  const tagLength = buf[p + 1];
  if (buf[p] !== 0x0a || tagLength === 0 || tagLength >= 0x80) return false;
  const tagStart = p + 2;
  const tagEnd = tagStart + tagLength;
  p = tagEnd;
  let kind: number;
  if (buf[p] === 0x15 && p + 5 === end)
    kind = KIND_SIMPLE; // simple_value (2, fixed32)
  else if (
    // tensor (8, len 10) { dtype: DT_FLOAT, tensor_shape {}, float_val (5, packed, 4 bytes) }
    p + 12 === end &&
    buf[p] === 0x42 &&
    buf[p + 1] === 0x0a &&
    buf[p + 2] === 0x08 &&
    buf[p + 3] === 0x01 &&
    buf[p + 4] === 0x12 &&
    buf[p + 5] === 0x00 &&
    buf[p + 6] === 0x2a &&
    buf[p + 7] === 0x04
  ) {
    kind = KIND_TENSOR;
    p += 7;
  } else return false;
  d.wallTime = wallTime;
  d.step = step;
  d.fileVersionStart = -1;
  d.fileVersionEnd = -1;
  d.tagStart[0] = tagStart;
  d.tagEnd[0] = tagEnd;
  d.values[0] = view.getFloat32(p + 1, true);
  d.kinds[0] = kind;
  d.policies[0] = POLICY_UNKNOWN;
  d.count = 1;
  return true;
}
