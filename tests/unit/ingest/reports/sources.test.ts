/** Reports through readSources: alone, as a seed-004 pair, beside event files and a sweep CSV. */
import { describe, expect, it } from 'vitest';
import {
  EventFileWriter,
  hfAllResults,
  jsonLinesLog,
  jsonLinesRuns,
  lmEvalCurrent,
  seed004EvaluationResults,
  seed004TrainingResults,
  trackerExport,
  type ReportFixture,
} from '../../../../src/lib/fixtures';
import { IngestError, readSources } from '../../../../src/lib/ingest';
import { cellText, findColumn, type Dataset } from '../../../../src/lib/model';
import { input, noHooks, rolesOf } from './helpers';

function events(tag: string, n = 10): Uint8Array {
  const w = new EventFileWriter();
  for (let s = 1; s <= n; s++) w.scalar(tag, s * 10, 2 / s);
  return w.bytes();
}
const at = (f: ReportFixture, path = f.name) => input(path, f.text);
const cell = (ds: Dataset, column: string, row: number) => {
  const c = findColumn(ds.table, column);
  return c ? cellText(c, row) : undefined;
};
const runs = (ds: Dataset) =>
  Array.from({ length: ds.table.rowCount }, (_, i) => cell(ds, 'run', i));

describe('readSources with reports', () => {
  it('a lone all_results.json: an eval-report, one row, roles read from the names', async () => {
    const ds = await readSources([at(hfAllResults())], noHooks);
    expect(ds.source.files?.[0]).toMatchObject({ kind: 'eval-report', runId: 'all_results' });
    expect(ds.source.files?.[0].detail).toMatch(
      /^Hugging Face Trainer results, read as such because/,
    );
    expect(ds.source.format).toBe('csv-table');
    expect(ds.source.formatReason).toMatch(/evaluation reports of 1 run/);
    expect(runs(ds)).toEqual(['all_results']);
    const roles = rolesOf(ds);
    expect(roles.eval_loss).toMatchObject({ kind: 'metric', split: 'val', family: 'loss' });
    expect(roles.eval_accuracy).toMatchObject({ kind: 'metric', split: 'val', family: 'accuracy' });
    expect(roles.train_loss).toMatchObject({ kind: 'metric', split: 'train', family: 'loss' });
    expect(roles.epoch).toMatchObject({ kind: 'budget', unit: 'epochs' });
  });

  it('a lone lm-eval file: `<task>/<metric>` columns are test metrics stated by the format', async () => {
    const ds = await readSources([at(lmEvalCurrent())], noHooks);
    const roles = rolesOf(ds);
    expect(roles['gsm8k/strict-match/exact_match']).toEqual({
      kind: 'metric',
      split: 'test',
      family: 'accuracy',
      direction: 'max',
    });
    expect(roles['gsm8k/strict-match/exact_match_stderr'].kind).toBe('ignore');
    expect(roles['wikitext/word_perplexity']).toMatchObject({ kind: 'metric', direction: 'min' });
    expect(cell(ds, 'limit', 0)).toBe('100');
  });

  it('the seed-004 pair: base and fine-tuned rows, training curves on the fine-tuned run', async () => {
    const ds = await readSources(
      [at(seed004TrainingResults()), at(seed004EvaluationResults())],
      noHooks,
    );
    expect(ds.source.files?.map((f) => f.kind)).toEqual(['eval-report', 'eval-report']);
    expect(ds.source.format).toBe('curve-logs');
    expect(runs(ds)).toEqual(['fine-tuned', 'base']);
    expect(ds.curves?.runs.map((r) => r.runId)).toEqual(['fine-tuned']);
    expect(Array.from(ds.curveRows ?? [])).toEqual([0]);
    expect([cell(ds, 'train_loss', 0), cell(ds, 'val_loss', 0)]).toEqual(['12.47', '7.021']);
    const ppl = findColumn(ds.table, 'eval_perplexity');
    expect(ppl?.kind === 'number' ? Array.from(ppl.values) : []).toEqual([25593.58, 45916.12]);
    expect(cell(ds, 'val_size', 0)).toBe('14');
    const roles = rolesOf(ds);
    expect(roles.val_loss).toMatchObject({ kind: 'metric', split: 'val', family: 'loss' });
    expect(roles.eval_perplexity).toMatchObject({ kind: 'metric', split: 'val', direction: 'min' });
  });

  it('the seed-004 pair in a run folder: the fine-tuned model is that run, base beside it', async () => {
    const ds = await readSources(
      [
        at(seed004TrainingResults(), 'hrm_v9/training_results.json'),
        at(seed004EvaluationResults(), 'hrm_v9/evaluation_results.json'),
      ],
      noHooks,
    );
    expect(runs(ds)).toEqual(['hrm_v9', 'hrm_v9/base']);
    expect(cell(ds, 'eval_loss', 0)).toBe('10.15');
  });

  it('a folder mixing event files and reports: report metrics join the run of their folder', async () => {
    const ds = await readSources(
      [
        input('sweep/run_1_lr-1e-4/events.out.tfevents.1.host', events('eval/loss')),
        input('sweep/run_1_lr-1e-4/all_results.json', hfAllResults().text),
        input('sweep/run_2_lr-1e-3/events.out.tfevents.1.host', events('eval/loss')),
        input('sweep/lm_eval/results.json', lmEvalCurrent().text),
      ],
      noHooks,
    );
    const kinds = ds.source.files?.map((f) => [f.path.split('/').slice(1).join('/'), f.kind]);
    expect(kinds).toEqual([
      ['run_1_lr-1e-4/events.out.tfevents.1.host', 'event-file'],
      ['run_1_lr-1e-4/all_results.json', 'eval-report'],
      ['run_2_lr-1e-3/events.out.tfevents.1.host', 'event-file'],
      ['lm_eval/results.json', 'eval-report'],
    ]);
    expect(ds.source.format).toBe('curve-logs');
    expect(ds.source.formatReason).toMatch(/training logs and evaluation reports/);
    expect(ds.curves?.runs.map((r) => r.runId)).toEqual(['run_1_lr-1e-4', 'run_2_lr-1e-3']);
    expect(runs(ds)).toEqual(['run_1_lr-1e-4', 'run_2_lr-1e-3', 'lm_eval']);
    expect(Array.from(ds.curveRows ?? [])).toEqual([0, 1]);
    expect([cell(ds, 'eval_accuracy', 0), cell(ds, 'eval_accuracy', 1)]).toEqual(['0.8712', '']);
    expect(cell(ds, 'gsm8k/strict-match/exact_match', 2)).toBe('0.41');
    expect(cell(ds, 'lr', 0)).toBe('1e-4');
    expect(ds.table.sourceLines).toHaveLength(3);
  });

  it('a report beside a sweep CSV is read but not joined, with a warning', async () => {
    const ds = await readSources(
      [
        input('exp/sweep.csv', 'trial,lr,val_loss\n1,0.1,0.5\n2,0.01,0.4\n'),
        input('exp/all_results.json', hfAllResults().text),
      ],
      noHooks,
    );
    expect(ds.source.format).toBe('csv-table');
    expect(ds.table.rowCount).toBe(2);
    const file = ds.source.files?.find((f) => f.path === 'exp/all_results.json');
    expect(file).toMatchObject({ kind: 'eval-report', issues: 1 });
    expect(file?.detail).toMatch(/not joined/);
  });

  it('JSON Lines naming their runs are a report; per-step JSON Lines are still refused', async () => {
    const ds = await readSources([at(jsonLinesRuns())], noHooks);
    expect(runs(ds)).toEqual(['run_0', 'run_1', 'run_2']);
    expect(rolesOf(ds).val_loss).toMatchObject({ kind: 'metric', split: 'val' });
    const error = await readSources([at(jsonLinesLog())], noHooks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('unsupported-format');
  });

  it('a tracker export: config params and benchmark metrics in one row', async () => {
    const ds = await readSources([at(trackerExport())], noHooks);
    expect(runs(ds)).toEqual(['exp_20250123_143022_a1b2c3']);
    expect(rolesOf(ds)['gsm8k/accuracy']).toMatchObject({ kind: 'metric', family: 'accuracy' });
    expect(cell(ds, 'params.status', 0)).toBe('completed');
  });

  it('a report with a syntax error alone: the error keeps line and column', async () => {
    const error = await readSources(
      [input('eval_results.json', '{\n  "eval_loss": 1.2,\n  "x": \n}')],
      noHooks,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ code: 'invalid-json', line: 4, column: 1 });
  });

  it('JSON of no report layout is still skipped (tokenizers, vocabularies)', async () => {
    const error = await readSources([input('vocab.json', '{"a": 1, "b": 2}')], noHooks).catch(
      (e: unknown) => e,
    );
    expect((error as IngestError).message).toMatch(/no known report layout/);
  });
});
