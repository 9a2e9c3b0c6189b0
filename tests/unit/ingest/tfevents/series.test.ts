import { describe, expect, it } from 'vitest';
import { SeriesTable } from '../../../../src/lib/ingest/tfevents/series';

/** The table's hash: FNV-1a over the bytes, masked to 30 bits. */
function hash(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619);
  return h & 0x3fffffff;
}

function lookup(table: SeriesTable, tag: string) {
  const bytes = new TextEncoder().encode(`xx${tag}`); // tag not at offset 0
  return table.get(bytes, new DataView(bytes.buffer), 2, bytes.length);
}

describe('SeriesTable', () => {
  it('keeps tags whose hashes collide apart', () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null && i < 1_000_000; i++) {
      const tag = `t${i}`;
      const h = hash(new TextEncoder().encode(tag));
      const other = seen.get(h);
      if (other !== undefined) pair = [other, tag];
      else seen.set(h, tag);
    }
    expect(pair).not.toBeNull();
    const [a, b] = pair!;
    const table = new SeriesTable();
    const sa = lookup(table, a);
    const sb = lookup(table, b);
    expect(sa).not.toBe(sb);
    expect([sa.tag, sb.tag]).toEqual([a, b]);
    // Repeated lookups in any order, through the successor guess and the hash chain.
    for (const t of [a, b, b, a, a, b, 'other', a]) expect(lookup(table, t).tag).toBe(t);
    expect(table.list.map((s) => s.tag)).toEqual([a, b, 'other']);
  });

  it('tells apart tags that share a prefix or differ only in length', () => {
    const table = new SeriesTable();
    const tags = ['loss', 'loss/', 'loss/train', 'loss/trai', 'loss/traio', 'lo', ''];
    for (let k = 0; k < 3; k++) for (const t of tags) expect(lookup(table, t).tag).toBe(t);
    expect(table.list).toHaveLength(tags.length);
  });
});
