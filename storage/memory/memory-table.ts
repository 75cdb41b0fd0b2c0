import { setImmediate as nextTurn } from 'node:timers/promises';

/** Where a row lives, as in Table Storage: a partition and a row within it. */
export interface RowAddress {
  readonly partitionKey: string;
  readonly rowKey: string;
}

/** A row read back: a fresh copy of its value and the ETag it was read with. */
export interface MemoryRow<T> extends RowAddress {
  readonly value: T;
  readonly etag: string;
}

/** One write of an all-or-nothing batch (Table Storage's entity-group transaction). */
export type MemoryWrite =
  | { readonly kind: 'insert'; readonly at: RowAddress; readonly value: unknown }
  | {
      readonly kind: 'replace';
      readonly at: RowAddress;
      readonly value: unknown;
      readonly etag: string;
    };

interface StoredRow {
  readonly json: string;
  readonly etag: string;
}

/**
 * A table kept in memory with the semantics the stores rely on in Table Storage: rows addressed
 * by partition and row key and listed in key order, a new ETag on every write, inserts that fail
 * on an existing row (409), replaces that fail on a stale ETag (412), and batches that apply
 * entirely or not at all. Values are kept as JSON, so what a caller gets back is always a copy,
 * exactly as if it had come over the wire.
 */
export class MemoryTable {
  private readonly partitions = new Map<string, Map<string, StoredRow>>();
  private writes = 0;

  get<T>(at: RowAddress): MemoryRow<T> | undefined {
    const stored = this.partitions.get(at.partitionKey)?.get(at.rowKey);
    return stored ? rowOf<T>(at.partitionKey, at.rowKey, stored) : undefined;
  }

  /** Inserts a row; undefined, changing nothing, when it exists already. Returns the new ETag. */
  insert(at: RowAddress, value: unknown): string | undefined {
    return this.batch([{ kind: 'insert', at, value }]) ? this.etagOf(at) : undefined;
  }

  /** Replaces a row if it still has `etag`; undefined, changing nothing, otherwise. */
  replace(at: RowAddress, value: unknown, etag: string): string | undefined {
    return this.batch([{ kind: 'replace', at, value, etag }]) ? this.etagOf(at) : undefined;
  }

  /** Writes a row whatever is there (last writer wins). Returns the new ETag. */
  upsert(at: RowAddress, value: unknown): string {
    return this.put(at, value);
  }

  /** Removes a row; false when there was none. */
  delete(at: RowAddress): boolean {
    const partition = this.partitions.get(at.partitionKey);
    const removed = partition?.delete(at.rowKey) ?? false;
    if (partition?.size === 0) this.partitions.delete(at.partitionKey);
    return removed;
  }

  /**
   * Applies every write or none: false, changing nothing, when any insert meets an existing row
   * or any replace a missing row or another ETag.
   */
  batch(writes: readonly MemoryWrite[]): boolean {
    const possible = writes.every((write) => {
      const current = this.partitions.get(write.at.partitionKey)?.get(write.at.rowKey);
      return write.kind === 'insert' ? !current : current?.etag === write.etag;
    });
    if (!possible) return false;
    for (const write of writes) this.put(write.at, write.value);
    return true;
  }

  /** The rows of one partition whose row key starts with `prefix`, in row key order. */
  range<T>(partitionKey: string, prefix = ''): Array<MemoryRow<T>> {
    const partition = this.partitions.get(partitionKey);
    if (!partition) return [];
    return [...partition.keys()]
      .filter((rowKey) => rowKey.startsWith(prefix))
      .sort(compareKeys)
      .map((rowKey) => rowOf<T>(partitionKey, rowKey, partition.get(rowKey) as StoredRow));
  }

  /** Every row `where` accepts, across partitions, in partition then row key order. */
  scan<T>(where: (at: RowAddress) => boolean): Array<MemoryRow<T>> {
    return [...this.partitions.keys()]
      .sort(compareKeys)
      .flatMap((partitionKey) => this.range<T>(partitionKey))
      .filter((row) => where(row));
  }

  private put(at: RowAddress, value: unknown): string {
    let partition = this.partitions.get(at.partitionKey);
    if (!partition) {
      partition = new Map();
      this.partitions.set(at.partitionKey, partition);
    }
    this.writes += 1;
    const etag = `W/"${this.writes}"`;
    partition.set(at.rowKey, { json: JSON.stringify(value), etag });
    return etag;
  }

  private etagOf(at: RowAddress): string {
    return this.partitions.get(at.partitionKey)?.get(at.rowKey)?.etag ?? '';
  }
}

/** Several named tables, as one storage account holds the app's tables. */
export class MemoryStorage {
  private readonly tables = new Map<string, MemoryTable>();

  table(name: string): MemoryTable {
    let table = this.tables.get(name);
    if (!table) {
      table = new MemoryTable();
      this.tables.set(name, table);
    }
    return table;
  }
}

/**
 * Stands in for a request to storage: the caller yields, so callers running at once interleave
 * between a read and the write that depends on it, as they do against Table Storage.
 */
export function roundTrip(): Promise<void> {
  return nextTurn();
}

// Table Storage orders keys by their characters (the stores' keys are ASCII), not by locale.
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rowOf<T>(partitionKey: string, rowKey: string, stored: StoredRow): MemoryRow<T> {
  return { partitionKey, rowKey, value: JSON.parse(stored.json) as T, etag: stored.etag };
}
