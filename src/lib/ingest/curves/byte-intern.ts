/**
 * Byte strings → small ids, so a long-format log with millions of rows creates one string per
 * distinct run or metric name instead of one per row. Open addressing on an FNV-1a hash; the
 * key bytes live in one growing pool.
 */

const EMPTY = -1;

export class ByteInterner {
  private table = new Int32Array(256).fill(EMPTY);
  private mask = 255;
  private pool = new Uint8Array(4096);
  private poolLength = 0;
  private offsets: Int32Array = new Int32Array(64);
  private lengths: Int32Array = new Int32Array(64);
  private hashes: Int32Array = new Int32Array(64);
  private count = 0;
  private readonly recent = new Int32Array(4).fill(EMPTY);
  private next = 0;

  get size(): number {
    return this.count;
  }

  /** The id of bytes[start, end); a new id (= size before the call) when first seen. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    // Logs repeat a run's name row after row and cycle through a few metrics: try the last
    // four answers before hashing.
    const recent = this.recent;
    const length = end - start;
    for (let k = 0; k < 4; k++) {
      const id = recent[k];
      if (id !== EMPTY && this.lengths[id] === length && this.same(id, bytes, start)) return id;
    }
    const id = this.lookup(bytes, start, end);
    recent[this.next] = id;
    this.next = (this.next + 1) & 3;
    return id;
  }

  private lookup(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    const length = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot];
      if (id === EMPTY) return this.add(slot, h, bytes, start, end);
      if (this.hashes[id] === h && this.lengths[id] === length && this.same(id, bytes, start))
        return id;
    }
  }

  private same(id: number, bytes: Uint8Array, start: number): boolean {
    const pool = this.pool;
    const offset = this.offsets[id];
    const length = this.lengths[id];
    for (let k = 0; k < length; k++) if (pool[offset + k] !== bytes[start + k]) return false;
    return true;
  }

  private add(slot: number, h: number, bytes: Uint8Array, start: number, end: number): number {
    const id = this.count++;
    if (id === this.offsets.length) {
      this.offsets = grown(this.offsets);
      this.lengths = grown(this.lengths);
      this.hashes = grown(this.hashes);
    }
    const length = end - start;
    while (this.poolLength + length > this.pool.length) {
      const pool = new Uint8Array(this.pool.length * 2);
      pool.set(this.pool);
      this.pool = pool;
    }
    this.pool.set(bytes.subarray(start, end), this.poolLength);
    this.offsets[id] = this.poolLength;
    this.lengths[id] = length;
    this.hashes[id] = h;
    this.poolLength += length;
    this.table[slot] = id;
    if (this.count * 2 > this.table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    this.table = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id] & this.mask;
      while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}
