/** Bad-input corpus, TensorBoard event files: readSources (folder path) and readEventFile. */
import { describe, expect, it } from 'vitest';
import { eventBadInputs, type BadInput } from '../../../src/lib/fixtures/bad-inputs';
import { createEventFileReader, readEventFile } from '../../../src/lib/ingest/tfevents';
import type { PipelineResult } from './harness';
import { expectWellFormed, runInput } from './harness';

const CASES = new Map(eventBadInputs().map((c) => [c.id, c]));
const input = (id: string): BadInput => {
  const found = CASES.get(id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
};
const FILE = 'events.out.tfevents.1700000000.host';
const read = (id: string) => readEventFile(input(id).bytes, FILE, 'run');
const points = (id: string) => {
  const curve = read(id).curves.find((c) => c.metric === 'train/loss');
  return { steps: Array.from(curve?.steps ?? []), values: Array.from(curve?.values ?? []) };
};
const issue = (id: string, code: string) => {
  const found = read(id).issues.find((i) => i.code === code);
  if (!found) throw new Error(`${id}: no ${code} in ${read(id).issues.map((i) => i.code)}`);
  return found;
};

async function run(id: string): Promise<PipelineResult> {
  const c = input(id);
  const result = await runInput(c);
  expectWellFormed(result, FILE);
  return result;
}

describe('bad-input corpus: event files', () => {
  it('has every case exercised below', () => {
    expect(CASES.size).toBe(13);
  });

  it.each([...CASES.keys()])('%s: readSources → analyze → report never throws', async (id) => {
    const { dataset, error } = await run(id);
    expect(dataset ?? error).not.toBeNull();
  });

  it('valid: five points, no issue', () => {
    expect(points('valid').steps).toEqual([10, 20, 30, 40, 50]);
    expect(read('valid').issues).toEqual([]);
  });

  it('truncated tail: the last record dropped, the offset named', () => {
    expect(points('truncated-tail').steps).toEqual([10, 20, 30, 40]);
    expect(issue('truncated-tail', 'truncated-file').message).toMatch(/byte offset \d+/);
    expect(read('truncated-tail').stats.truncatedTail).toBe(true);
  });

  it('length-CRC mismatch: that record skipped, resynchronised at the next one', () => {
    expect(points('length-crc-mismatch').steps).toEqual([10, 30]);
    expect(issue('length-crc-mismatch', 'corrupt-record').message).toMatch(
      /byte offset 88 has a damaged header \(length checksum mismatch\)/,
    );
  });

  it('data-CRC mismatch: that record skipped with its offset', () => {
    expect(points('data-crc-mismatch').steps).toEqual([10, 30]);
    expect(issue('data-crc-mismatch', 'corrupt-record').message).toMatch(
      /byte offset 88: data checksum mismatch/,
    );
  });

  it('invalid protobuf: skipped, said to be not a valid Event', () => {
    expect(points('invalid-protobuf').steps).toEqual([10, 30]);
    expect(issue('invalid-protobuf', 'corrupt-record').message).toMatch(/not a valid Event/);
  });

  it('NaN / Infinity wall time: the points are still read', () => {
    expect(points('nan-wall-time').values).toEqual([1, 0.5]);
  });

  it('NaN / Inf scalars: kept as values, and the analysis flags them', async () => {
    expect(points('nan-inf-scalars').values).toEqual([NaN, Infinity, -Infinity, 0.5]);
    const { summary } = await run('nan-inf-scalars');
    expect(JSON.stringify(summary?.findings)).toMatch(/nan|NaN|Inf/);
  });

  it('length larger than the file: too-large and the skipped bytes named', () => {
    expect(points('length-beyond-file').steps).toEqual([10]);
    expect(issue('length-beyond-file', 'too-large').message).toMatch(/1099511627776 bytes/);
  });

  it('empty: empty-file', () => {
    expect(issue('empty', 'empty-file').message).toBe('The event file is empty.');
  });

  // tfevents-gzip: a gzip-compressed event file is named as such (as readCsv does for CSVs),
  // nothing of it is read, and 1-byte chunks say the same.
  it('gzipped: says the file is gzip-compressed', () => {
    const result = read('gzipped');
    expect(result.issues.map((i) => i.message).join(' ')).toMatch(/gzip-compressed.*gunzip/);
    expect(result.issues.filter((i) => i.severity === 'error')).toHaveLength(1);
    expect(result.curves).toEqual([]);
    const reader = createEventFileReader(FILE, 'run');
    reader.push(new Uint8Array([0x1f]));
    reader.push(new Uint8Array([0x8b, 8]));
    expect(
      reader
        .finish()
        .issues.map((i) => i.message)
        .join(' '),
    ).toMatch(/gzip-compressed/);
  });

  it('gzipped: reported as damaged at byte offset 0, not silently clean', () => {
    expect(issue('gzipped', 'corrupt-record').message).toMatch(/byte offset 0/);
  });

  it('out-of-order steps: points kept in file order, analysis does not throw', async () => {
    expect(points('out-of-order-steps').steps).toEqual([30, 10, 20, 10]);
    expect((await run('out-of-order-steps')).summary).not.toBeNull();
  });

  it('version record only: no-metrics says why', () => {
    expect(issue('version-only', 'no-metrics').message).toMatch(/No scalar summaries/);
  });

  it('garbage between records: skipped bytes counted', () => {
    expect(points('garbage-between-records').steps).toEqual([10, 20]);
    expect(issue('garbage-between-records', 'corrupt-record').message).toMatch(/skipped 40 bytes/);
  });

  it.each([...CASES.keys()])('%s: 1-byte chunks give the same result as one chunk', (id) => {
    const bytes = input(id).bytes;
    const reader = createEventFileReader(FILE, 'run');
    for (let i = 0; i < bytes.length; i++) reader.push(bytes.subarray(i, i + 1));
    const streamed = reader.finish();
    const whole = read(id);
    expect(streamed.stats).toEqual(whole.stats);
    expect(streamed.curves.map((c) => Array.from(c.values))).toEqual(
      whole.curves.map((c) => Array.from(c.values)),
    );
  });
});
