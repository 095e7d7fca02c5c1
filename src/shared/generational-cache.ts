/**
 * A bounded cache that keeps the entries in use. New entries, and entries read again, go into
 * the young generation. When the young generation is full, it becomes the old one and the old
 * one is dropped. So an entry read at least once per generation stays cached, while emptying a
 * full cache would also drop the greetings and template replies that recur most. The cache
 * contains at most twice `maxCost`: a full young generation and a full old one.
 */
export class GenerationalCache<Key, Value> {
  #young = new Map<Key, Value>();
  #old = new Map<Key, Value>();
  #youngCost = 0;

  /**
   * `costOf` gives an entry's share of `maxCost` (1 by default, so that `maxCost` counts
   * entries). `storedKey` gives the key an entry read from the old generation is stored under
   * again, and defaults to the key it was read with.
   */
  constructor(
    private readonly maxCost: number,
    private readonly costOf: (key: Key, value: Value) => number = () => 1,
    private readonly storedKey: (key: Key, value: Value) => Key = (key) => key,
  ) {}

  /** Returns the value of `key`, moving an entry of the old generation into the young one. */
  get(key: Key): Value | undefined {
    const value = this.#young.get(key);
    if (value !== undefined) return value;

    const old = this.#old.get(key);
    if (old === undefined) return undefined;
    this.#old.delete(key);
    this.set(this.storedKey(key, old), old);
    return old;
  }

  /** Stores an entry in the young generation, which first becomes the old one when it is full. */
  set(key: Key, value: Value): void {
    const cost = this.costOf(key, value);
    if (this.#youngCost + cost > this.maxCost && this.#young.size > 0) {
      this.#old = this.#young;
      this.#young = new Map();
      this.#youngCost = 0;
    }
    this.#young.set(key, value);
    this.#youngCost += cost;
  }
}
