/** Word-ish tokens with their offsets, shared by the fact collector and the claim checker. */

export interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * Letters, digits and underscores; `.` and `-` only between word characters (so "0.42." ends
 * before the full stop and "lr-2e-4" stays one token); commas only as thousands separators.
 */
const TOKEN = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[.-](?=[\p{L}\p{N}_])|,(?=\d{3}(?!\d)))*/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    out.push({ text: m[0], start, end: start + m[0].length });
  }
  return out;
}
