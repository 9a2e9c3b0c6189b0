/** Bad-input corpus, JSON and trainer_state.json: readSources, then the readers for positions. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  deepArray,
  enc,
  eventFile,
  jsonBadInputs,
  lossScalars,
  TRAINER_STATE,
  type BadInput,
} from '../../../src/lib/fixtures/bad-inputs';
import { readTrainerState } from '../../../src/lib/ingest/curves';
import { parseJsonLines, parseJsonTolerant } from '../../../src/lib/ingest/json';
import type { PipelineResult } from './harness';
import { expectWellFormed, runInput, runPipeline, splitSource, textsOf } from './harness';

const CASES = new Map(jsonBadInputs().map((c) => [c.id, c]));
const input = (id: string): BadInput => {
  const found = CASES.get(id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
};
const text = (id: string) => new TextDecoder().decode(input(id).bytes);

async function run(id: string): Promise<PipelineResult> {
  const c = input(id);
  const result = await runInput(c);
  expectWellFormed(result, c.name);
  return result;
}

const trainer = (id: string) => readTrainerState(text(id), 'trainer_state.json', 'run');

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Array.prototype).not.toHaveProperty('polluted');
}

afterEach(expectNoPollution);

describe('bad-input corpus: JSON and trainer_state.json', () => {
  it('has every case exercised below', () => {
    expect(CASES.size).toBe(20);
  });

  it.each([...CASES.keys()])('%s: readSources → analyze → report never throws', async (id) => {
    await run(id);
  });

  it('Python NaN / Infinity: the points are kept as non-finite values', async () => {
    const result = trainer('python-nan-infinity');
    const loss = result.curves.curves.find((c) => c.metric === 'loss');
    expect(Array.from(loss?.values ?? [])).toEqual([NaN, Infinity, -Infinity, 1]);
    const { dataset, summary } = await run('python-nan-infinity');
    expect(dataset?.source.format).toBe('curve-logs');
    expect(summary?.findings.length).toBeGreaterThan(0);
  });

  it('JSON Lines: records with their lines; a bad line located and the rest kept', () => {
    const ok = parseJsonLines(text('json-lines'), 'metrics.jsonl');
    expect(ok.records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(ok.issues).toEqual([]);
    const bad = parseJsonLines(text('json-lines-bad-line'), 'metrics.jsonl');
    expect(bad.records.map((r) => r.line)).toEqual([1, 3]);
    expect(bad.issues[0]).toMatchObject({ code: 'invalid-json', line: 2, file: 'metrics.jsonl' });
    expect(bad.issues[0].message).toMatch(/^Invalid JSON at line 2, column \d+/);
  });

  // Was BUG(lone-jsonl-as-csv): a lone metrics.jsonl was read with readCsv, a nonsense table
  // with columns `{"step": 1` and `"loss": 2}`. It is refused with a clear error now.
  it('JSON Lines through readSources: not parsed as a CSV table', async () => {
    const { dataset, error } = await run('json-lines');
    expect(dataset?.source.format === 'csv-table' ? textsOf(dataset, 0) : []).toEqual([]);
    expect(error?.message).toMatch(/jsonl|JSON Lines/i);
  });

  it('JSON Lines through readSources: the error says what the file is and what to do', async () => {
    const { error } = await run('json-lines');
    expect(error).toMatchObject({ code: 'unsupported-format', file: 'metrics.jsonl' });
    expect(error?.message).toMatch(
      /^metrics\.jsonl is JSON Lines; per-step logs in JSON Lines are not read yet\. Export/,
    );
  });

  it('JSON Lines in a folder beside an event file: skipped with a warning, the logs read', async () => {
    const result = await runPipeline(
      [
        ['run_1/metrics.jsonl', input('json-lines').bytes],
        ['run_1/events.out.tfevents.1.host', eventFile(lossScalars(3))],
      ].map(([path, bytes]) => ({
        path: path as string,
        source: splitSource(bytes as Uint8Array<ArrayBuffer>, (path as string).split('/')[1]),
      })),
    );
    expect(result.dataset?.source.format).toBe('curve-logs');
    const issue = result.dataset?.source.issues.find((i) => i.file === 'run_1/metrics.jsonl');
    expect(issue).toMatchObject({ code: 'unsupported-format', severity: 'warning' });
  });

  it.each([
    ['concatenated-objects', 1, 20],
    ['truncated', 1, 71],
    ['trailing-comma', 1, 56],
    ['single-quotes', 1, 2],
  ])('%s: invalid-json at line %i, column %i', (id, line, column) => {
    const { issues, info } = trainer(id);
    expect(info).toBeNull();
    expect(issues[0]).toMatchObject({
      code: 'invalid-json',
      file: 'trainer_state.json',
      line,
      column,
    });
    expect(issues[0].message).toContain(`line ${line}, column ${column}`);
  });

  // Was BUG(json-position-lost): readSources turned a trainer_state.json syntax error into a
  // generic no-metrics IngestError without line/column.
  it('truncated trainer_state.json through readSources: the error keeps line and column', async () => {
    const { error } = await run('truncated');
    expect(error).toMatchObject({ code: 'invalid-json', line: 1, column: 71 });
    expect(error?.message).toMatch(/^trainer_state\.json: Invalid JSON at line 1, column 71/);
  });

  it('truncated trainer_state.json in a folder: the file is described by its error', async () => {
    const result = await runPipeline([
      {
        path: 'run_1/trainer_state.json',
        source: splitSource(input('truncated').bytes, 'trainer_state.json'),
      },
      {
        path: 'run_2/events.out.tfevents.1.host',
        source: splitSource(eventFile(lossScalars(3)), 'e'),
      },
    ]);
    const file = result.dataset?.source.files?.find((f) => f.path === 'run_1/trainer_state.json');
    expect(file?.detail).toMatch(/^Could not be read: Invalid JSON at line 1, column 71/);
    expect(file?.detail).not.toMatch(/not a trainer_state\.json/);
  });

  it('truncated trainer_state.json through readSources: a clear error naming the file', async () => {
    const { error } = await run('truncated');
    expect(error?.file).toBe('trainer_state.json');
    expect(error?.message).toMatch(/trainer_state\.json/);
  });

  it('duplicate keys: the last one wins, as in JSON.parse', () => {
    expect(trainer('duplicate-keys').info?.trainEntries).toBe(1);
  });

  it('__proto__ keys: plain data, no prototype touched', async () => {
    const parsed = parseJsonTolerant(text('proto-key'), 'x.json');
    expect('value' in parsed && Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
    const tolerant = parseJsonTolerant(`${text('proto-key').slice(0, -1)}, "n": NaN}`, 'x.json');
    const value = 'value' in tolerant ? tolerant.value : null;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value ?? {})).toContain('__proto__');
    await run('proto-key');
  });

  it('constructor / prototype keys: curves named so, nothing polluted', async () => {
    const { dataset } = await run('constructor-prototype-keys');
    const metrics = dataset?.curves?.curves.map((c) => c.metric) ?? [];
    expect(metrics).toEqual(expect.arrayContaining(['constructor', 'prototype']));
  });

  it('integers above 2^53: read as the nearest double, no throw', () => {
    const { info } = trainer('big-integers');
    expect(info?.globalStep).toBe(2 ** 53);
  });

  it.each(['deep-nesting', 'deep-nesting-nan'])(
    '%s (100k "["): invalid-json, no stack overflow',
    (id) => {
      const parsed = parseJsonTolerant(text(id), 'deep.json');
      expect('error' in parsed && parsed.error.code).toBe('invalid-json');
      expect('error' in parsed && parsed.error.line).toBe(1);
    },
  );

  it('deep nesting, closed (valid JSON): read, the deep value ignored', async () => {
    expect(trainer('deep-nesting-closed').info?.trainEntries).toBe(1);
  });

  it.each([
    ['top-level-scalar', /no "log_history" list/],
    ['top-level-array', /no "log_history" list/],
    ['log-history-string', /no "log_history" list/],
    ['empty-json', /empty/],
  ])('%s: a clear error', (id, message) => {
    const { issues, info } = trainer(id);
    expect(info).toBeNull();
    expect(issues[0].message).toMatch(message);
    expect(issues[0].file).toBe('trainer_state.json');
  });

  it('log_history entries of the wrong type: each named by index, the good one kept', () => {
    const { issues, info } = trainer('log-history-wrong-entries');
    expect(issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'log_history[0] is not an object; it was skipped.',
        'log_history[2] is not an object; it was skipped.',
      ]),
    );
    expect(info?.trainEntries).toBe(1);
  });

  it('BOM: ignored', () => {
    expect(trainer('bom-json').info?.trainEntries).toBe(3);
    expect(readTrainerState(TRAINER_STATE, 't.json', 'r').info?.trainEntries).toBe(3);
  });

  it('a 100k-deep config.json beside an event file: read, no stack overflow', async () => {
    const files = [
      ['run_1/config.json', enc(`{"lr": 0.1, "x": ${deepArray(100_000)}}`)],
      ['run_1/events.out.tfevents.1.host', eventFile(lossScalars(3))],
    ] as const;
    const result = await runPipeline(
      files.map(([path, bytes]) => ({ path, source: splitSource(bytes, path.split('/')[1]) })),
    );
    expect(result.dataset?.table.columns.map((c) => c.name)).toContain('lr');
  });
});
