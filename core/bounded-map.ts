/**
 * A Map that holds at most `most` entries, each for at most `ttlMs` (for ever when absent): the
 * process-local memory of caches that must not grow with traffic (rosters, confirmed members,
 * connector clients, budget rows). Setting a key makes it the newest; beyond the bound the least
 * recently set entry goes (a Map keeps insertion order, so that is its first key).
 */
export class BoundedMap<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly until: number }>();
  private readonly clock: () => number;

  constructor(
    private readonly options: {
      readonly most: number;
      readonly ttlMs?: number;
      readonly clock?: () => number;
    },
  ) {
    this.clock = options.clock ?? Date.now;
  }

  /** The value kept under `key`, unless it expired (an expired entry is dropped). */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** The value kept under `key`, or what `make` makes, kept. */
  getOrSet(key: string, make: () => V): V {
    const found = this.get(key);
    if (found !== undefined) return found;
    const made = make();
    this.set(key, made);
    return made;
  }

  set(key: string, value: V): void {
    const ttlMs = this.options.ttlMs ?? Number.POSITIVE_INFINITY;
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.clock() + ttlMs });
    while (this.entries.size > this.options.most) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /**
   * Drops the entry of `key`; given `value`, only while that is what it holds, so that a failed
   * promise's clean-up does not drop the good one kept since in its place.
   */
  delete(key: string, value?: V): void {
    if (value !== undefined && this.entries.get(key)?.value !== value) return;
    this.entries.delete(key);
  }
}
