/**
 * Byte mutations for fuzzing real files: bit flips, truncation, spliced quotes/delimiters,
 * duplicated and deleted chunks, random overwrites. Seeded, so every run is reproducible.
 */
import { createRandom, type Random } from '../../../src/lib/fixtures/random';

export type MutationKind =
  | 'bit-flip'
  | 'truncate'
  | 'splice-quote'
  | 'splice-separator'
  | 'duplicate-chunk'
  | 'delete-chunk'
  | 'overwrite';

export const MUTATIONS: readonly MutationKind[] = [
  'bit-flip',
  'truncate',
  'splice-quote',
  'splice-separator',
  'duplicate-chunk',
  'delete-chunk',
  'overwrite',
];

/** Mutations that never add a byte sequence copied from the file (no record can be repeated). */
export const NON_DUPLICATING: readonly MutationKind[] = MUTATIONS.filter(
  (m) => m !== 'duplicate-chunk',
);

const SPLICES = ['"', '""', '"\n', ',', ';', '\t', '\r', '\n', '\r\n', '\u00e9', '\ufeff', '\0'];
const encoder = new TextEncoder();

function splice(bytes: Uint8Array, at: number, insert: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at), at + insert.length);
  return out;
}

/** One mutation of `bytes` (never in place). */
export function mutate(
  bytes: Uint8Array,
  kind: MutationKind,
  random: Random,
): Uint8Array<ArrayBuffer> {
  const n = bytes.length;
  const at = random.int(0, n);
  const span = Math.max(1, Math.min(n - at, random.int(1, Math.max(1, Math.floor(n / 8)))));
  switch (kind) {
    case 'bit-flip': {
      const out = Uint8Array.from(bytes);
      for (let k = random.int(1, 8); k > 0 && n > 0; k--)
        out[random.int(0, n - 1)] ^= 1 << random.int(0, 7);
      return out;
    }
    case 'truncate':
      return Uint8Array.from(bytes.subarray(0, random.int(0, n)));
    case 'splice-quote':
      return splice(bytes, at, encoder.encode(random.pick(['"', '""', '"\n', "'"])));
    case 'splice-separator':
      return splice(bytes, at, encoder.encode(random.pick(SPLICES)));
    case 'duplicate-chunk':
      return splice(bytes, at, Uint8Array.from(bytes.subarray(at, at + span)));
    case 'delete-chunk':
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + span)]);
    case 'overwrite': {
      const out = Uint8Array.from(bytes);
      for (let i = at; i < Math.min(n, at + span) && i < at + 64; i++) out[i] = random.int(0, 255);
      return out;
    }
  }
}

/** 1–3 stacked mutations chosen from `kinds`; returns the bytes and what was done. */
export function mutateSome(
  bytes: Uint8Array,
  seed: number,
  kinds: readonly MutationKind[] = MUTATIONS,
): { bytes: Uint8Array<ArrayBuffer>; applied: MutationKind[] } {
  const random = createRandom(seed);
  let out = Uint8Array.from(bytes);
  const applied: MutationKind[] = [];
  for (let k = random.int(1, 3); k > 0; k--) {
    const kind = random.pick(kinds);
    out = mutate(out, kind, random);
    applied.push(kind);
  }
  return { bytes: out, applied };
}
