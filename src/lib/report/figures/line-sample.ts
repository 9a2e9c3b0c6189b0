/**
 * Which trials a parallel-coordinates figure draws when there are too many to draw all. Plotly
 * draws every line into every panel between adjacent axes, three times (context, focus, picking)
 * and reads a pixel back after each block, so the main thread waits for the GPU: 10,000 lines over
 * 17 axes blocked it for 4.8 s in headless Chromium (software WebGL), 2,000 lines did not make a
 * task over 60 ms (docs/PERFORMANCE.md). Past a few thousand lines the picture is a solid band
 * anyway; what must survive is every sick trial and the spread of the metric.
 */

/** Lines drawn at most; more trials are sampled (a brush still selects among all of them). */
export const MAX_LINES = 1000;

export interface LineSample {
  /** Table rows to draw: the healthy sample first, then the sick ones, so they are drawn on top. */
  rows: number[];
  /** How many of `rows` have a finding. */
  sick: number;
}

/**
 * Every sick trial (or, when they alone pass half the budget, an even sample of them across the
 * metric) and an even sample of the healthy ones across the metric, its best and worst included.
 * Deterministic: the same rows give the same sample.
 */
export function sampleLines(
  rows: readonly number[],
  isSick: (row: number) => boolean,
  metricOf: (row: number) => number,
  max = MAX_LINES,
): LineSample {
  const sick = rows.filter(isSick);
  if (rows.length <= max) return { rows: [...rows], sick: sick.length };
  const healthy = rows.filter((row) => !isSick(row));
  const keptSick = evenAcross(sick, metricOf, Math.min(sick.length, Math.floor(max / 2)));
  const keptHealthy = evenAcross(healthy, metricOf, max - keptSick.length);
  return { rows: [...keptHealthy, ...keptSick], sick: keptSick.length };
}

/** `count` rows spread evenly over `rows` ordered by metric (ties by row), in table order. */
function evenAcross(
  rows: readonly number[],
  metricOf: (row: number) => number,
  count: number,
): number[] {
  if (count >= rows.length) return [...rows];
  if (count <= 0) return [];
  const byMetric = [...rows].sort((a, b) => metricOf(a) - metricOf(b) || a - b);
  const picked = new Set<number>();
  const last = byMetric.length - 1;
  for (let i = 0; i < count; i++)
    picked.add(byMetric[count === 1 ? 0 : Math.round((i * last) / (count - 1))]);
  return rows.filter((row) => picked.has(row));
}
