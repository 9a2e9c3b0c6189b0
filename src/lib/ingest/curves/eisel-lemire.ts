/**
 * Decimal → double for 16 to 19 significant digits (Python's repr and JavaScript's String() write
 * up to 17), correctly rounded, without building a string for Number(): the Eisel-Lemire
 * algorithm as in fast_float (Lemire, "Number Parsing at a Gigabyte per Second", 2021, with
 * Mushtak & Lemire's proof that the 128-bit product never needs a fallback for an exact
 * mantissa). JavaScript has no 64-bit integers, so the 64 × 128-bit product is done in 16-bit
 * limbs held in doubles (every partial sum stays below 2^53). Subnormal and overflowing results,
 * and more than 19 digits, are left to the caller (return NaN).
 */

const SMALLEST_POWER = -342;
const LARGEST_POWER = 308;
/** Per power q: the 128-bit truncated 5^q (normalised, top bit set) as 8 little-endian 16-bit limbs. */
let powers: Uint16Array | null = null;
/** 2^k for k in [-1074, 1023], built by exact doublings and halvings. */
let pow2: Float64Array | null = null;

function buildTables(): Uint16Array {
  const table = new Uint16Array((LARGEST_POWER - SMALLEST_POWER + 1) * 8);
  const one = BigInt(1);
  const top = one << BigInt(128);
  for (let q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
    let c: bigint;
    if (q < 0) {
      // fast_float's script: a rounded-up reciprocal, truncated to 128 bits.
      const power5 = BigInt(5) ** BigInt(-q);
      let z = 0;
      while (one << BigInt(z) < power5) z++;
      const b = q >= -27 ? z + 127 : 2 * z + 128;
      c = (one << BigInt(b)) / power5 + one;
      while (c >= top) c >>= one;
    } else {
      c = BigInt(5) ** BigInt(q);
      while (c < one << BigInt(127)) c <<= one;
      while (c >= top) c >>= one;
    }
    const at = (q - SMALLEST_POWER) * 8;
    for (let k = 0; k < 8; k++) table[at + k] = Number((c >> BigInt(16 * k)) & BigInt(0xffff));
  }
  const p2 = new Float64Array(2098);
  p2[1074] = 1;
  for (let k = 1; k <= 1023; k++) p2[1074 + k] = p2[1073 + k] * 2;
  for (let k = 1; k <= 1074; k++) p2[1074 - k] = p2[1075 - k] / 2;
  pow2 = p2;
  return table;
}

/** The 16-bit limbs of the normalised mantissa, and the two products' 16-bit limbs. */
const a = new Float64Array(4);
const r = new Float64Array(8);
const s = new Float64Array(8);

/**
 * out[0..7] = a[0..3] × table[at..at+3] in 16-bit limbs, unrolled: column sums stay below 2^35,
 * exact in doubles.
 */
function multiply(table: Uint16Array, at: number, out: Float64Array): void {
  const a0 = a[0];
  const a1 = a[1];
  const a2 = a[2];
  const a3 = a[3];
  const t0 = table[at];
  const t1 = table[at + 1];
  const t2 = table[at + 2];
  const t3 = table[at + 3];
  let v = a0 * t0;
  let carry = Math.floor(v / 65536);
  out[0] = v - carry * 65536;
  v = a0 * t1 + a1 * t0 + carry;
  carry = Math.floor(v / 65536);
  out[1] = v - carry * 65536;
  v = a0 * t2 + a1 * t1 + a2 * t0 + carry;
  carry = Math.floor(v / 65536);
  out[2] = v - carry * 65536;
  v = a0 * t3 + a1 * t2 + a2 * t1 + a3 * t0 + carry;
  carry = Math.floor(v / 65536);
  out[3] = v - carry * 65536;
  v = a1 * t3 + a2 * t2 + a3 * t1 + carry;
  carry = Math.floor(v / 65536);
  out[4] = v - carry * 65536;
  v = a2 * t3 + a3 * t2 + carry;
  carry = Math.floor(v / 65536);
  out[5] = v - carry * 65536;
  v = a3 * t3 + carry;
  carry = Math.floor(v / 65536);
  out[6] = v - carry * 65536;
  out[7] = carry;
}

/**
 * The double nearest to w × 10^q, w = hi × 2^32 + lo (nonzero, < 2^64, hi and lo unsigned 32-bit):
 * exact decimal mantissa of at most 19 digits. NaN when the result is subnormal or infinite.
 */
export function eiselLemire(hi: number, lo: number, q: number): number {
  if (q < SMALLEST_POWER || q > LARGEST_POWER) return NaN;
  const table = (powers ??= buildTables());
  // Normalise w so its top bit is set.
  const lz = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
  let h = hi;
  let l = lo;
  if (lz >= 32) {
    h = lz === 32 ? l : l << (lz - 32);
    l = 0;
  } else if (lz > 0) {
    h = (h << lz) | (l >>> (32 - lz));
    l = l << lz;
  }
  a[0] = l & 0xffff;
  a[1] = l >>> 16;
  a[2] = h & 0xffff;
  a[3] = h >>> 16;
  const at = (q - SMALLEST_POWER) * 8;
  multiply(table, at + 4, r);
  if ((r[4] & 0x1ff) === 0x1ff) {
    // Low bits all ones: the second half of 5^q can carry into them.
    multiply(table, at, s);
    let carry = 0;
    for (let k = 0; k < 4; k++) {
      const v = r[k] + s[k + 4] + carry;
      carry = v >= 65536 ? 1 : 0;
      r[k] = v - carry * 65536;
    }
    for (let k = 4; carry !== 0 && k < 8; k++) {
      const v = r[k] + carry;
      carry = v >= 65536 ? 1 : 0;
      r[k] = v - carry * 65536;
    }
  }
  const upper = r[7] >= 32768 ? 1 : 0;
  const shift = upper + 9;
  // m = high 64 bits >> shift has 54 bits, one too many for a double: keep m >> 1 (exact) and
  // m's two lowest bits (from the lowest limb, shift + 2 <= 16) apart. No ** or %: both are
  // library calls in V8.
  const r4 = r[4];
  const low32 = (((r[5] << 16) | r4) >>> 0) >>> (shift + 1);
  let mantissa = upper
    ? r[7] * 137438953472 + r[6] * 2097152 + low32 // 2^37, 2^21
    : r[7] * 274877906944 + r[6] * 4194304 + low32; // 2^38, 2^22
  let roundBit = (r4 >>> shift) & 1;
  let power2 = ((217706 * q) >> 16) + 63 + upper - lz + 1023;
  if (power2 <= 0) return NaN;
  // Exactly halfway between two doubles (m ends in 01 and nothing below it): round to even, not up.
  const lowZero = r[0] <= 1 && r[1] === 0 && r[2] === 0 && r[3] === 0;
  if (
    lowZero &&
    q >= -4 &&
    q <= 23 &&
    ((r4 >>> shift) & 3) === 1 &&
    (r4 & ((1 << shift) - 1)) === 0
  )
    roundBit = 0;
  mantissa += roundBit;
  if (mantissa >= 9007199254740992) {
    mantissa = 4503599627370496; // 2^53 → 2^52, one binade up
    power2++;
  }
  if (power2 >= 2047) return NaN;
  // mantissa ∈ [2^52, 2^53) holds the implicit bit: value = mantissa × 2^(power2 − 1075).
  return mantissa * (pow2 as Float64Array)[power2 - 1075 + 1074];
}
