import { describe, expect, it } from 'vitest';
import { inferRoles } from '../../../../src/lib/analysis';
import { readSources } from '../../../../src/lib/ingest';
import { EventFileWriter } from '../../../../src/lib/fixtures';
import { CellState, cellText, findColumn, type Dataset } from '../../../../src/lib/model';
import { input, noHooks } from './helpers';

function events(points: [tag: string, step: number, value: number][]): Uint8Array {
  const w = new EventFileWriter();
  for (const [tag, step, value] of points) w.scalar(tag, step, value);
  return w.bytes();
}

function runLog(final: number, last = 300, nanAtEnd = false): Uint8Array {
  const points: [string, number, number][] = [];
  for (let step = 10; step <= last; step += 10) {
    points.push(['train/loss', step, 2 - step / 1000]);
    points.push(['train/learning_rate', step, 1e-4]);
    points.push(['train/grad_norm', step, 0.5]);
  }
  points.push(['eval/loss', last, final]);
  if (nanAtEnd) points.push(['eval/loss', last + 10, NaN]);
  return events(points);
}

async function sweepFolder(): Promise<Dataset> {
  return readSources(
    [
      input('sw/run_1_lr-1e-4_opt-adam/events.out.tfevents.1.h', runLog(0.9)),
      input('sw/run_2_lr-3e-4_opt-adam/events.out.tfevents.1.h', runLog(0.8, 200, true)),
      input('sw/run_3_lr-1e-3_opt-adam/events.out.tfevents.1.h', runLog(1.1)),
      input('sw/run_3_lr-1e-3_opt-adam/config.json', '{"optimizer": "sgd", "rank": 16}'),
      input('sw/run_4_lr-1e-3_opt-adam/events.out.tfevents.1.h', runLog(1.0)),
      input('sw/run_4_lr-1e-3_opt-adam/config.json', '{"optimizer": "adamw", "rank": 8}'),
    ],
    noHooks,
  );
}

describe('the run table derived from logs', () => {
  it('has one row per run: id, hyperparameters, final values, steps', async () => {
    const ds = await sweepFolder();
    expect(ds.source.format).toBe('curve-logs');
    expect(ds.table.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'run:text',
      'lr:number',
      'optimizer:category',
      'hp_rank:number',
      'train/loss:number',
      'eval/loss:number',
      'max_step:number',
    ]);
    expect(ds.table.rowCount).toBe(4);
    expect([...ds.table.sourceLines]).toEqual([0, 0, 0, 0]);
    const text = (name: string) =>
      Array.from({ length: 4 }, (_, r) => cellText(findColumn(ds.table, name)!, r));
    expect(text('run')).toEqual(ds.curves!.runs.map((r) => r.runId));
    expect(text('optimizer')).toEqual(['', '', 'sgd', 'adamw']);
    expect(text('hp_rank')).toEqual(['', '', '16', '8']);
    // The last finite point, even when a NaN was logged after it.
    expect(text('eval/loss')).toEqual(['0.9', '0.8', '1.1', '1']);
    expect(text('max_step')).toEqual(['300', '210', '300', '300']);
    const lr = findColumn(ds.table, 'lr');
    expect(lr?.kind === 'number' && [...lr.states]).toEqual(
      [0, 0, 0, 0].map(() => CellState.value),
    );
  });

  it('infers run as the id, params as params and final values as metrics', async () => {
    const ds = await sweepFolder();
    const roles = Object.fromEntries(inferRoles(ds.table, {}).map((r) => [r.column, r.role]));
    expect(roles.run.kind).toBe('id');
    expect(roles.lr.kind).toBe('param');
    expect(roles.optimizer.kind).toBe('param');
    expect(roles.hp_rank.kind).toBe('param');
    expect(roles['train/loss']).toMatchObject({ kind: 'metric', split: 'train', family: 'loss' });
    expect(roles['eval/loss']).toMatchObject({ kind: 'metric', split: 'val', family: 'loss' });
    expect(roles.max_step).toMatchObject({ kind: 'budget', unit: 'steps' });
  });

  it('adds total_steps (the planned budget) when a log states it', async () => {
    const state = (max: number) =>
      JSON.stringify({
        max_steps: max,
        log_history: [
          { loss: 1, step: 10 },
          { eval_loss: 1.2, step: 10 },
        ],
      });
    const ds = await readSources(
      [
        input('o/run_a/trainer_state.json', state(100)),
        input('o/run_b/trainer_state.json', state(200)),
      ],
      noHooks,
    );
    const planned = findColumn(ds.table, 'total_steps');
    expect(planned?.kind === 'number' && [...planned.values]).toEqual([100, 200]);
    const roles = Object.fromEntries(inferRoles(ds.table, {}).map((r) => [r.column, r.role]));
    expect(roles.total_steps).toMatchObject({ kind: 'budget', unit: 'steps' });
    expect(roles.loss).toMatchObject({ kind: 'metric', family: 'loss' });
    expect(roles.eval_loss).toMatchObject({ kind: 'metric', split: 'val' });
  });
});

describe('a sweep CSV with logs', () => {
  const logs = () => [
    input('s/run-1/events.out.tfevents.1.h', runLog(0.9)),
    input('s/Run_2/events.out.tfevents.1.h', runLog(0.8)),
    input('s/run_9/events.out.tfevents.1.h', runLog(0.7)),
  ];

  it('matches log runs to rows by the column naming the most runs, exact then normalised', async () => {
    const csv = 'trial,name,lr,val_loss\n1,run_1,0.001,0.9\n2,run_2,0.01,0.8\n3,run_3,0.1,0.7\n';
    const ds = await readSources([input('s/sweep.csv', csv), ...logs()], noHooks);
    expect(ds.source.format).toBe('sweep-with-curves');
    expect(ds.table.rowCount).toBe(3);
    expect(ds.table.columns.map((c) => c.name)).toEqual(['trial', 'name', 'lr', 'val_loss']);
    const rowOf = Object.fromEntries(ds.curves!.runs.map((r, i) => [r.runId, ds.curveRows![i]]));
    expect(rowOf).toEqual({ 'run-1': 0, Run_2: 1, run_9: -1 });
    expect(ds.source.dialect?.delimiter).toBe(',');
    expect(ds.source.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 's/sweep.csv',
        message: '2 of 3 log runs matched a row of s/sweep.csv by column `name`; unmatched: run_9.',
      }),
    );
    expect(ds.source.formatReason).toMatch(/matched to rows by column `name`/);
  });

  it('warns when no column names the runs', async () => {
    const csv = 'trial,lr,val_loss\n1,0.001,0.9\n';
    const ds = await readSources([input('s/sweep.csv', csv), ...logs()], noHooks);
    expect([...ds.curveRows!]).toEqual([-1, -1, -1]);
    expect(ds.source.issues.map((i) => i.message).join(' ')).toMatch(/0 of 3 log runs matched/);
  });
});

describe('which series become metric columns', () => {
  it('keeps losses and scores, leaves out counters, learning rates, timings and grad norms', async () => {
    const { isBookkeepingSeries } = await import('../../../../src/lib/ingest/sources');
    const kept = [
      'train/loss',
      'eval_loss',
      'train_loss_epoch',
      'train_loss_step',
      'val_acc',
      'validation/epoch_loss',
      'eval/accuracy',
    ];
    const dropped = [
      'epoch',
      'train/epoch',
      'step',
      'train/global_step',
      'learning_rate',
      'train/learning_rate',
      'lr',
      'lr-AdamW',
      'eval_runtime',
      'eval_samples_per_second',
      'train/grad_norm',
      'total_flos',
    ];
    expect(kept.filter(isBookkeepingSeries)).toEqual([]);
    expect(dropped.filter((m) => !isBookkeepingSeries(m))).toEqual([]);
  });
});

describe('hyperparameter column names', () => {
  it('prefix names the role inference would misread, so they stay hyperparameters', async () => {
    const ds = await readSources(
      [1, 2, 3]
        .map((i) =>
          input(
            `s/run_${i}_rank-${i * 8}/events.out.tfevents.1.h`,
            events([['eval_loss', 10, i / 10]]),
          ),
        )
        .concat(
          [1, 2, 3].map((i) =>
            input(
              `s/run_${i}_rank-${i * 8}/args.json`,
              JSON.stringify({ loss_type: i === 1 ? 'ce' : 'focal', name: `m${i}` }),
            ),
          ),
        ),
      noHooks,
    );
    const roles = Object.fromEntries(inferRoles(ds.table, {}).map((r) => [r.column, r.role.kind]));
    expect(roles).toEqual({
      run: 'id',
      hp_rank: 'param',
      'params.loss_type': 'param',
      'params.name': expect.any(String),
      eval_loss: 'metric',
      max_step: 'budget',
    });
  });
});
