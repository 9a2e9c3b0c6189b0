import { describe, expect, it } from 'vitest';
import { readSources } from '../../../../src/lib/ingest';
import { EventFileWriter } from '../../../../src/lib/fixtures';
import type { Curve, Dataset } from '../../../../src/lib/model';
import { input, noHooks } from './helpers';

function events(points: [tag: string, step: number, value: number][], wall = 1000): Uint8Array {
  const w = new EventFileWriter('brain.Event:2', wall);
  for (const [tag, step, value] of points) w.scalar(tag, step, value, { wallTime: wall + step });
  return w.bytes();
}

function curve(ds: Dataset, runId: string, metric: string): Curve {
  const found = ds.curves?.curves.find((c) => c.runId === runId && c.metric === metric);
  if (!found) throw new Error(`no curve ${runId} ${metric}`);
  return found;
}

describe('run grouping', () => {
  it('keeps equal tags of train/ and validation/ apart by prefixing the split', async () => {
    const ds = await readSources(
      [
        input(
          'keras/run_a/train/events.out.tfevents.1.h',
          events([
            ['epoch_loss', 0, 1],
            ['epoch_loss', 1, 0.5],
            ['epoch_acc_train_only', 1, 0.7],
          ]),
        ),
        input(
          'keras/run_a/validation/events.out.tfevents.2.h',
          events([
            ['epoch_loss', 0, 1.2],
            ['epoch_loss', 1, 0.8],
          ]),
        ),
      ],
      noHooks,
    );
    expect(ds.curves?.runs.map((r) => r.runId)).toEqual(['run_a']);
    expect(ds.curves?.curves.map((c) => c.metric).sort()).toEqual([
      'epoch_acc_train_only',
      'train/epoch_loss',
      'validation/epoch_loss',
    ]);
    expect([...curve(ds, 'run_a', 'validation/epoch_loss').values]).toEqual([
      Math.fround(1.2),
      Math.fround(0.8),
    ]);
  });

  it('merges the files of a resumed run in step order, typed, with wall times', async () => {
    const ds = await readSources(
      [
        // The later file first: order comes from the steps, not from the inputs.
        input(
          's/run_1/logs/events.out.tfevents.200.h',
          events(
            [
              ['loss', 30, 0.5],
              ['loss', 40, 0.4],
            ],
            2000,
          ),
        ),
        input(
          's/run_1/logs/events.out.tfevents.100.h',
          events(
            [
              ['loss', 10, 0.9],
              ['loss', 20, 0.7],
            ],
            1000,
          ),
        ),
      ],
      noHooks,
    );
    const c = curve(ds, 'run_1', 'loss');
    expect(c.steps).toBeInstanceOf(Float64Array);
    expect(c.values).toBeInstanceOf(Float64Array);
    expect([...c.steps]).toEqual([10, 20, 30, 40]);
    expect([...c.values].map((v) => Math.round(v * 10) / 10)).toEqual([0.9, 0.7, 0.5, 0.4]);
    expect(c.wallTimes && [...c.wallTimes]).toEqual([1010, 1020, 2030, 2040]);
    expect(ds.curves?.runs[0].source).toBe('s/run_1');
  });

  it('gives same-named run folders of different sweeps distinct ids', async () => {
    const ds = await readSources(
      [
        input('all/sweep1/run_1/events.out.tfevents.1.h', events([['loss', 1, 1]])),
        input('all/sweep2/run_1/events.out.tfevents.1.h', events([['loss', 1, 2]])),
      ],
      noHooks,
    );
    expect(ds.curves?.runs.map((r) => r.runId)).toEqual(['all/sweep1/run_1', 'all/sweep2/run_1']);
  });

  it('orders runs naturally (run_2 before run_10)', async () => {
    const ds = await readSources(
      ['run_10', 'run_2', 'run_1'].map((r) =>
        input(`s/${r}/events.out.tfevents.1.h`, events([['loss', 1, 1]])),
      ),
      noHooks,
    );
    expect(ds.curves?.runs.map((r) => r.runId)).toEqual(['run_1', 'run_2', 'run_10']);
    expect([...ds.curveRows!]).toEqual([0, 1, 2]);
  });

  it('reads several trainer states in one folder as several runs, named by file', async () => {
    const state = (loss: number) =>
      JSON.stringify({
        max_steps: 50,
        log_history: [
          { loss, step: 10 },
          { loss: loss / 2, step: 20 },
        ],
      });
    const ds = await readSources(
      [input('states/bert_lr-1e-5.json', state(2)), input('states/bert_lr-3e-5.json', state(3))],
      noHooks,
    );
    expect(ds.curves?.runs.map((r) => [r.runId, r.params.lr, r.plannedSteps])).toEqual([
      ['bert_lr-1e-5', 1e-5, 50],
      ['bert_lr-3e-5', 3e-5, 50],
    ]);
  });

  it("reads only the newest of a run's checkpoint trainer states", async () => {
    const state = (steps: number[]) =>
      JSON.stringify({
        max_steps: 100,
        log_history: steps.map((step) => ({ loss: 1 / step, step })),
      });
    const ds = await readSources(
      [
        input('out/run_x/checkpoint-20/trainer_state.json', state([10, 20])),
        input('out/run_x/checkpoint-40/trainer_state.json', state([10, 20, 30, 40])),
      ],
      noHooks,
    );
    expect([...curve(ds, 'run_x', 'loss').steps]).toEqual([10, 20, 30, 40]);
    expect(ds.source.files?.[0].detail).toMatch(/not merged: out\/run_x\/checkpoint-40/);
  });
});

describe('hyperparameters', () => {
  it('come from the run folder and its parents, then config files, which win', async () => {
    const ds = await readSources(
      [
        input(
          'sweep/opt-adam/run_2_lr-2e-4_rank-32/logs/events.out.tfevents.1.h',
          events([['loss', 1, 1]]),
        ),
        input(
          'sweep/opt-adam/run_2_lr-2e-4_rank-32/logs/hparams.yaml',
          'lr: 0.0003\nlora_alpha: 64\nmax_steps: 500\n',
        ),
        input(
          'sweep/opt-adam/run_3_lr-1e-4_rank-8/logs/events.out.tfevents.1.h',
          events([['loss', 1, 1]]),
        ),
      ],
      noHooks,
    );
    const [run2, run3] = ds.curves!.runs;
    expect(run2.params).toEqual({ lr: 0.0003, rank: 32, lora_alpha: 64, max_steps: 500 });
    expect(run2.notes.join(' ')).toMatch(
      /lr: the folder name says 0.0002, the config file says 0.0003/,
    );
    // The config's max_steps is the planned budget when the log states none.
    expect(run2.plannedSteps).toBe(500);
    expect(run3.params).toEqual({ lr: 1e-4, rank: 8 });
    expect(ds.source.files?.find((f) => f.kind === 'config')).toMatchObject({
      runId: 'run_2_lr-2e-4_rank-32',
      detail: 'YAML mapping (hparams.yaml): 3 hyperparameters, for run run_2_lr-2e-4_rank-32',
    });
  });

  it('take trainer_state trial_params and its max_steps', async () => {
    const ds = await readSources(
      [
        input(
          'hp/trial_7/trainer_state.json',
          JSON.stringify({
            max_steps: 300,
            trial_params: { learning_rate: 5e-5 },
            log_history: [{ loss: 1, step: 10 }],
          }),
        ),
      ],
      noHooks,
    );
    expect(ds.curves?.runs[0]).toMatchObject({
      runId: 'trial_7',
      plannedSteps: 300,
      params: { learning_rate: 5e-5 },
    });
  });

  it('are read from runs a W&B export names itself', async () => {
    const csv = 'Step,lr-1e-3 - loss,lr-1e-2 - loss\n1,2,3\n2,1,4\n';
    const ds = await readSources([input('wandb.csv', csv)], noHooks);
    expect(ds.curves?.runs.map((r) => [r.runId, r.params.lr])).toEqual([
      ['lr-1e-2', 1e-2],
      ['lr-1e-3', 1e-3],
    ]);
  });
});
