/**
 * Benjamini–Hochberg adjusted p-values (q-values), as R's `p.adjust(p, "BH")`: for the i-th
 * smallest of m p-values, q = min over j ≥ i of (m · p_(j) / j), capped at 1. Rejecting every
 * test with q ≤ α controls the false discovery rate at α for independent or positively dependent
 * tests. NaN p-values are left out of m and get a NaN q-value.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, i) => i)
    .filter((i) => !Number.isNaN(pValues[i]))
    .sort((i, j) => pValues[i] - pValues[j] || i - j);
  const m = order.length;
  const q = pValues.map(() => NaN);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    running = Math.min(running, (m * pValues[i]) / rank);
    q[i] = running;
  }
  return q;
}
