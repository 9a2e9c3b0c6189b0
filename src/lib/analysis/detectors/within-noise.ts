/**
 * Two evaluations whose difference is inside their noise: a fine-tuned model "better" than its
 * base by less than the 95% interval of the difference (|diff| < z·√(se₁² + se₂²) from stated
 * standard errors, or the binomial se of two accuracies on n examples). Pairs: each base model
 * with its fine-tuned variant; without one, in a small table of evaluations (a few models or
 * checkpoints), the best run with the runner-up of each held-out metric.
 */
import { formatNumber as fmt, type Evidence, type Finding } from '../../model';
import { countAt, isProportion, isStderrName, proportionScale, stderrAt } from '../compare/noise';
import { finiteAt, metricColumns, type Detector, type DetectorContext } from '../context';
import { runLabel } from '../known-params';

interface Noise {
  half: number;
  /** How the half-width was computed, for the evidence. */
  how: string;
  /** Examples per model needed to resolve this difference (accuracies only). */
  needed: number | null;
  /** 100 when the metric is an accuracy (differences in points), else 1. */
  points: number;
}

interface Hit {
  metric: string;
  diff: number;
  noise: Noise;
}

export const withinNoise: Detector = {
  id: 'within-noise',
  label: 'Difference within noise',
  description:
    'A base-vs-fine-tuned (or best-vs-runner-up) difference smaller than the 95% interval of the difference, from stated stderr or the binomial error of an accuracy on n examples.',
  run(ctx) {
    const pairs = pairsOf(ctx);
    const findings: Finding[] = [];
    for (const pair of pairs) {
      const hits = pair.metrics
        .map((m) => hit(ctx, m, pair.a, pair.b))
        .filter((h): h is Hit => h !== null);
      if (hits.length > 0) findings.push(findingFor(ctx, pair, hits));
    }
    return findings;
  },
};

interface Pair {
  /** The run claimed better (fine-tuned, or the best), and the one it is compared with. */
  a: number;
  b: number;
  base: boolean;
  metrics: string[];
}

function heldOut(ctx: DetectorContext): string[] {
  return metricColumns(ctx)
    .filter(({ column, role }) => role.split !== 'train' && !isStderrName(column.name))
    .map(({ column }) => column.name);
}

function pairsOf(ctx: DetectorContext): Pair[] {
  const metrics = heldOut(ctx);
  if (metrics.length === 0 || ctx.table.rowCount < 2) return [];
  const rowOf = new Map(ctx.runIds.map((id, row) => [id, row] as const));
  const pairs: Pair[] = [];
  ctx.runIds.forEach((id, row) => {
    if (id !== 'base' && !id.endsWith('/base')) return;
    const partner = rowOf.get(id === 'base' ? 'fine-tuned' : id.slice(0, -'/base'.length));
    if (partner !== undefined) pairs.push({ a: partner, b: row, base: true, metrics });
  });
  if (pairs.length > 0 || ctx.table.rowCount > ctx.settings.withinNoise.maxRuns) return pairs;
  // No base model: is the top of each metric's ranking real? Best vs runner-up, grouped by pair.
  const byPair = new Map<string, Pair>();
  for (const { column, role } of metricColumns(ctx)) {
    if (!metrics.includes(column.name)) continue;
    const rows = ctx.runIds
      .map((_, row) => ({ row, v: finiteAt(column, row) }))
      .filter((x): x is { row: number; v: number } => x.v !== null)
      .sort((x, y) => (role.direction === 'max' ? y.v - x.v : x.v - y.v));
    // A tie claims no winner; one key per pair of runs, whichever leads on which metric.
    if (rows.length < 2 || rows[0].v === rows[1].v) continue;
    const key = [rows[0].row, rows[1].row].sort((x, y) => x - y).join(':');
    const pair = byPair.get(key) ?? { a: rows[0].row, b: rows[1].row, base: false, metrics: [] };
    pair.metrics.push(column.name);
    byPair.set(key, pair);
  }
  return [...byPair.values()];
}

function hit(ctx: DetectorContext, metric: string, a: number, b: number): Hit | null {
  const column = ctx.columns.get(metric);
  const role = ctx.roles.find((r) => r.column === metric)?.role;
  if (column?.kind !== 'number' || role?.kind !== 'metric') return null;
  const va = finiteAt(column, a);
  const vb = finiteAt(column, b);
  if (va === null || vb === null) return null;
  const noise = noiseOf(ctx, metric, isProportion(metric, role), a, va, b, vb);
  if (noise === null) return null;
  const diff = va - vb;
  return Math.abs(diff) < noise.half ? { metric, diff, noise } : null;
}

function noiseOf(
  ctx: DetectorContext,
  metric: string,
  proportion: boolean,
  a: number,
  va: number,
  b: number,
  vb: number,
): Noise | null {
  const z = ctx.settings.withinNoise.zCritical;
  const points = proportion && va <= 100 && vb <= 100 && va >= 0 && vb >= 0 ? 100 : 1;
  const seA = stderrAt(ctx, metric, a);
  const seB = stderrAt(ctx, metric, b);
  if (seA !== null && seB !== null)
    return {
      half: z * Math.sqrt(seA * seA + seB * seB),
      how: `${fmt(z)}·√(se₁² + se₂²), se ${fmt(seA)} and ${fmt(seB)}`,
      needed: null,
      points,
    };
  if (points !== 100) return null;
  const nA = countAt(ctx, metric, a);
  const nB = countAt(ctx, metric, b);
  if (nA === null && nB === null) return null;
  const na = nA ?? (nB as number);
  const nb = nB ?? na;
  const scale = proportionScale(va, vb);
  const [pa, pb] = [va / scale, vb / scale];
  const variance = pa * (1 - pa) + pb * (1 - pb);
  const diff = Math.abs(pa - pb);
  return {
    half: z * Math.sqrt((pa * (1 - pa)) / na + (pb * (1 - pb)) / nb) * scale,
    how: `${fmt(z)}·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂) on ${count(na)} and ${count(nb)} examples${nA === null || nB === null ? ' (one count stated, assumed for both)' : ''}`,
    needed: diff > 0 ? Math.ceil((z * z * variance) / (diff * diff)) : null,
    points: 100 / scale,
  };
}

/** "1.2 points" (or "1.2-point" before a noun) for accuracies, "0.012" otherwise. */
function amount(x: number, noise: Noise, adjective = false): string {
  const v = Number((Math.abs(x) * noise.points).toPrecision(2));
  if (noise.points !== 100) return fmt(v);
  return adjective ? `${fmt(v)}-point` : `${fmt(v)} point${v === 1 ? '' : 's'}`;
}

function findingFor(ctx: DetectorContext, pair: Pair, hits: Hit[]): Finding {
  const [a, b] = [ctx.runIds[pair.a], ctx.runIds[pair.b]];
  const first = hits[0];
  const n = first.noise.how.match(/on ([\d,.]+) and/)?.[1];
  const word = first.diff === 0 ? 'tie' : pair.base === first.diff > 0 ? 'gain' : 'difference';
  const more =
    hits.length > 1 ? ` (and ${hits.length - 1} more metric${hits.length > 2 ? 's' : ''})` : '';
  const evidence: Evidence[] = hits.map((h) => ({
    label: `${h.metric}: ${a} − ${b}`,
    value: `${h.diff >= 0 ? '+' : '−'}${amount(h.diff, h.noise)}`,
    threshold: `|difference| < ±${amount(h.noise.half, h.noise)} = ${h.noise.how}`,
    column: h.metric,
  }));
  const needed = hits.map((h) => h.noise.needed).find((x) => x !== null);
  if (needed)
    evidence.push({ label: 'examples per model to resolve this difference', value: count(needed) });
  const vs = pair.base
    ? `${runLabel(a)} vs ${b === 'base' ? 'the base model' : `base model ${b}`}`
    : `${runLabel(a)} (best) vs ${b} (runner-up)`;
  return {
    id: `within-noise:${a}|${b}`,
    detector: 'within-noise',
    severity: pair.base ? 'warning' : 'info',
    title: `${vs}: a ${amount(first.diff, first.noise, true)} ${word} on ${first.metric}${n ? ` (${n} examples)` : ''} is within noise, the 95% interval of the difference is ±${amount(first.noise.half, first.noise)}${more}`,
    runIds: [a, b],
    rows: [pair.a, pair.b],
    evidence,
    explanation: pair.base
      ? 'The fine-tuned and base evaluations differ by less than the noise of the two measurements: re-evaluating either model on another sample of the same size would move its score by about as much, so the report cannot claim the fine-tuning helped (or hurt) on this metric.'
      : 'The best run leads the runner-up by less than the noise of the two evaluations, so the ranking between them is a coin toss: another evaluation sample of the same size could reverse it.',
    recommendation: `Evaluate both on more examples${needed ? ` (about ${count(needed)} each to resolve a difference this size)` : ' (the full test set)'}, compare them on the same examples with a paired test (the Compare cell runs a paired bootstrap when per-sample results are logged), and report the difference with its 95% interval rather than as a gain.`,
  };
}

const count = (n: number) => n.toLocaleString('en-US');
