import { describe, expect, it } from 'vitest';
import {
  analyzeCurves,
  CURVE_DETECTORS,
  DEFAULT_CURVE_SETTINGS,
} from '../../../../src/lib/analysis/curves';
import type { CurveDetectorId } from '../../../../src/lib/model';
import { curve, healthyLoss, run, set } from './helpers';

const S = DEFAULT_CURVE_SETTINGS;
const detect = (id: CurveDetectorId, s: Parameters<(typeof CURVE_DETECTORS)['plateau']>[0]) =>
  CURVE_DETECTORS[id](s, S);

describe('healthy runs', () => {
  it('stay quiet on every detector', () => {
    const steps = Array.from({ length: 60 }, (_, i) => (i + 1) * 10);
    const evalSteps = steps.filter((_, i) => i % 10 === 9);
    const healthy = set(
      [
        curve('a', 'loss', healthyLoss(60, 1), steps),
        curve('a', 'eval_loss', [0.9, 0.6, 0.5, 0.45, 0.43, 0.42], evalSteps),
        curve(
          'a',
          'grad_norm',
          healthyLoss(60, 2).map((v) => v * 2),
          steps,
        ),
        curve(
          'a',
          'learning_rate',
          steps.map((s) => 1e-4 * (1 - s / 700)),
          steps,
        ),
      ],
      [run('a', { plannedSteps: 600 })],
    );
    expect(analyzeCurves(healthy)).toEqual([]);
  });
});

describe('curve-nan', () => {
  it('reports the first non-finite step as critical', () => {
    const f = detect('curve-nan', set([curve('r', 'loss', [2, 1.5, 1.2, NaN, Infinity, NaN])]));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ id: 'curve-nan:r:loss', severity: 'critical', rows: [0] });
    expect(f[0].title).toContain('step 40');
  });
  it('is quiet on finite curves', () => {
    expect(detect('curve-nan', set([curve('r', 'loss', [2, 1, 0.5])]))).toEqual([]);
  });
});

describe('loss-spike', () => {
  it('lists the spike steps', () => {
    const v = healthyLoss(40);
    v[20] *= 3;
    v[30] *= 2.5;
    const f = detect('loss-spike', set([curve('r', 'train/loss', v)]));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].evidence[0].value).toBe('210, 310');
  });
  it('ignores small bumps and non-loss metrics', () => {
    const v = healthyLoss(40);
    v[20] *= 1.1;
    const acc = healthyLoss(40).map((x) => 1 - x / 3);
    acc[20] = 0.99;
    expect(detect('loss-spike', set([curve('r', 'loss', v), curve('r', 'accuracy', acc)]))).toEqual(
      [],
    );
  });
});

describe('divergence', () => {
  it('is critical when the loss ends above its start and rises', () => {
    const v = [...healthyLoss(20), ...Array.from({ length: 20 }, (_, i) => 0.5 + i * 0.15)];
    const f = detect('divergence', set([curve('r', 'loss', v)]));
    expect(f.map((x) => x.severity)).toEqual(['critical']);
  });
  it('warns when the loss gives back most of its gain', () => {
    const v = [...healthyLoss(30), ...Array.from({ length: 10 }, (_, i) => 0.35 + i * 0.15)];
    const f = detect('divergence', set([curve('r', 'loss', v)]));
    expect(f.map((x) => x.severity)).toEqual(['warning']);
  });
  it('is quiet on a loss that levels off, and leaves eval loss to overfitting-onset', () => {
    const rising = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    expect(
      detect(
        'divergence',
        set([curve('r', 'loss', healthyLoss(40)), curve('r', 'eval_loss', rising)]),
      ),
    ).toEqual([]);
  });
});

describe('plateau', () => {
  it('fires on a flat loss with enough points', () => {
    const v = healthyLoss(30).map((x) => 3 + 0.05 * x);
    const f = detect('plateau', set([curve('r', 'loss', v)]));
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('plateau:r:loss');
  });
  it('needs enough points and real flatness', () => {
    expect(detect('plateau', set([curve('r', 'loss', [3, 3, 3, 3, 3])]))).toEqual([]);
    expect(detect('plateau', set([curve('r', 'loss', healthyLoss(30))]))).toEqual([]);
  });
});

describe('overfitting-onset', () => {
  const trainSteps = Array.from({ length: 50 }, (_, i) => (i + 1) * 10);
  const evalSteps = [100, 200, 300, 400, 500];
  it('fires when eval loss rises 3+ times while train loss falls', () => {
    const f = detect(
      'overfitting-onset',
      set([
        curve('r', 'loss', healthyLoss(50), trainSteps),
        curve('r', 'eval_loss', [0.5, 0.45, 0.5, 0.55, 0.6], evalSteps),
      ]),
    );
    expect(f).toHaveLength(1);
    expect(f[0].evidence[0].value).toBe('3');
  });
  it('is quiet with only 2 rises, or when train loss rises too', () => {
    expect(
      detect(
        'overfitting-onset',
        set([
          curve('r', 'loss', healthyLoss(50), trainSteps),
          curve('r', 'eval_loss', [0.5, 0.45, 0.4, 0.45, 0.5], evalSteps),
        ]),
      ),
    ).toEqual([]);
    expect(
      detect(
        'overfitting-onset',
        set([
          curve(
            'r',
            'loss',
            trainSteps.map((s) => 1 + s / 100),
            trainSteps,
          ),
          curve('r', 'val_loss', [0.5, 0.6, 0.7, 0.8, 0.9], evalSteps),
        ]),
      ),
    ).toEqual([]);
  });
});

describe('grad-norm-explosion', () => {
  it('fires at ≥ 5× the running median', () => {
    const g = Array.from({ length: 20 }, (_, i) => 0.4 + 0.01 * (i % 3));
    g[10] = 3;
    const f = detect('grad-norm-explosion', set([curve('r', 'grad_norm', g)]));
    expect(f).toHaveLength(1);
    expect(f[0].evidence[0].value).toBe('110');
  });
  it('ignores a large first value and 3× bumps', () => {
    const g = [30, 12, 10, 5, 4, 3, 3, 2.5, 2.4, 7, 2.2];
    expect(detect('grad-norm-explosion', set([curve('r', 'grad_norm', g)]))).toEqual([]);
  });
});

describe('stopped-early', () => {
  it('fires below the planned budget, allowing one logging interval', () => {
    const short = set([curve('r', 'loss', healthyLoss(10))], [run('r', { plannedSteps: 500 })]);
    expect(detect('stopped-early', short).map((f) => f.id)).toEqual(['stopped-early:r:*']);
    const done = set([curve('r', 'loss', healthyLoss(10))], [run('r', { plannedSteps: 105 })]);
    expect(detect('stopped-early', done)).toEqual([]);
  });
  it('fires when far shorter than its siblings', () => {
    const s = set([
      curve('a', 'loss', healthyLoss(50)),
      curve('b', 'loss', healthyLoss(50)),
      curve('c', 'loss', healthyLoss(48)),
      curve('d', 'loss', healthyLoss(10)),
    ]);
    expect(detect('stopped-early', s).map((f) => f.runIds[0])).toEqual(['d']);
  });
});

describe('step-restart', () => {
  it('counts backward steps', () => {
    const f = detect(
      'step-restart',
      set([curve('r', 'loss', [5, 4, 3, 4.5, 3, 2], [10, 20, 30, 15, 25, 35])]),
    );
    expect(f).toHaveLength(1);
    expect(f[0].evidence[1].value).toBe('30 → 15');
  });
  it('is quiet on increasing (or repeated) steps', () => {
    expect(detect('step-restart', set([curve('r', 'loss', [3, 2, 1], [1, 1, 2])]))).toEqual([]);
  });
});

describe('too-few-points', () => {
  it('reports a run whose curves are all short, or with no per-step data', () => {
    const f = detect(
      'too-few-points',
      set(
        [curve('a', 'loss', [2, 1]), curve('a', 'epoch', [1, 2])],
        [run('a'), run('b', { notes: ['no per-step data: log_history holds only the summary.'] })],
      ),
    );
    expect(f.map((x) => [x.id, x.severity])).toEqual([
      ['too-few-points:a:*', 'info'],
      ['too-few-points:b:*', 'info'],
    ]);
  });
  it('reports a short eval loss beside a long train loss', () => {
    const f = detect(
      'too-few-points',
      set([curve('a', 'loss', healthyLoss(30)), curve('a', 'eval_loss', [1, 0.9])]),
    );
    expect(f.map((x) => x.id)).toEqual(['too-few-points:a:eval_loss']);
  });
});

describe('analyzeCurves', () => {
  it('accepts partial settings', () => {
    const v = healthyLoss(30).map((x) => 3 + 0.2 * x);
    const s = set([curve('r', 'loss', v)]);
    expect(analyzeCurves(s).some((f) => f.detector === 'plateau')).toBe(true);
    expect(analyzeCurves(s, { plateauMinImprovement: 0.01 })).toEqual([]);
  });
});

describe('still-improving', () => {
  const steps = Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
  it('fires when the training loss still falls steeply at the end', () => {
    const falling = steps.map((s) => 3 - s / 1000);
    const [f] = detect('still-improving', set([curve('a', 'loss', falling, steps)]));
    expect(f.id).toBe('still-improving:a:loss');
    expect(f.severity).toBe('info');
    expect(f.curve).toEqual({ metric: 'loss', steps: [1600, 2000] });
  });
  it('stays quiet once the loss has levelled off', () => {
    const levelled = steps.map((s) => 0.5 + 2 * Math.exp(-s / 300));
    expect(detect('still-improving', set([curve('a', 'loss', levelled, steps)]))).toEqual([]);
  });
  it('needs the held-out loss to fall too when there is one', () => {
    const falling = steps.map((s) => 3 - s / 1000);
    const evalSteps = steps.filter((_, i) => i % 4 === 3);
    const flatEval = evalSteps.map(() => 1.5);
    const s = set([
      curve('a', 'loss', falling, steps),
      curve('a', 'eval_loss', flatEval, evalSteps),
    ]);
    expect(detect('still-improving', s)).toEqual([]);
  });
});

describe('overfitting-onset: growing gap', () => {
  const steps = Array.from({ length: 12 }, (_, i) => (i + 1) * 100);
  const train = steps.map((_, i) => 3 - 0.2 * i);
  it('reports a positive gap that widens at every evaluation as info', () => {
    const held = steps.map((_, i) => 3.1 - 0.15 * i);
    const s = set([curve('a', 'train_loss', train, steps), curve('a', 'val_loss', held, steps)]);
    const [f] = detect('overfitting-onset', s);
    expect(f.severity).toBe('info');
    expect(f.evidence[0].value).toBe('11');
    expect(f.curve?.steps).toEqual([100, 1200]);
  });
  it('ignores a gap that only closes in from below (epoch-mean artefact) or stays small', () => {
    const closing = steps.map((_, i) => train[i] - 0.5 + 0.04 * i);
    const small = steps.map((_, i) => train[i] + 0.001 * i);
    for (const held of [closing, small]) {
      const s = set([curve('a', 'train_loss', train, steps), curve('a', 'val_loss', held, steps)]);
      expect(detect('overfitting-onset', s)).toEqual([]);
    }
  });
});

describe('curve marks', () => {
  it('run-level findings are marked on the main training loss at the last step', () => {
    const steps = [10, 20, 30, 40, 50];
    const s = set(
      [
        curve('a', 'eval_loss', [1, 0.9, 0.8, 0.7, 0.6], steps),
        curve('a', 'train/loss', [2, 1.5, 1.2, 1.1, 1.05], steps),
      ],
      [run('a', { plannedSteps: 1000 })],
    );
    const [f] = detect('stopped-early', s);
    expect(f.curve).toEqual({ metric: 'train/loss', steps: [50] });
  });
  it('a log without evaluation gets an info finding', () => {
    const s = set(
      [curve('a', 'loss', healthyLoss(20))],
      [run('a', { notes: ['no evaluation in log_history: overfitting cannot be judged.'] })],
    );
    expect(detect('too-few-points', s).map((f) => [f.id, f.severity])).toEqual([
      ['too-few-points:a:no-eval', 'info'],
    ]);
  });
});
