/**
 * Reading numbers as a person wrote them: "0.42", "2e-4", "1,234", "42%", and the rounding the
 * writer implied by the digits they wrote ("0.42" stands for anything in [0.415, 0.425]).
 */

/** A whole token that is one number: plain, decimal, thousands-separated or scientific. */
const NUMBER_TOKEN = /^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)$/;

export interface WrittenNumber {
  /** The absolute value (signs are compared loosely: "a correlation of −0.6" / "of 0.6"). */
  value: number;
  /** Half a unit of the last digit written: the rounding the writer implied. */
  tolerance: number;
  percent: boolean;
}

export function isNumberToken(token: string): boolean {
  return NUMBER_TOKEN.test(token);
}

export function parseWritten(token: string, percent = false): WrittenNumber | null {
  if (!NUMBER_TOKEN.test(token)) return null;
  const plain = token.replace(/,/g, '');
  const value = Number(plain);
  if (!Number.isFinite(value)) return null;
  const [mantissa, exponentText] = plain.split(/[eE]/);
  const dot = mantissa.indexOf('.');
  const decimals = dot < 0 ? 0 : mantissa.length - dot - 1;
  const exponent = exponentText ? Number(exponentText) : 0;
  const tolerance = 0.5 * 10 ** (exponent - decimals);
  return { value: Math.abs(value), tolerance, percent };
}

/**
 * A sorted list of known values with an interval query. Values are stored as absolute values,
 * with their derived forms (ratio ↔ percentage) added by the collector.
 */
export class NumberSet {
  readonly #values: number[];

  constructor(values: Iterable<number>) {
    const list: number[] = [];
    for (const v of values) if (Number.isFinite(v)) list.push(Math.abs(v));
    list.sort((a, b) => a - b);
    this.#values = list.filter((v, i) => i === 0 || v !== list[i - 1]);
  }

  get size(): number {
    return this.#values.length;
  }

  /** Whether some known value rounds to what was written. */
  matches(written: WrittenNumber): boolean {
    // Relative slack for binary floating point (0.1 + 0.2) on top of the written rounding.
    const slack = written.tolerance * (1 + 1e-9) + Math.abs(written.value) * 1e-12;
    const lo = written.value - slack;
    const hi = written.value + slack;
    let a = 0;
    let b = this.#values.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (this.#values[mid] < lo) a = mid + 1;
      else b = mid;
    }
    return a < this.#values.length && this.#values[a] <= hi;
  }
}
