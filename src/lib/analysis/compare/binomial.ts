/**
 * Binomial and multinomial draws in O(1) expected time per draw, whatever n: the paired bootstrap
 * of 0/1 scores only needs how many of each paired difference (−1, 0, 1) a resample holds, so it
 * draws those counts instead of n indices.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const TABLE_SIZE = 256;
/** ln k! for small k, summed exactly; Stirling's series beyond (error far below 1e-12 there). */
const LOG_FACTORIALS = (() => {
  const t = new Float64Array(TABLE_SIZE);
  for (let k = 1; k < TABLE_SIZE; k++) t[k] = t[k - 1] + Math.log(k);
  return t;
})();

export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) return LOG_FACTORIALS[k];
  const x = k + 1;
  const x2 = x * x;
  return (
    (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x
  );
}

/**
 * One Binomial(n, p) draw. Small means (n·p < 10) by inversion, whose expected cost is n·p steps;
 * larger ones by Hörmann's transformed rejection with squeeze (BTRS, 1993), about 1.2 uniform
 * pairs per draw.
 */
export function binomial(n: number, p: number, random: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, random);
  return n * p < 10 ? inversion(n, p, random) : btrs(n, p, random);
}

function inversion(n: number, p: number, random: () => number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = Math.pow(q, n);
  let u = random();
  let x = 0;
  while (u > r && x < n) {
    u -= r;
    x++;
    r *= a / x - s;
  }
  return x;
}

function btrs(n: number, p: number, random: () => number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = random() - 0.5;
    let v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

/**
 * Counts of n draws with replacement from categories of the given sizes (summing to n): one
 * conditional binomial per category, so the cost does not grow with n.
 */
export function multinomialCounts(
  n: number,
  sizes: ArrayLike<number>,
  random: () => number,
  out: Int32Array,
): Int32Array {
  let left = n;
  let weightLeft = 0;
  for (let j = 0; j < sizes.length; j++) weightLeft += sizes[j];
  for (let j = 0; j < sizes.length - 1; j++) {
    const k = left > 0 ? binomial(left, Math.min(1, sizes[j] / weightLeft), random) : 0;
    out[j] = k;
    left -= k;
    weightLeft -= sizes[j];
  }
  out[sizes.length - 1] = left;
  return out;
}
