import { describe, expect, it } from 'vitest';
import { adaptTable, IngestError, readCsv, readSources } from '../../../../src/lib/ingest';
import { EventFileWriter } from '../../../../src/lib/fixtures';
import { input, noHooks } from './helpers';

const SWEEP = 'trial,lr,batch_size,val_loss\n1,0.001,32,0.52\n2,0.01,64,0.61\n3,0.1,32,nan\n';

function events(tag = 'loss', n = 20): Uint8Array {
  const w = new EventFileWriter();
  for (let s = 1; s <= n; s++) w.scalar(tag, s * 10, 2 / s);
  return w.bytes();
}

const TRAINER_STATE = JSON.stringify({
  global_step: 30,
  max_steps: 100,
  log_history: [
    { loss: 2.0, learning_rate: 1e-4, epoch: 0.1, step: 10 },
    { loss: 1.5, learning_rate: 1e-4, epoch: 0.2, step: 20 },
    { eval_loss: 1.6, epoch: 0.2, step: 20 },
    { loss: 1.2, learning_rate: 1e-4, epoch: 0.3, step: 30 },
  ],
});

describe('a lone file', () => {
  it('a plain sweep CSV gives exactly what readCsv gives', async () => {
    const viaSources = await readSources([input('sweep.csv', SWEEP)], noHooks);
    const direct = await readCsv(input('sweep.csv', SWEEP).source, noHooks);
    // The same as before folders were supported, plus the export adapter's reading of the table.
    expect(viaSources).toEqual(adaptTable(direct));
    expect(viaSources.source.tableFormat?.id).toBe('generic');
    expect(viaSources.source.format).toBe('csv-table');
    expect(viaSources.source.files).toBeUndefined();
    expect(viaSources.curves).toBeUndefined();
  });

  it('a binary file raises the same clear IngestError as before', async () => {
    const bytes = new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x20]);
    const error = await readSources([input('model.bin', bytes)], noHooks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('binary-content');
  });

  it('a JSON that is no trainer state is refused with what was found', async () => {
    const error = await readSources([input('results.json', '{"a": 1}')], noHooks).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).message).toMatch(/No training curves and no sweep table/);
    expect((error as IngestError).message).toMatch(/results\.json.*log_history/);
  });

  it('a lone event file is read as curves with a derived one-row table', async () => {
    const ds = await readSources([input('events.out.tfevents.1.host', events())], noHooks);
    expect(ds.source.format).toBe('curve-logs');
    expect(ds.curves?.runs.map((r) => r.runId)).toEqual(['events.out.tfevents.1']);
    expect(ds.table.rowCount).toBe(1);
    expect(ds.source.files?.[0]).toMatchObject({
      kind: 'event-file',
      detail: 'TensorBoard event file: 1 scalar tag, 20 points, 0 corrupt records',
    });
  });

  it('a lone curve CSV is read as curves, with its dialect', async () => {
    const ds = await readSources(
      [input('run-a-tag-loss.csv', 'Wall time,Step,Value\n1,1,2.0\n2,2,1.5\n3,3,1.2\n')],
      noHooks,
    );
    expect(ds.source.format).toBe('curve-logs');
    expect(ds.curves?.runs[0].runId).toBe('a');
    expect(ds.source.dialect?.delimiter).toBe(',');
  });
});

describe('classification in a folder', () => {
  it('reads each file by name and first bytes, and says why others were skipped', async () => {
    const ds = await readSources(
      [
        input('exp/run_1/events.out.tfevents.1.host', events()),
        input('exp/run_1/renamed_log', events('acc')),
        input('exp/run_1/hparams.yaml', 'lr: 0.001\n'),
        input('exp/run_2/checkpoint-30/trainer_state.json', TRAINER_STATE),
        input('exp/run_2/state_copy.json', TRAINER_STATE.replace('"global_step"', '"gs"')),
        input('exp/run_2/tokenizer.json', '{"vocab": {}}'),
        input('exp/run_3/metrics.csv', 'epoch,step,train_loss\n0,10,2\n0,20,1.5\n'),
        input('exp/.DS_Store', new Uint8Array([0, 0, 0, 1])),
        input('exp/run_1/plot.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])),
        input('exp/run_1/model.safetensors', new Uint8Array(64)),
        input('exp/.git/config', '[core]\n'),
      ],
      noHooks,
    );
    const kinds = Object.fromEntries(ds.source.files!.map((f) => [f.path.slice(4), f.kind]));
    expect(kinds).toEqual({
      'run_1/events.out.tfevents.1.host': 'event-file',
      'run_1/renamed_log': 'event-file',
      'run_1/hparams.yaml': 'config',
      'run_2/checkpoint-30/trainer_state.json': 'trainer-state',
      'run_2/state_copy.json': 'trainer-state',
      'run_2/tokenizer.json': 'skipped',
      'run_3/metrics.csv': 'curve-csv',
      '.DS_Store': 'skipped',
      'run_1/plot.png': 'skipped',
      'run_1/model.safetensors': 'skipped',
      '.git/config': 'skipped',
    });
    const detail = (p: string) => ds.source.files!.find((f) => f.path === `exp/${p}`)!.detail;
    expect(detail('.DS_Store')).toMatch(/hidden file/);
    expect(detail('run_1/plot.png')).toMatch(/image/);
    expect(detail('run_1/model.safetensors')).toMatch(/checkpoint or weights/);
    expect(detail('run_2/tokenizer.json')).toMatch(/log_history/);
    expect(ds.source.file).toBe('exp (11 files)');
    expect(ds.source.format).toBe('curve-logs');
    // One CSV in the load: its dialect is the load's.
    expect(ds.source.dialect?.delimiter).toBe(',');
    expect(ds.source.bytes).toBe(ds.source.files!.reduce((n, f) => n + f.bytes, 0));
    expect(ds.source.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('a folder with nothing readable is an IngestError listing what was found', async () => {
    const error = await readSources(
      [input('x/notes.md', '# notes'), input('x/a.png', new Uint8Array([0x89, 0x50]))],
      noHooks,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).message).toMatch(/2 skipped files: x\/notes\.md .*x\/a\.png/);
  });

  it('a broken CSV inside a folder is an error issue on that file, not a failed load', async () => {
    const ds = await readSources(
      [
        input('x/run_1/events.out.tfevents.1.h', events()),
        input('x/broken.csv', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0])),
      ],
      noHooks,
    );
    const broken = ds.source.files!.find((f) => f.path === 'x/broken.csv')!;
    expect(broken).toMatchObject({ kind: 'skipped', issues: 1 });
    expect(ds.source.issues).toContainEqual(
      expect.objectContaining({ file: 'x/broken.csv', code: 'binary-content', severity: 'error' }),
    );
  });
});
