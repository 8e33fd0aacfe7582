// A map with a size bound that evicts its least recently used entry, one at a time: a burst of
// new keys pushes out the coldest entries, never the whole cache.
export class BoundedCache<K, V> {
  // A Map iterates in insertion order; re-inserting on use keeps the coldest entry first.
  readonly #entries = new Map<K, V>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new Error(`a cache holds at least one entry, not ${maxEntries}`);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value, marked as just used. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      const coldest = this.#entries.keys().next();
      if (!coldest.done) this.#entries.delete(coldest.value);
    }
    this.#entries.set(key, value);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
