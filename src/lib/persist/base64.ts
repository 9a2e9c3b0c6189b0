/**
 * Base64 on byte arrays, written out because notebook files carry data files of any size:
 * encoding yields ASCII bytes (a Blob part, never a giant string) and decoding streams, taking
 * the text in arbitrary pieces. (Uint8Array.toBase64 is not in Node 20 or older browsers.)
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENC = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61; // '='
const DEC = new Int16Array(256).fill(-1);
ENC.forEach((code, i) => (DEC[code] = i));

/** Encodes bytes as base64 ASCII. Slices whose length is a multiple of 3 concatenate cleanly. */
export function encodeBase64(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = ENC[n >> 18];
    out[o++] = ENC[(n >> 12) & 63];
    out[o++] = ENC[(n >> 6) & 63];
    out[o++] = ENC[n & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out[o++] = ENC[n >> 18];
    out[o++] = ENC[(n >> 12) & 63];
    out[o++] = rest === 2 ? ENC[(n >> 6) & 63] : PAD;
    out[o++] = PAD;
  }
  return out;
}

/** Streaming decoder: push ASCII pieces, then end(); throws on a character outside base64. */
export class Base64Decoder {
  private quad = new Uint8Array(4);
  private have = 0;
  private ended = false;
  private padded = 0;

  /** Decodes a piece; returns the whole bytes it completes. */
  push(ascii: Uint8Array): Uint8Array {
    const out = new Uint8Array(Math.floor((ascii.length + this.have) / 4) * 3);
    let o = 0;
    for (let i = 0; i < ascii.length; i++) {
      const c = ascii[i];
      if (this.ended) throw new Error('base64 data continues after its padding');
      if (c === PAD) {
        if (this.have < 2) throw new Error('misplaced base64 padding');
        this.padded++;
        this.quad[this.have++] = 0;
      } else {
        const v = DEC[c];
        if (v < 0 || this.padded > 0) throw new Error('invalid base64 character');
        this.quad[this.have++] = v;
      }
      if (this.have === 4) {
        const n = (this.quad[0] << 18) | (this.quad[1] << 12) | (this.quad[2] << 6) | this.quad[3];
        out[o++] = n >> 16;
        if (this.padded < 2) out[o++] = (n >> 8) & 255;
        if (this.padded < 1) out[o++] = n & 255;
        this.have = 0;
        if (this.padded > 0) this.ended = true;
      }
    }
    return out.subarray(0, o);
  }

  /** Checks the data ended on a whole group. */
  end(): void {
    if (this.have !== 0) throw new Error('base64 data is cut short');
  }
}
