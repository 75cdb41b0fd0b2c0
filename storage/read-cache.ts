/**
 * Rows that every request reads and that rarely change (a conversation's binding, its group and
 * meeting), kept for a few seconds in this process. Writes through the same store replace the
 * entry at once; another instance's write is seen once the entry expires. Concurrent misses share
 * one read, so a burst of a hundred requests reads each row once. A failed read is not kept.
 *
 * With `ttlMs` 0 nothing is kept (a store built without a cache reads every time).
 */
export class ReadCache<V> {
  private readonly entries = new Map<
    string,
    { readonly until: number; readonly value: Promise<V> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The kept value, or what `load` reads (kept unless it is undefined or it failed). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const entry = this.entries.get(key);
    if (entry && entry.until > this.now()) return entry.value;
    const value = load();
    this.keep(key, value);
    value.then(
      (loaded) => {
        if (loaded === undefined && this.entries.get(key)?.value === value)
          this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
      },
    );
    return value;
  }

  /** What this process just wrote. */
  set(key: string, value: V): void {
    if (this.ttlMs > 0) this.keep(key, Promise.resolve(value));
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private keep(key: string, value: Promise<V>): void {
    this.entries.delete(key);
    this.entries.set(key, { until: this.now() + this.ttlMs, value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
