/**
 * Typed arrays that double in capacity, so columns are filled chunk by chunk without row objects.
 * They start small: a CSV of 100k columns builds 200k of them, and a 1024-slot start cost ~920 MB
 * there; doubling from 16 reaches a million rows in 16 copies.
 */
type TypedArray = Float64Array | Int32Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

const DEFAULT_CAPACITY = 16;

export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly Ctor: TypedArrayConstructor<T>,
    capacity = DEFAULT_CAPACITY,
  ) {
    this.data = new Ctor(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      // max(): a zero-capacity start would otherwise never grow.
      const next = new this.Ctor(Math.max(DEFAULT_CAPACITY, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** Slots allocated: the allocation policy is tested through it (a wide CSV has 200k of these). */
  get capacity(): number {
    return this.data.length;
  }

  get(index: number): number {
    return this.data[index];
  }

  /** An exact-size copy whose buffer can be transferred. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}
