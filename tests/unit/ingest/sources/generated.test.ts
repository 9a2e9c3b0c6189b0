import { describe, expect, it } from 'vitest';
import { inferRoles } from '../../../../src/lib/analysis';
import { analyzeCurves } from '../../../../src/lib/analysis/curves';
import { IngestCancelled, readSources } from '../../../../src/lib/ingest';
import { generateCurveSweep } from '../../../../src/lib/fixtures';
import { input, inputs, noHooks, recordingHooks } from './helpers';

describe('generateCurveSweep', () => {
  it('is deterministic and shaped like a LoRA sweep folder', () => {
    const a = generateCurveSweep(7);
    const b = generateCurveSweep(7);
    expect(a.files.map((f) => f.path)).toEqual(b.files.map((f) => f.path));
    expect(a.files.every((f, i) => f.bytes.every((x, k) => x === b.files[i].bytes[k]))).toBe(true);
    const events = a.files.filter((f) =>
      /\/logs\/events\.out\.tfevents\.\d+\.gpu-node-1$/.test(f.path),
    );
    expect(events.length).toBeGreaterThanOrEqual(12);
    expect(events.length).toBeLessThanOrEqual(16);
    expect(a.files.some((f) => f.path.endsWith('/hparams.yaml'))).toBe(true);
    expect(a.files[0].path).toMatch(/^lora-sweep\/run_1_lr-[\de.-]+_rank-\d+\/logs\//);
    expect(Object.values(a.planted).flat().sort()).toEqual([
      'curve-nan',
      'divergence',
      'loss-spike',
      'stopped-early',
    ]);
  });

  for (const seed of [1, 2, 3]) {
    it(`reads back with detectors firing on the planted runs only (seed ${seed})`, async () => {
      const sweep = generateCurveSweep(seed, { runs: seed === 3 ? 16 : 12 });
      const ds = await readSources(inputs(sweep.files), noHooks);
      expect(ds.source.format).toBe('curve-logs');
      expect(ds.source.issues).toEqual([]);
      const runs = ds.curves!.runs;
      expect(runs.length).toBe(seed === 3 ? 16 : 12);
      const findings = analyzeCurves(ds.curves!);
      for (const run of runs) {
        const fired = new Set(
          findings.filter((f) => f.runIds.includes(run.runId)).map((f) => f.detector),
        );
        const planted = sweep.planted[run.runId];
        if (planted) for (const detector of planted) expect(fired, run.runId).toContain(detector);
        else expect([...fired], `healthy ${run.runId}`).toEqual([]);
      }
      const roles = Object.fromEntries(
        inferRoles(ds.table, {}).map((r) => [r.column, r.role.kind]),
      );
      expect(roles).toMatchObject({
        run: 'id',
        lr: 'param',
        hp_rank: 'param',
        'train/loss': 'metric',
        'eval/loss': 'metric',
        max_step: 'budget',
      });
    });
  }
});

describe('damaged files, progress and cancel', () => {
  it('counts a corrupt and a truncated event file in a folder without failing the load', async () => {
    const sweep = generateCurveSweep(4);
    const files = sweep.files.map((f) => ({ ...f }));
    const [first, second] = files.filter((f) => f.path.includes('events.out'));
    // Flip a byte in the middle of one file, cut the other short.
    first.bytes = first.bytes.slice();
    first.bytes[Math.floor(first.bytes.length / 2)] ^= 0xff;
    second.bytes = second.bytes.slice(0, second.bytes.length - 7);
    const ds = await readSources(inputs(files), noHooks);
    const info = (path: string) => ds.source.files!.find((f) => f.path === path)!;
    expect(info(first.path).detail).toMatch(/[1-9]\d* corrupt records?/);
    expect(info(first.path).issues).toBeGreaterThan(0);
    expect(info(second.path).detail).toMatch(/truncated at the end/);
    expect(ds.source.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(
      ds.source.issues.some((i) => i.file === second.path && i.code === 'truncated-file'),
    ).toBe(true);
    expect(ds.curves!.runs.length).toBe(14);
  });

  it('reports progress over the total bytes of all files', async () => {
    const sweep = generateCurveSweep(5);
    const total = sweep.files.reduce((n, f) => n + f.bytes.length, 0);
    const { events, hooks } = recordingHooks();
    const ds = await readSources(
      sweep.files.map((f) => input(f.path, f.bytes, 4096)),
      hooks,
    );
    expect(ds.source.bytes).toBe(total);
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((e) => e.totalBytes === total)).toBe(true);
    const read = events.map((e) => e.bytesRead);
    expect(read).toEqual([...read].sort((a, b) => a - b));
    expect(read.at(-1)).toBe(total);
  });

  it('stops with IngestCancelled when cancelled between chunks', async () => {
    const sweep = generateCurveSweep(6);
    const { hooks } = recordingHooks(20);
    await expect(
      readSources(
        sweep.files.map((f) => input(f.path, f.bytes, 1024)),
        hooks,
      ),
    ).rejects.toBeInstanceOf(IngestCancelled);
  });
});
