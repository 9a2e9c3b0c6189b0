/**
 * A number at the start of a byte range, read while scanning: the long-format loop (byte-long.ts)
 * does not know where a field ends until the number does. Same grammar and the same rounding as
 * parseNumberBytes in cells.ts (Clinger's fast path up to 15 significant digits, Number() beyond),
 * so results are bit-identical to Number(); whatever it does not accept goes to that general path.
 */

import { eiselLemire } from './eisel-lemire';

/** The value of the last scanNumber(); a typed slot holds a double without boxing it. */
export const NUMBER = new Float64Array(1);

export const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Reads `[+-]digits[.digits][(e|E)[+-]digits]` (at least one mantissa digit, no leading-zero id
 * such as 08123) from b[from…]; returns the index of the first byte after it, or -1. The caller
 * checks that byte ends the field. The bytes must end in a non-number byte (an LF): no bounds test.
 */
export function scanNumber(b: Uint8Array, from: number): number {
  let i = from;
  let c = b[i];
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    c = b[++i];
  }
  if (c === 48) {
    const next = b[i + 1];
    if (next >= 48 && next <= 57) return -1;
  }
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  while (c >= 48 && c <= 57) {
    if (mantissa !== 0 || c !== 48) significant++;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = b[++i];
  }
  let fraction = 0;
  if (c === 46) {
    c = b[++i];
    while (c >= 48 && c <= 57) {
      if (mantissa !== 0 || c !== 48) significant++;
      mantissa = mantissa * 10 + (c - 48);
      fraction++;
      c = b[++i];
    }
    digits += fraction;
  }
  if (digits === 0) return -1;
  let exponent = 0;
  if (c === 101 || c === 69) {
    c = b[++i];
    let expNegative = false;
    if (c === 45 || c === 43) {
      expNegative = c === 45;
      c = b[++i];
    }
    if (c < 48 || c > 57) return -1;
    while (c >= 48 && c <= 57) {
      exponent = exponent * 10 + (c - 48);
      c = b[++i];
    }
    if (expNegative) exponent = -exponent;
  }
  const scale = exponent - fraction;
  if (significant <= 15 && scale >= -22 && scale <= 22) {
    const magnitude = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
    NUMBER[0] = negative ? -magnitude : magnitude;
  } else NUMBER[0] = longNumber(b, from, i, scale, negative);
  return i;
}

/**
 * b[from, end) with more than 15 significant digits or a large exponent (`scale`: the power of
 * ten of the last digit): Eisel-Lemire on the exact 64-bit mantissa when there are at most 19
 * significant digits, Number() otherwise (and for subnormal or infinite results).
 */
export function longNumber(
  b: Uint8Array,
  from: number,
  end: number,
  scale: number,
  negative: boolean,
): number {
  // The first 15 significant digits in x, the rest (at most 4) in y: both exact in doubles, and
  // the 64-bit mantissa x × 10^k + y is then assembled as hi × 2^32 + lo with two divisions.
  let x = 0;
  let y = 0;
  let k = 0;
  let significant = 0;
  for (let i = from; i < end; i++) {
    const c = b[i];
    if (c === 101 || c === 69) break;
    if (c < 48 || c > 57 || (significant === 0 && c === 48)) continue;
    if (++significant <= 15) x = x * 10 + (c - 48);
    else if (significant > 19) return exactNumber(b, from, end);
    else {
      y = y * 10 + (c - 48);
      k++;
    }
  }
  const scaleK = POW10[k];
  const xh = Math.floor(x / 4294967296);
  const low = (x - xh * 4294967296) * scaleK + y;
  const carry = Math.floor(low / 4294967296);
  const lo = low - carry * 4294967296;
  const hi = xh * scaleK + carry;
  if (significant === 0) return negative ? -0 : 0;
  const value = eiselLemire(hi, lo, scale);
  if (value !== value) return exactNumber(b, from, end);
  return negative ? -value : value;
}

/** Number() of the ASCII bytes b[from, end): correctly rounded for any length. */
function exactNumber(b: Uint8Array, from: number, end: number): number {
  let text = '';
  for (let k = from; k < end; k++) text += String.fromCharCode(b[k]);
  return Number(text);
}
