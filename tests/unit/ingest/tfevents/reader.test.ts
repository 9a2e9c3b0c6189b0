import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createEventFileReader,
  isEventFileName,
  looksLikeEventFile,
  readEventFile,
  type EventFileResult,
} from '../../../../src/lib/ingest/tfevents';
import {
  DT,
  EventFileWriter,
  concat,
  encodeEvent,
  fieldBytes,
  fieldVarint,
  frameRecord,
  key,
  type ScalarEncoding,
} from '../../../../src/lib/fixtures/tfevents-writer';

const REAL_DIR = path.resolve(__dirname, '../../../../../shared/data/tfevents');
const REAL_FILE = path.join(REAL_DIR, 'events.out.tfevents.1687811641.v2');

const read = (bytes: Uint8Array, name = 'events.out.tfevents.test') =>
  readEventFile(bytes, name, 'run-1');

function readChunked(
  bytes: Uint8Array,
  chunkSize: number,
  name = 'events.out.tfevents.test',
  runId = 'run-1',
): EventFileResult {
  const reader = createEventFileReader(name, runId);
  for (let i = 0; i < bytes.length; i += chunkSize) {
    // A fresh copy per chunk: the reader must not keep references to pushed chunks.
    reader.push(bytes.slice(i, i + chunkSize));
  }
  return reader.finish();
}

/** Plain-data view of a result for equality checks. */
function plain(r: EventFileResult) {
  return {
    stats: r.stats,
    issues: r.issues,
    curves: r.curves.map((c) => ({
      runId: c.runId,
      metric: c.metric,
      steps: Array.from(c.steps),
      values: Array.from(c.values),
      wallTimes: c.wallTimes ? Array.from(c.wallTimes) : null,
    })),
  };
}

const f32 = (x: number) => Math.fround(x);

describe.runIf(existsSync(REAL_FILE))('real event file (../shared/data/tfevents)', () => {
  it('reads the scalar "hello" = 1 at step 0', () => {
    const bytes = new Uint8Array(readFileSync(REAL_FILE));
    expect(bytes.length).toBe(94);
    const r = readEventFile(bytes, path.basename(REAL_FILE), 'real');
    expect(r.issues).toEqual([]);
    expect(r.stats).toEqual({
      records: 2,
      scalars: 1,
      corruptRecords: 0,
      truncatedTail: false,
      fileVersion: 'brain.Event:2',
    });
    expect(r.curves).toHaveLength(1);
    const [c] = r.curves;
    expect(c.runId).toBe('real');
    expect(c.metric).toBe('hello');
    expect(Array.from(c.steps)).toEqual([0]);
    expect(Array.from(c.values)).toEqual([1]);
    expect(c.wallTimes).not.toBeNull();
    expect(c.wallTimes![0]).toBeGreaterThan(1.6e9);
    for (const size of [1, 7, 4096])
      expect(plain(readChunked(bytes, size, path.basename(REAL_FILE), 'real'))).toEqual(plain(r));
  });
});

describe('readEventFile: valid files', () => {
  it('reads simple_value scalars into one curve per tag, in file order, with wall times', () => {
    const w = new EventFileWriter();
    w.scalar('loss', 0, 2.5, { wallTime: 100 })
      .scalar('acc', 0, 0.1, { wallTime: 100.5 })
      .scalar('loss', 10, 1.25, { wallTime: 101 })
      .scalar('acc', 10, 0.6, { wallTime: 101.5 });
    const r = read(w.bytes());
    expect(r.issues).toEqual([]);
    expect(r.stats).toEqual({
      records: 5,
      scalars: 4,
      corruptRecords: 0,
      truncatedTail: false,
      fileVersion: 'brain.Event:2',
    });
    expect(plain(r).curves).toEqual([
      {
        runId: 'run-1',
        metric: 'loss',
        steps: [0, 10],
        values: [2.5, 1.25],
        wallTimes: [100, 101],
      },
      {
        runId: 'run-1',
        metric: 'acc',
        steps: [0, 10],
        values: [f32(0.1), f32(0.6)],
        wallTimes: [100.5, 101.5],
      },
    ]);
    // Exact-size typed arrays.
    expect(r.curves[0].steps).toBeInstanceOf(Float64Array);
    expect(r.curves[0].steps.buffer.byteLength).toBe(16);
    expect(r.curves[0].values.buffer.byteLength).toBe(16);
    expect(r.curves[0].wallTimes!.buffer.byteLength).toBe(16);
  });

  it('keeps several values of one event, and unicode tags', () => {
    const w = new EventFileWriter();
    w.event({
      wallTime: 5,
      step: 3,
      values: [
        { tag: 'train/loss', value: 0.5 },
        { tag: 'größe/λ', value: 2 },
      ],
    });
    const r = read(w.bytes());
    expect(r.curves.map((c) => c.metric)).toEqual(['train/loss', 'größe/λ']);
    expect(r.curves.map((c) => c.steps[0])).toEqual([3, 3]);
    expect(r.stats.scalars).toBe(2);
  });

  it('keeps out-of-order steps in file order (a restart signal, not sorted away)', () => {
    const w = new EventFileWriter();
    for (const step of [0, 100, 200, 300, 100, 200, 300, 400]) w.scalar('loss', step, step / 100);
    const r = read(w.bytes());
    expect(Array.from(r.curves[0].steps)).toEqual([0, 100, 200, 300, 100, 200, 300, 400]);
    expect(Array.from(r.curves[0].values)).toEqual([0, 1, 2, 3, 1, 2, 3, 4]);
  });

  it('keeps NaN and ±Infinity values', () => {
    const w = new EventFileWriter();
    w.scalar('loss', 1, 1)
      .scalar('loss', 2, NaN)
      .scalar('loss', 3, Infinity)
      .scalar('loss', 4, -Infinity)
      .scalar('loss', 5, NaN, { encoding: 'double_val' })
      .scalar('loss', 6, Infinity, { encoding: 'content_float' });
    const r = read(w.bytes());
    expect(r.issues).toEqual([]);
    expect(Array.from(r.curves[0].values)).toEqual([1, NaN, Infinity, -Infinity, NaN, Infinity]);
  });

  it('reads int64 steps: large, negative and beyond 32 bits', () => {
    const w = new EventFileWriter();
    for (const step of [
      0,
      1,
      127,
      128,
      16383,
      16384,
      2 ** 21 - 1,
      2 ** 21,
      2 ** 31,
      2 ** 32 + 5,
      2 ** 53 - 1,
      -1,
      -1000,
    ])
      w.scalar('s', step, 1);
    expect(Array.from(read(w.bytes()).curves[0].steps)).toEqual([
      0,
      1,
      127,
      128,
      16383,
      16384,
      2 ** 21 - 1,
      2 ** 21,
      2 ** 31,
      2 ** 32 + 5,
      2 ** 53 - 1,
      -1,
      -1000,
    ]);
  });

  it('sets wallTimes to null when no event has a wall time', () => {
    const w = new EventFileWriter(null);
    w.event({ step: 1, values: [{ tag: 'x', value: 1 }] });
    w.event({ step: 2, values: [{ tag: 'x', value: 2 }] });
    expect(read(w.bytes()).curves[0].wallTimes).toBeNull();
  });

  it('reads a 10,000-record file with 3 tags', () => {
    const w = new EventFileWriter();
    const tags = ['train/loss', 'eval/loss', 'learning_rate'];
    for (let i = 0; i < 10_000; i++) {
      const tag = tags[i % 3];
      w.scalar(tag, Math.floor(i / 3), 1 / (1 + i), {
        encoding: i % 2 ? 'simple' : 'float_val',
        plugin: i < 3 ? 'scalars' : undefined,
      });
    }
    const bytes = w.bytes();
    const r = read(bytes);
    expect(r.issues).toEqual([]);
    expect(r.stats.records).toBe(10_001);
    expect(r.stats.scalars).toBe(10_000);
    expect(r.curves.map((c) => [c.metric, c.steps.length])).toEqual([
      ['train/loss', 3334],
      ['eval/loss', 3333],
      ['learning_rate', 3333],
    ]);
    const c = r.curves[1];
    expect(c.steps[10]).toBe(10);
    expect(c.values[10]).toBe(f32(1 / (1 + 31)));
    for (const size of [1, 7, 4096]) expect(plain(readChunked(bytes, size))).toEqual(plain(r));
  });

  it('skips records without summaries (graph, session log, unknown fields) without complaint', () => {
    const w = new EventFileWriter();
    w.event({ wallTime: 1, extra: fieldBytes(4, [1, 2, 3, 4]) }) // graph_def
      .event({ wallTime: 1, extra: fieldBytes(7, fieldVarint(1, 1)) }) // session_log
      .event({ wallTime: 1, step: 1, extra: [...key(99, 5), 1, 2, 3, 4, ...fieldVarint(100, 7)] })
      .scalar('loss', 1, 3);
    const r = read(w.bytes());
    expect(r.issues).toEqual([]);
    expect(r.stats.records).toBe(5);
    expect(r.curves).toHaveLength(1);
  });

  it('warns when a file holds no scalars', () => {
    const w = new EventFileWriter();
    w.event({ wallTime: 2, step: 1, values: [{ tag: 'img', image: true }] });
    const r = read(w.bytes());
    expect(r.curves).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'no-metrics', severity: 'warning' });
  });
});

describe('readEventFile: tensor-encoded scalars', () => {
  const cases: [ScalarEncoding, number, number][] = [
    ['float_val', 0.3, f32(0.3)],
    ['float_val_unpacked', 0.3, f32(0.3)],
    ['double_val', 0.1, 0.1],
    ['double_val_unpacked', 0.1, 0.1],
    ['content_float', -2.75, -2.75],
    ['content_double', 1e-300, 1e-300],
    ['content_half', 1.5, 1.5],
    ['content_half', -0.0009765625, -0.0009765625],
    ['half_val', 65504, 65504],
    ['half_val', 2 ** -24, 2 ** -24], // smallest subnormal
    ['content_half', -(2 ** -15) - 2 ** -20, -(2 ** -15) - 2 ** -20], // subnormal
    ['content_bfloat16', 3.140625, 3.140625],
    ['bfloat16_val', -256, -256],
    ['int_val', -7, -7],
    ['int64_val', 2 ** 40 + 3, 2 ** 40 + 3],
    ['int64_val', -5, -5],
    ['content_int32', -123456, -123456],
    ['content_int64', -(2 ** 35), -(2 ** 35)],
    ['content_uint8', 200, 200],
  ];
  it.each(cases)('%s %d', (encoding, written, expected) => {
    const w = new EventFileWriter();
    w.scalar('t', 4, written, { encoding });
    const r = read(w.bytes());
    expect(r.issues).toEqual([]);
    expect(r.curves).toHaveLength(1);
    expect(r.curves[0].values[0]).toBe(expected);
    expect(r.curves[0].steps[0]).toBe(4);
  });

  it('reads half and bfloat16 NaN / Infinity', () => {
    const w = new EventFileWriter();
    w.event({ step: 1, values: [{ tag: 'h', tensor: { dtype: DT.HALF, content: [0x00, 0x7c] } }] });
    w.event({ step: 2, values: [{ tag: 'h', tensor: { dtype: DT.HALF, halfVal: [0xfc00] } }] });
    w.event({ step: 3, values: [{ tag: 'h', tensor: { dtype: DT.HALF, halfVal: [0x7e00] } }] });
    w.event({ step: 4, values: [{ tag: 'h', tensor: { dtype: DT.BFLOAT16, halfVal: [0x7fc0] } }] });
    expect(Array.from(read(w.bytes()).curves[0].values)).toEqual([Infinity, -Infinity, NaN, NaN]);
  });

  it('accepts shapes with one element ([], [1], [1, 1]) and ignores others', () => {
    const w = new EventFileWriter();
    w.event({
      step: 1,
      values: [{ tag: 'a', tensor: { dtype: DT.FLOAT, shape: [], floatVal: [1] } }],
    });
    w.event({
      step: 2,
      values: [{ tag: 'a', tensor: { dtype: DT.FLOAT, shape: [1], floatVal: [2] } }],
    });
    w.event({
      step: 3,
      values: [
        { tag: 'a', tensor: { dtype: DT.FLOAT, shape: [1, 1], doubleVal: [9], floatVal: [3] } },
      ],
    });
    // Not scalars: several elements, a fill value for 3 elements, zero elements, strings.
    w.event({
      step: 4,
      values: [{ tag: 'a', tensor: { dtype: DT.FLOAT, shape: [3], floatVal: [1, 2, 3] } }],
    });
    w.event({
      step: 5,
      values: [{ tag: 'a', tensor: { dtype: DT.FLOAT, shape: [3], floatVal: [7] } }],
    });
    w.event({
      step: 6,
      values: [{ tag: 'a', tensor: { dtype: DT.FLOAT, shape: [0], floatVal: [] } }],
    });
    w.event({ step: 7, values: [{ tag: 'a', tensor: { dtype: DT.FLOAT, floatVal: [1, 2] } }] });
    w.event({
      step: 8,
      values: [{ tag: 'a', tensor: { dtype: DT.FLOAT, content: [0, 0, 128, 63, 0, 0, 0, 64] } }],
    });
    w.event({ step: 9, values: [{ tag: 'a', tensor: { dtype: DT.FLOAT } }] });
    w.event({
      step: 10,
      values: [{ tag: 'txt', tensor: { dtype: DT.STRING, stringVal: ['hi'] } }],
    });
    const r = read(w.bytes());
    expect(r.issues).toEqual([]);
    expect(r.curves).toHaveLength(1);
    expect(Array.from(r.curves[0].steps)).toEqual([1, 2, 3]);
    expect(Array.from(r.curves[0].values)).toEqual([1, 2, 3]);
  });

  it('ignores tensors of tags whose first metadata names another plugin, even later without metadata', () => {
    const w = new EventFileWriter();
    w.event({
      step: 0,
      values: [
        { tag: '_hparams_/session_start_info', plugin: 'hparams', value: 0, encoding: 'float_val' },
      ],
    });
    w.event({
      step: 1,
      values: [{ tag: 'custom', plugin: 'my_plugin', value: 1, encoding: 'float_val' }],
    });
    w.event({ step: 2, values: [{ tag: 'custom', value: 2, encoding: 'float_val' }] });
    // The scalars plugin, metadata on the first event only (as TF2 writes it).
    w.event({
      step: 1,
      values: [{ tag: 'loss', plugin: 'scalars', value: 5, encoding: 'float_val' }],
    });
    w.event({ step: 2, values: [{ tag: 'loss', value: 4, encoding: 'float_val' }] });
    // data_class SCALAR wins over an unknown plugin name.
    w.event({
      step: 1,
      values: [{ tag: 'dc', plugin: 'other', dataClass: 1, value: 8, encoding: 'double_val' }],
    });
    // simple_value is always a scalar.
    w.event({ step: 3, values: [{ tag: 'custom', value: 3 }] });
    const r = read(w.bytes());
    expect(plain(r).curves.map((c) => [c.metric, c.steps, c.values])).toEqual([
      ['custom', [3], [3]],
      ['loss', [1, 2], [5, 4]],
      ['dc', [1], [8]],
    ]);
  });

  it('uses the only value field when dtype is unset', () => {
    const w = new EventFileWriter();
    w.event({ step: 1, values: [{ tag: 'u', tensor: { dtype: 0, doubleVal: [0.25] } }] });
    w.event({
      step: 2,
      values: [{ tag: 'u', tensor: { dtype: 0, doubleVal: [1], floatVal: [2] } }],
    });
    const r = read(w.bytes());
    expect(Array.from(r.curves[0].values)).toEqual([0.25]);
  });
});

describe('readEventFile: damaged files', () => {
  function sample(): EventFileWriter {
    const w = new EventFileWriter();
    for (let i = 0; i < 6; i++) w.scalar('loss', i, 10 - i);
    return w;
  }

  it('resynchronises after a bad length checksum and reports the byte offset', () => {
    const w = new EventFileWriter();
    w.scalar('loss', 0, 1).scalar('loss', 1, 2, { badLengthCrc: true }).scalar('loss', 2, 3);
    const bad = w.offsetOf(2);
    const next = w.offsetOf(3);
    const r = read(w.bytes());
    expect(r.stats).toMatchObject({
      records: 3,
      scalars: 2,
      corruptRecords: 1,
      truncatedTail: false,
    });
    expect(Array.from(r.curves[0].steps)).toEqual([0, 2]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: 'corrupt-record',
      severity: 'warning',
      file: 'events.out.tfevents.test',
    });
    expect(r.issues[0].line).toBeUndefined();
    expect(r.issues[0].column).toBeUndefined();
    expect(r.issues[0].message).toContain(`byte offset ${bad}`);
    expect(r.issues[0].message).toContain(`byte offset ${next}`);
    expect(r.issues[0].message).toContain('length checksum');
  });

  it('resynchronises over garbage between records', () => {
    const w = new EventFileWriter();
    w.scalar('loss', 0, 1)
      .garbage([1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9])
      .scalar('loss', 1, 2);
    w.garbage(new Uint8Array(100).fill(0)).scalar('loss', 2, 3);
    const r = read(w.bytes());
    expect(Array.from(r.curves[0].steps)).toEqual([0, 1, 2]);
    expect(r.stats.corruptRecords).toBe(2);
    expect(r.issues).toHaveLength(2);
  });

  it('skips a record with a bad data checksum', () => {
    const w = new EventFileWriter();
    w.scalar('loss', 0, 1).scalar('loss', 1, 2, { badDataCrc: true }).scalar('loss', 2, 3);
    const r = read(w.bytes());
    expect(r.stats).toMatchObject({ records: 3, scalars: 2, corruptRecords: 1 });
    expect(Array.from(r.curves[0].steps)).toEqual([0, 2]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].message).toContain(`byte offset ${w.offsetOf(2)}`);
    expect(r.issues[0].message).toContain('data checksum');
  });

  it('skips a record whose data byte was flipped (data CRC catches it)', () => {
    const bytes = sample().bytes();
    const w = sample();
    const at = w.offsetOf(3) + 12 + 5;
    bytes[at] ^= 0x40;
    const r = read(bytes);
    expect(r.stats.corruptRecords).toBe(1);
    expect(Array.from(r.curves[0].steps)).toEqual([0, 1, 3, 4, 5]);
  });

  it.each([
    ['a bad wire type', [...key(1, 7), 0, 0]],
    ['a group wire type', [...key(5, 3)]],
    ['a length past the end', [...key(5, 2), 50, 1, 2]],
    ['a nested length past the end', [...key(5, 2), 3, ...key(1, 2), 40, 0]],
    ['a truncated varint', [...key(2, 0), 0x80, 0x80]],
    ['an 11-byte varint', [...key(2, 0), ...new Array(10).fill(0xff), 1]],
    ['field number 0', [0x02, 0]],
    ['a truncated double', [...key(1, 1), 1, 2, 3]],
  ])('counts an Event with %s as corrupt and keeps nothing from it', (_name, data) => {
    const w = new EventFileWriter();
    w.scalar('loss', 0, 1);
    // A valid scalar followed by the broken field: the whole record must be dropped.
    const valid = Array.from(encodeEvent({ step: 1, values: [{ tag: 'loss', value: 2 }] }));
    w.raw([...valid, ...data]).scalar('loss', 2, 3);
    const r = read(w.bytes());
    expect(r.stats).toMatchObject({
      records: 3,
      scalars: 2,
      corruptRecords: 1,
      truncatedTail: false,
    });
    expect(Array.from(r.curves[0].steps)).toEqual([0, 2]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].message).toContain(`Record at byte offset ${w.offsetOf(2)}`);
    expect(r.issues[0].message).toContain('not a valid Event');
  });

  it('tolerates a truncated tail at every cut point, as a warning', () => {
    const w = sample();
    const bytes = w.bytes();
    const boundaries = new Set(w.records.map((_, i) => w.offsetOf(i + 1)));
    for (let cut = 1; cut < bytes.length; cut++) {
      const r = read(bytes.subarray(0, cut));
      const atBoundary = boundaries.has(cut);
      expect(r.stats.truncatedTail).toBe(!atBoundary);
      expect(r.stats.corruptRecords).toBe(0);
      expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
      if (!atBoundary) {
        expect(r.issues.some((i) => /still be being written/.test(i.message))).toBe(true);
      }
    }
    const cut = w.offsetOf(4) + 20;
    const r = read(bytes.subarray(0, cut));
    expect(Array.from(r.curves[0].steps)).toEqual([0, 1, 2]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].message).toContain(`record at byte offset ${w.offsetOf(4)}`);
  });

  it('never allocates from a length field: a huge valid-CRC length is a truncated tail or too large', () => {
    const w = new EventFileWriter();
    w.scalar('loss', 0, 1);
    // Claims 200 MiB (under the default limit) but the file ends: truncated tail, no allocation.
    const header = frameRecord(new Uint8Array(0), { length: BigInt(200 * 1024 * 1024) }).subarray(
      0,
      12,
    );
    const r = read(concat([w.bytes(), header, new Uint8Array(30)]));
    expect(r.stats).toMatchObject({ records: 2, truncatedTail: true, corruptRecords: 0 });
    // Over 2^32 or over the configured limit: damaged, skipped, resynchronised.
    const huge = frameRecord(new Uint8Array(0), { length: 1n << 40n }).subarray(0, 12);
    const after = new EventFileWriter(null).scalar('loss', 1, 2).bytes();
    const r2 = read(concat([w.bytes(), huge, after]));
    expect(r2.stats).toMatchObject({
      records: 3,
      scalars: 2,
      corruptRecords: 1,
      truncatedTail: false,
    });
    expect(r2.issues.map((i) => i.code)).toEqual(['too-large', 'corrupt-record']);
    const r3 = readEventFile(concat([w.bytes(), header, after]), 'f', 'r', {
      maxRecordBytes: 1024,
    });
    expect(r3.stats).toMatchObject({ records: 3, scalars: 2, corruptRecords: 1 });
  });

  it('reports an empty file and a file that is not an event file', () => {
    expect(read(new Uint8Array(0)).issues).toMatchObject([
      { code: 'empty-file', severity: 'warning' },
    ]);
    const text = new TextEncoder().encode('step,loss\n1,0.5\n2,0.4\n'.repeat(20));
    const r = read(text);
    expect(r.curves).toEqual([]);
    expect(r.stats).toMatchObject({ records: 0, corruptRecords: 1, truncatedTail: false });
    expect(r.issues.map((i) => i.severity)).toEqual(['warning', 'error']);
    expect(r.issues[1].code).toBe('unsupported-format');
  });

  it('gives up after maxResyncBytes without a valid header', () => {
    const w = new EventFileWriter();
    w.scalar('loss', 0, 1).garbage(new Uint8Array(5000).fill(7)).scalar('loss', 1, 2);
    const r = readEventFile(w.bytes(), 'f', 'r', { maxResyncBytes: 1000 });
    expect(r.stats).toMatchObject({ records: 2, scalars: 1, corruptRecords: 1 });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].severity).toBe('error');
    expect(r.issues[0].message).toContain(`byte offset ${w.offsetOf(2)}`);
    const streamed = createEventFileReader('f', 'r', { maxResyncBytes: 1000 });
    const bytes = w.bytes();
    for (let i = 0; i < bytes.length; i += 100) streamed.push(bytes.subarray(i, i + 100));
    expect(plain(streamed.finish())).toEqual(plain(r));
    // With the default limit the scan finds the next record.
    expect(read(w.bytes()).stats.scalars).toBe(2);
  });

  it('lists at most 50 issues per kind and counts the rest', () => {
    const w = new EventFileWriter();
    for (let i = 0; i < 120; i++) w.scalar('loss', i, i, { badDataCrc: i % 2 === 0 });
    const r = read(w.bytes());
    expect(r.stats.corruptRecords).toBe(60);
    expect(r.curves[0].steps.length).toBe(60);
    expect(r.issues).toHaveLength(51);
    expect(r.issues[50].message).toContain('10 more');
  });

  it('never throws on random damage, and chunked reading agrees', () => {
    let seed = 42;
    const rand = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const w = new EventFileWriter();
    for (let i = 0; i < 40; i++)
      w.scalar(i % 2 ? 'a' : 'b', i, rand(), { encoding: i % 3 ? 'simple' : 'content_double' });
    const clean = w.bytes();
    for (let trial = 0; trial < 200; trial++) {
      const bytes = clean.slice(0, clean.length - Math.floor(rand() * 30));
      const flips = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < flips; k++)
        bytes[Math.floor(rand() * bytes.length)] ^= 1 << Math.floor(rand() * 8);
      const r = read(bytes);
      expect(r.stats.records + r.stats.corruptRecords).toBeLessThanOrEqual(41 + flips);
      expect(r.stats.scalars).toBe(r.curves.reduce((n, c) => n + c.steps.length, 0));
      const chunk = 1 + Math.floor(rand() * 50);
      expect(plain(readChunked(bytes, chunk))).toEqual(plain(r));
    }
  });
});

describe('createEventFileReader: streaming', () => {
  function mixed(): Uint8Array {
    const w = new EventFileWriter();
    for (let i = 0; i < 50; i++)
      w.scalar('loss', i, 1 / (i + 1), { encoding: i % 4 ? 'simple' : 'float_val' });
    w.scalar('loss', 50, 0, { badLengthCrc: true });
    w.event({ step: 51, values: [{ tag: 'img', image: true }] });
    w.scalar('acc', 52, 0.5, { badDataCrc: true });
    w.raw([...key(1, 6)]);
    w.garbage([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // A large record (a graph) spanning many chunks.
    w.event({ wallTime: 3, extra: fieldBytes(4, new Uint8Array(10_000).fill(3)) });
    for (let i = 53; i < 80; i++) w.scalar(i % 2 ? 'acc' : 'loss', i, i);
    // Truncated tail.
    const last = frameRecord(encodeEvent({ step: 99, values: [{ tag: 'loss', value: 1 }] }));
    return concat([w.bytes(), last.subarray(0, last.length - 3)]);
  }

  it.each([1, 7, 4096])('gives identical results with chunks of %i bytes', (size) => {
    const bytes = mixed();
    const whole = read(bytes);
    expect(whole.stats).toMatchObject({ corruptRecords: 4, truncatedTail: true });
    expect(plain(readChunked(bytes, size))).toEqual(plain(whole));
  });

  it('does not read pushed chunks after push returns', () => {
    const bytes = mixed();
    const reader = createEventFileReader('events.out.tfevents.test', 'run-1');
    const buf = new Uint8Array(333);
    for (let i = 0; i < bytes.length; i += 333) {
      const n = Math.min(333, bytes.length - i);
      buf.set(bytes.subarray(i, i + n));
      reader.push(buf.subarray(0, n));
      buf.fill(0xee);
    }
    expect(plain(reader.finish())).toEqual(plain(read(bytes)));
  });

  it('returns the same result from repeated finish() calls and ignores later pushes', () => {
    const reader = createEventFileReader('f', 'r');
    reader.push(new EventFileWriter().scalar('x', 1, 1).bytes());
    const a = reader.finish();
    reader.push(new EventFileWriter(null).scalar('x', 2, 2).bytes());
    expect(reader.finish()).toBe(a);
    expect(a.stats.scalars).toBe(1);
  });

  it('resynchronises across chunk boundaries over a long damaged stretch', () => {
    const w = new EventFileWriter();
    w.scalar('loss', 0, 1).garbage(new Uint8Array(200_000).fill(0)).scalar('loss', 1, 2);
    const bytes = w.bytes();
    const whole = read(bytes);
    expect(Array.from(whole.curves[0].steps)).toEqual([0, 1]);
    for (const size of [1, 1000, 65536 + 3])
      expect(plain(readChunked(bytes, size))).toEqual(plain(whole));
  });
});

describe('larger files', () => {
  it('keeps every point of a long curve (storage blocks) and many tags', () => {
    const parts: Uint8Array[] = [new EventFileWriter().bytes()];
    for (let i = 0; i < 20_000; i++) {
      parts.push(
        frameRecord(encodeEvent({ wallTime: i / 4, step: i, values: [{ tag: 'loss', value: i }] })),
      );
      if (i % 10 === 0) {
        parts.push(
          frameRecord(
            encodeEvent({ step: i, values: [{ tag: `layer_${i % 1000}/norm`, value: -i }] }),
          ),
        );
      }
    }
    const r = read(concat(parts));
    expect(r.issues).toEqual([]);
    expect(r.curves).toHaveLength(101);
    const loss = r.curves[0];
    expect(loss.steps.length).toBe(20_000);
    expect(loss.steps.buffer.byteLength).toBe(20_000 * 8);
    expect(loss.values.every((v, i) => v === i && loss.steps[i] === i)).toBe(true);
    expect(loss.wallTimes!.every((w, i) => w === i / 4)).toBe(true);
    const layer = r.curves.find((c) => c.metric === 'layer_990/norm')!;
    expect(Array.from(layer.steps)).toEqual(Array.from({ length: 20 }, (_, k) => 990 + 1000 * k));
    // Layer tags have no wall time.
    expect(layer.wallTimes).toBeNull();
  });
});

describe('sniffing helpers', () => {
  it('recognises event file names and headers', () => {
    expect(isEventFileName('run_2_lr-2e-4/logs/events.out.tfevents.1687811641.host.123.0')).toBe(
      true,
    );
    expect(isEventFileName('events.out.tfevents.1687811641.v2')).toBe(true);
    expect(isEventFileName('metrics.csv')).toBe(false);
    expect(isEventFileName('old.events.out.tfevents.txt')).toBe(false);
    const bytes = new EventFileWriter().bytes();
    expect(looksLikeEventFile(bytes.subarray(0, 12))).toBe(true);
    expect(looksLikeEventFile(bytes.subarray(0, 11))).toBe(false);
    expect(looksLikeEventFile(new TextEncoder().encode('step,loss\n1,2\n3,4\n'))).toBe(false);
  });
});
