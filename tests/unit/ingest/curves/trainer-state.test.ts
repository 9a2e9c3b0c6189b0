import { describe, expect, it } from 'vitest';
import { readTrainerState } from '../../../../src/lib/ingest/curves';
import type { Curve, CurveSet } from '../../../../src/lib/model';

function curve(set: CurveSet, metric: string): Curve {
  const c = set.curves.find((x) => x.metric === metric);
  if (!c) throw new Error(`no curve ${metric}: ${set.curves.map((x) => x.metric).join(', ')}`);
  return c;
}

const LEGACY_WITH_NAN = `{
  "best_metric": null,
  "best_model_checkpoint": null,
  "epoch": 0.5,
  "global_step": 30,
  "log_history": [
    {"epoch": 0.1, "learning_rate": 5e-05, "loss": 2.5, "step": 10},
    {"epoch": 0.2, "learning_rate": 4e-05, "loss": NaN, "grad_norm": Infinity, "step": 20},
    {"epoch": 0.2, "eval_loss": 2.8, "eval_accuracy": 0.31, "eval_runtime": 3.1,
     "eval_samples_per_second": 100.0, "step": 20},
    {"epoch": 0.3, "learning_rate": 3e-05, "loss": NaN, "step": 30}
  ],
  "max_steps": 60,
  "num_train_epochs": 1,
  "total_flos": 1000.0,
  "trial_name": "trial-1",
  "trial_params": {"learning_rate": 5e-05, "seed": 3, "nested": {"warmup": 0.1}}
}`;

describe('readTrainerState', () => {
  it('reads train and eval entries of a legacy state with NaN and Infinity', () => {
    const r = readTrainerState(LEGACY_WITH_NAN, 'trainer_state.json', 'run-1');
    expect(r.issues).toEqual([]);
    const { runs } = r.curves;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      runId: 'run-1',
      source: 'trainer_state.json',
      plannedSteps: 60,
      plannedEpochs: 1,
      params: { learning_rate: 5e-5, seed: 3, 'nested.warmup': 0.1 },
    });
    const loss = curve(r.curves, 'loss');
    expect([...loss.steps]).toEqual([10, 20, 30]);
    expect(loss.values[0]).toBe(2.5);
    expect(loss.values[1]).toBeNaN();
    expect(loss.wallTimes).toBeNull();
    expect([...curve(r.curves, 'grad_norm').values]).toEqual([Infinity]);
    expect([...curve(r.curves, 'eval_loss').steps]).toEqual([20]);
    expect([...curve(r.curves, 'eval_accuracy').values]).toEqual([0.31]);
    // Epoch once per step, even though the eval entry repeats it.
    expect([...curve(r.curves, 'epoch').steps]).toEqual([10, 20, 30]);
    // Throughput numbers are not curves.
    expect(r.curves.curves.map((c) => c.metric)).not.toContain('eval_runtime');
    expect(r.info).toMatchObject({
      globalStep: 30,
      maxSteps: 60,
      loggingSteps: null,
      evalSteps: null,
      trainEntries: 3,
      evalEntries: 1,
      hasPerStepData: true,
    });
    expect(runs[0].notes.join('\n')).toContain('global_step 30 of max_steps 60');
  });

  it('says "no per-step data" when log_history holds only the final summary', () => {
    const text = JSON.stringify({
      global_step: 768,
      max_steps: 768,
      logging_steps: 996,
      num_train_epochs: 3,
      log_history: [
        { epoch: 3, step: 768, train_loss: 0.97, train_runtime: 5980.7, total_flos: 2e18 },
      ],
    });
    const r = readTrainerState(text, 's.json', 'q');
    expect(r.curves.curves).toEqual([]);
    expect(r.curves.runs[0].notes[0]).toMatch(/^no per-step data/);
    expect(r.curves.runs[0].notes[0]).toContain('logging_steps 996 > max_steps 768');
    expect(r.info?.summary).toEqual({ train_loss: 0.97, train_runtime: 5980.7, total_flos: 2e18 });
    expect(r.info?.hasPerStepData).toBe(false);
  });

  it('says "no per-step data" for an empty log_history', () => {
    const r = readTrainerState('{"log_history": []}', 's.json', 'q');
    expect(r.curves.runs[0].notes[0]).toBe('no per-step data: log_history is empty.');
  });

  it('keeps best checkpoint, cadence and extra keys such as TRL rewards', () => {
    const text = JSON.stringify({
      best_metric: 0.5,
      best_model_checkpoint: 'out/checkpoint-20',
      best_global_step: 20,
      logging_steps: 10,
      eval_steps: 20,
      log_history: [
        { step: 10, loss: 1, 'rewards/chosen': 0.1, 'rewards/margins': 0.2 },
        { step: 20, eval_loss: 0.5 },
      ],
    });
    const r = readTrainerState(text, 's.json', 'dpo');
    expect(curve(r.curves, 'rewards/chosen').values[0]).toBe(0.1);
    expect(r.info?.bestModelCheckpoint).toBe('out/checkpoint-20');
    const notes = r.curves.runs[0].notes.join('\n');
    expect(notes).toContain(
      'best_model_checkpoint checkpoint-20 (best_metric 0.5, best_global_step 20)',
    );
    expect(notes).toContain('logging_steps 10, eval_steps 20');
  });

  it('skips entries without a step and non-object entries, with a warning', () => {
    const r = readTrainerState(
      '{"log_history": [{"loss": 1}, 3, {"loss": 2, "step": 5}]}',
      's.json',
      'x',
    );
    expect([...curve(r.curves, 'loss').steps]).toEqual([5]);
    expect(r.issues.map((i) => i.severity)).toEqual(['warning', 'warning']);
  });

  it('keeps file order when steps go backwards (a resumed run)', () => {
    const text =
      '{"log_history": [{"loss": 1, "step": 10}, {"loss": 2, "step": 20}, {"loss": 1.5, "step": 10}]}';
    expect([...curve(readTrainerState(text, 's.json', 'x').curves, 'loss').steps]).toEqual([
      10, 20, 10,
    ]);
  });

  it('reports a syntax error with its position, and non-trainer JSON', () => {
    const bad = readTrainerState('{\n "log_history": [\n  {"loss": 1,}\n ]\n}', 's.json', 'x');
    expect(bad.curves).toEqual({ runs: [], curves: [] });
    expect(bad.issues[0]).toMatchObject({ severity: 'error', line: 3, column: 14 });
    const other = readTrainerState('{"results": {}}', 'all_results.json', 'x');
    expect(other.issues[0].message).toMatch(/no "log_history"/);
    expect(other.info).toBeNull();
  });
});
