/**
 * Issue 9 part 2: columns and JSON keys named `__proto__`, `constructor`, `toString`,
 * `hasOwnProperty` or `valueOf` are data. They survive readCsv, readSources (reports, logs),
 * analyze() and every export, and nothing on the way writes to a prototype.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import { enc } from '../../../src/lib/fixtures/bad-inputs';
import {
  PROTO_NAMES,
  PWN,
  pwnCurveCsv,
  pwnCurveFolder,
  pwnReports,
  pwnSweepCsv,
} from '../../../src/lib/fixtures/hostile';
import { readCsv } from '../../../src/lib/ingest';
import { cellText, type AnalysisSummary, type Dataset } from '../../../src/lib/model';
import { buildMarkdownReport } from '../../../src/lib/report';
import { buildFindingsCsv } from '../../../src/lib/report/findings-csv';
import { noHooks, runPipeline, splitSource } from './harness';

const PROTOS = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
let before: string[][] = [];
beforeAll(() => {
  before = PROTOS.map((p) => Object.getOwnPropertyNames(p).sort());
});
/** Checked after the whole file: any write to a prototype on the way shows up here. */
afterAll(() => {
  expect(PROTOS.map((p) => Object.getOwnPropertyNames(p).sort())).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});

function expectClean(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before[0]);
}

const names = (d: Dataset) => d.table.columns.map((c) => c.name);

async function pipeline(files: { path: string; text?: string; bytes?: Uint8Array<ArrayBuffer> }[]) {
  const result = await runPipeline(
    files.map((f) => ({
      path: f.path,
      source: splitSource(f.bytes ?? enc(f.text ?? ''), f.path.split('/').pop() ?? f.path),
    })),
  );
  if (!result.dataset || !result.summary || !result.json)
    throw new Error(`not analysed: ${result.error?.message}`);
  return { dataset: result.dataset, summary: result.summary, json: result.json };
}

/** Every column name is in the summary's roles and JSON export, as itself. */
function expectRoles(summary: AnalysisSummary, json: string, columns: string[]): void {
  const parsed = JSON.parse(json) as { roles: { column: string; overridden: boolean }[] };
  for (const column of columns) {
    const role = parsed.roles.find((r) => r.column === column);
    expect(role, column).toBeDefined();
    expect(role?.overridden, column).toBe(false);
    expect(summary.roles.some((r) => r.column === column)).toBe(true);
  }
}

describe('a sweep CSV with prototype-named headers', () => {
  const { name, text } = pwnSweepCsv();

  it('readCsv keeps every header as a column, with its values', async () => {
    const dataset = await readCsv(splitSource(enc(text), name), noHooks);
    expect(names(dataset)).toEqual(expect.arrayContaining([...PROTO_NAMES, PWN.img, PWN.anchor]));
    const proto = dataset.table.columns.find((c) => c.name === '__proto__');
    expect(proto?.kind).toBe('number');
    const ctor = dataset.table.columns.find((c) => c.name === 'constructor');
    const labels = Array.from({ length: dataset.table.rowCount }, (_, i) => cellText(ctor!, i));
    expect(new Set(labels)).toEqual(new Set([PWN.link, '__proto__']));
    const valueOf = dataset.table.columns.find((c) => c.name === 'valueOf');
    const values = Array.from({ length: dataset.table.rowCount }, (_, i) => cellText(valueOf!, i));
    expect(new Set(values)).toEqual(new Set(PROTO_NAMES));
    expectClean();
  });

  it('analyze() infers roles for them and the JSON summary keeps them', async () => {
    const { dataset, summary, json } = await pipeline([{ path: name, text }]);
    expectRoles(summary, json, PROTO_NAMES);
    for (const column of ['__proto__', 'constructor'])
      expect(summary.roles.find((r) => r.column === column)?.role.kind).toBe('param');
    const parsed = JSON.parse(json) as { runIds: string[] };
    expect(parsed.runIds).toEqual(expect.arrayContaining([...PROTO_NAMES, PWN.img, PWN.script]));
    expect(summary.runIds).toHaveLength(dataset.table.rowCount);
    expect(summary.findings.some((f) => f.runIds.some((id) => PROTO_NAMES.includes(id)))).toBe(
      true,
    );
    // The exports name them as text.
    expect(buildFindingsCsv(summary)).toContain('__proto__');
    expect(buildMarkdownReport(summary)).toContain('constructor');
    expectClean();
  });

  it('an override of a prototype-named column applies to that column only', async () => {
    const dataset = await readCsv(splitSource(enc(text), name), noHooks);
    // fromEntries defines own properties, as a stored notebook's overrides are read back.
    const overrides = Object.fromEntries(
      ['__proto__', 'toString'].map((c) => [c, { kind: 'ignore' as const }]),
    );
    expect(Object.getPrototypeOf(overrides)).toBe(Object.prototype);
    const summary = analyze(dataset, { overrides, settings: DEFAULT_SETTINGS });
    const role = (c: string) => summary.roles.find((r) => r.column === c);
    expect(role('__proto__')).toMatchObject({ overridden: true, role: { kind: 'ignore' } });
    expect(role('toString')).toMatchObject({ overridden: true, role: { kind: 'ignore' } });
    expect(role('constructor')).toMatchObject({ overridden: false, role: { kind: 'param' } });
    expect(role('hasOwnProperty')?.overridden).toBe(false);
    expectClean();
  });
});

describe('report JSONs with prototype-named keys', () => {
  const [hf, lmEval, tracker] = pwnReports();

  it('HF all_results.json: constructor, toString and hasOwnProperty are metrics', async () => {
    const { dataset, summary, json } = await pipeline([{ path: hf.name, text: hf.text }]);
    const columns = names(dataset);
    expect(columns).toEqual(
      expect.arrayContaining(['constructor', 'toString', 'hasOwnProperty', PWN.script]),
    );
    expect(columns).toContain(`eval_${PWN.img}`);
    expectRoles(summary, json, ['constructor', 'toString', 'hasOwnProperty']);
    const ctor = dataset.table.columns.find((c) => c.name === 'constructor');
    expect(ctor?.kind === 'number' && ctor.values[0]).toBe(2);
    expectClean();
  });

  it('lm-eval results: payload and prototype-named tasks become metrics named by them', async () => {
    const { dataset, json } = await pipeline([{ path: lmEval.name, text: lmEval.text }]);
    const columns = names(dataset).join('\n');
    expect(columns).toContain(`${PWN.img}/acc`);
    expect(columns).toContain(`${PWN.anchor}/acc`);
    expect(columns).toContain('constructor/acc');
    expect(JSON.parse(json)).toBeTypeOf('object');
    expectClean();
  });

  it('tracker export: config and evaluation keys are kept as data', async () => {
    const { dataset, summary } = await pipeline([{ path: tracker.name, text: tracker.text }]);
    const columns = names(dataset);
    expect(columns).toEqual(expect.arrayContaining(['learning_rate', 'constructor']));
    // The config key shares its name with an evaluation metric: the param is prefixed.
    expect(columns).toContain(`params.${PWN.img}`);
    expect(columns.join('\n')).toContain(`${PWN.anchor}/accuracy`);
    expect(summary.runIds).toEqual([PWN.svg]);
    expectClean();
  });

  it('`__proto__` keys are kept as data and never become a prototype of anything', async () => {
    for (const report of pwnReports()) {
      const { dataset, summary } = await pipeline([{ path: report.name, text: report.text }]);
      for (const value of [dataset.table, ...dataset.table.columns, summary, summary.overview])
        expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(JSON.stringify(summary)).not.toContain('polluted');
    }
    const { dataset } = await pipeline([{ path: hf.name, text: hf.text }]);
    expect(names(dataset).some((name) => name.includes('__proto__'))).toBe(true);
    expectClean();
  });
});

describe('training logs with prototype-named runs, tags and config keys', () => {
  it('a TensorBoard folder keeps config keys and payload tags as data', async () => {
    const { dataset, summary, json } = await pipeline(pwnCurveFolder());
    expect(summary.overview.trials).toBe(pwnCurveFolder().length / 2);
    expect(names(dataset)).toEqual(expect.arrayContaining(['constructor', 'toString', PWN.img]));
    const metrics = new Set(dataset.curves?.curves.map((c) => c.metric));
    expect(metrics).toContain(PWN.img);
    expect(metrics).toContain('train/loss');
    expect(JSON.parse(json)).toBeTypeOf('object');
    expectClean();
  });

  it('a long curve CSV keeps `__proto__` and `constructor` runs and metrics', async () => {
    const { name, text } = pwnCurveCsv();
    const { dataset, summary } = await pipeline([{ path: name, text }]);
    expect(summary.runIds).toEqual(expect.arrayContaining(['__proto__', 'constructor', PWN.img]));
    const metrics = new Set(dataset.curves?.curves.map((c) => c.metric));
    expect(metrics).toContain('__proto__');
    expect(metrics).toContain(PWN.anchor);
    expectClean();
  });
});
