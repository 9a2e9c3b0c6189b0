/**
 * How surprising it is that two trials share their values on several metrics at once. Per
 * metric, the chance that two trials drawn at random share a value is estimated from the
 * column itself (the sum over its distinct values of (count / n)²): a k/n accuracy of a small
 * eval set or a metric logged at two digits ties often, a loss at six digits rarely. Metrics
 * are combined by multiplying their chances, and the product is compared with a level corrected
 * for the number of pairs that could have tied.
 */

/** Chance that two values drawn at random (with replacement) from `keys` are equal. */
export function tieChance(keys: readonly string[]): number {
  if (keys.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let sum = 0;
  for (const c of counts.values()) sum += (c / keys.length) ** 2;
  return sum;
}

/** Number of unordered pairs among n trials. */
export function pairCount(n: number): number {
  return n < 2 ? 0 : (n * (n - 1)) / 2;
}

/**
 * Whether a tie on every one of the given metrics (their per-metric tie chances) is too unlikely
 * to be a coincidence among `n` trials: the joint chance is at most `alpha` / pairs.
 */
export function isImprobableTie(chances: readonly number[], n: number, alpha = 0.01): boolean {
  const pairs = pairCount(n);
  if (pairs === 0) return false;
  let joint = 1;
  for (const p of chances) joint *= p;
  return joint <= alpha / pairs;
}
