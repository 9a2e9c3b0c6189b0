/**
 * Curves of every file → one CurveSet: one CurveRun per run id (params from folder names, then
 * from the readers, then from config files: config wins), one Curve per (run, metric) with the
 * pieces of several files concatenated in step order. Equal tags of different split folders
 * (Keras `train/` and `validation/`) are kept apart by prefixing the split.
 */
import type { Curve, CurveRun, CurveSet } from '../../model';
import type { Params } from '../runs';
import { mergeParams, type RunLocator } from './run-locator';
import type { FileRead } from './types';

interface Piece {
  runId: string;
  metric: string;
  split: string | null;
  curve: Curve;
  /** Input order, the tie-break after the first step. */
  order: number;
}

/** Natural order: run_2 before run_10. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function assembleCurves(reads: readonly FileRead[], locator: RunLocator): CurveSet {
  const runs = new Map<string, CurveRun>();
  const pieces: Piece[] = [];
  const configs = new Map<string, Params[]>();
  reads.forEach((read, order) => {
    if (read.config) {
      const list = configs.get(read.config.runId) ?? [];
      list.push(read.config.params);
      configs.set(read.config.runId, list);
    }
    if (!read.curves) return;
    for (const r of read.curves.runs) mergeRun(runs, r, locator);
    for (const curve of read.curves.curves) {
      if (!runs.has(curve.runId)) mergeRun(runs, emptyRun(curve.runId, read.file.path), locator);
      pieces.push({ runId: curve.runId, metric: curve.metric, split: read.split, curve, order });
    }
  });
  for (const [runId, run] of runs) applyParams(run, locator.nameParams(runId), configs.get(runId));
  const ordered = [...runs.values()].sort((a, b) => collator.compare(a.runId, b.runId));
  const runIndex = new Map(ordered.map((r, i) => [r.runId, i]));
  prefixSplits(pieces);
  const groups = new Map<string, Piece[]>();
  for (const p of pieces) {
    const key = `${p.runId}\u0000${p.metric}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const curves = [...groups.values()].map(mergePieces);
  // Stable: metrics keep their first-seen order within a run.
  curves.sort((a, b) => (runIndex.get(a.runId) ?? 0) - (runIndex.get(b.runId) ?? 0));
  return { runs: ordered, curves };
}

function emptyRun(runId: string, source: string): CurveRun {
  return { runId, source, params: {}, plannedSteps: null, plannedEpochs: null, notes: [] };
}

function mergeRun(runs: Map<string, CurveRun>, from: CurveRun, locator: RunLocator): void {
  const existing = runs.get(from.runId);
  if (!existing) {
    runs.set(from.runId, {
      ...from,
      source: locator.dirOf(from.runId) ?? from.source,
      params: mergeParams({}, from.params),
      notes: [...from.notes],
    });
    return;
  }
  mergeParams(existing.params, from.params);
  existing.plannedSteps = maxOf(existing.plannedSteps, from.plannedSteps);
  existing.plannedEpochs = maxOf(existing.plannedEpochs, from.plannedEpochs);
  for (const note of from.notes) if (!existing.notes.includes(note)) existing.notes.push(note);
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** Folder names < reader params (trial_params) < config files; conflicts noted on the run. */
function applyParams(run: CurveRun, fromNames: Params, configs: Params[] | undefined): void {
  const params = mergeParams(mergeParams({}, fromNames), run.params);
  for (const config of configs ?? []) {
    for (const key of Object.keys(config)) {
      const before = Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
      if (before !== undefined && before !== config[key])
        run.notes.push(
          `${key}: the folder name says ${String(before)}, the config file says ${String(config[key])}; the config value is used.`,
        );
    }
    mergeParams(params, config);
  }
  run.params = params;
  // A config's budget is the plan when the log itself states none (event files never do).
  run.plannedSteps ??= positive(params.max_steps);
  run.plannedEpochs ??= positive(params.num_train_epochs ?? params.max_epochs);
}

function positive(value: Params[string] | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** `epoch_loss` logged under both train/ and validation/ → `train/epoch_loss`, `validation/…`. */
function prefixSplits(pieces: Piece[]): void {
  const splits = new Map<string, Set<string | null>>();
  for (const p of pieces) {
    const key = `${p.runId}\u0000${p.metric}`;
    const set = splits.get(key) ?? new Set();
    set.add(p.split);
    splits.set(key, set);
  }
  for (const p of pieces) {
    if (p.split === null) continue;
    if ((splits.get(`${p.runId}\u0000${p.metric}`)?.size ?? 0) > 1)
      p.metric = `${p.split}/${p.metric}`;
  }
}

function firstStep(c: Curve): number {
  return c.steps.length > 0 ? c.steps[0] : Infinity;
}

/** Pieces of one (run, metric) in order of their first step; points keep their file order. */
function mergePieces(group: Piece[]): Curve {
  const { runId, metric } = group[0];
  if (group.length === 1) return { ...group[0].curve, runId, metric };
  group.sort((a, b) => firstStep(a.curve) - firstStep(b.curve) || a.order - b.order);
  const n = group.reduce((sum, p) => sum + p.curve.steps.length, 0);
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  const anyWall = group.some((p) => p.curve.wallTimes !== null);
  const wallTimes = anyWall ? new Float64Array(n).fill(NaN) : null;
  let at = 0;
  for (const { curve } of group) {
    steps.set(curve.steps, at);
    values.set(curve.values, at);
    if (wallTimes && curve.wallTimes) wallTimes.set(curve.wallTimes, at);
    at += curve.steps.length;
  }
  return { runId, metric, steps, values, wallTimes };
}
