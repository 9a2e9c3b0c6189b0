/** Chi-square tail probabilities, for comparing one sample variance with a known noise level. */
import { logGamma } from './rank-stats';

/** Regularized upper incomplete gamma Q(a, x) (Numerical Recipes' gammq). */
export function gammaUpper(a: number, x: number): number {
  if (!(x > 0)) return 1;
  if (!(a > 0)) return 0;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series for P(a, x).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lead));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(lead) * h);
}

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
