/** Chi-square tail probabilities, for comparing one sample variance with a known noise level. */
import { gammaUpper } from '../stats/special';

/** P(χ²_k ≥ x). */
export function chiSquareUpper(x: number, k: number): number {
  return gammaUpper(k / 2, x / 2);
}

/** Median of χ²_k / k (Wilson–Hilferty), the factor by which a median sample variance
 *  underestimates the true variance. */
export function chiSquareMedianOverK(k: number): number {
  const c = 2 / (9 * k);
  return (1 - c) ** 3;
}
