/** Typed arrays that double in capacity, so columns are filled chunk by chunk without row objects. */
type TypedArray = Float64Array | Int32Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly Ctor: TypedArrayConstructor<T>,
    capacity = 1024,
  ) {
    this.data = new Ctor(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new this.Ctor(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index];
  }

  /** An exact-size copy whose buffer can be transferred. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}
