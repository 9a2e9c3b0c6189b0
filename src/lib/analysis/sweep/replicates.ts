/**
 * The scored trials grouped by configuration (seeds ignored): per-config means, and the
 * seed-to-seed spread pooled over configs that were run more than once.
 */
import type { DetectorContext } from '../context';
import { scoreAt, sweepFacts } from './facts';
import { mean, sampleSd } from './rank-stats';

export interface ConfigStats {
  rows: number[];
  values: number[];
  mean: number;
  /** Sample SD of the replicates; NaN for a single run. */
  sd: number;
}

export interface Replicates {
  configs: ConfigStats[];
  /** Configs run at least twice. */
  repeated: ConfigStats[];
  /** Pooled within-config SD: √(Σ (nᵢ − 1) sᵢ² / Σ (nᵢ − 1)); NaN without repeats. */
  pooledSd: number;
  /** Degrees of freedom of the pooled SD: Σ (nᵢ − 1). */
  dof: number;
}

const cache = new WeakMap<DetectorContext, Replicates | null>();

export function replicates(ctx: DetectorContext): Replicates | null {
  if (cache.has(ctx)) return cache.get(ctx) ?? null;
  const { primary, scored, configKeys } = sweepFacts(ctx);
  let result: Replicates | null = null;
  if (primary) {
    // Rows per configuration id, configs in order of their first row.
    let ids = 0;
    for (const row of scored) ids = Math.max(ids, configKeys[row] + 1);
    const slot = new Int32Array(ids).fill(-1);
    const groups: number[][] = [];
    for (const row of scored) {
      const id = configKeys[row];
      if (slot[id] < 0) slot[id] = groups.push([row]) - 1;
      else groups[slot[id]].push(row);
    }
    const configs = groups.map((rows): ConfigStats => {
      const values = rows.map((r) => scoreAt(primary, r));
      return { rows, values, mean: mean(values), sd: sampleSd(values) };
    });
    const repeated = configs.filter((c) => c.rows.length >= 2);
    let ss = 0;
    let dof = 0;
    for (const c of repeated) {
      ss += (c.rows.length - 1) * c.sd * c.sd;
      dof += c.rows.length - 1;
    }
    result = { configs, repeated, pooledSd: dof > 0 ? Math.sqrt(ss / dof) : NaN, dof };
  }
  cache.set(ctx, result);
  return result;
}
