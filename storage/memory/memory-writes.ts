import { ConflictError, NotFoundError, PreconditionFailedError } from '../../core/errors';
import { roundTrip, type MemoryTable, type RowAddress } from './memory-table';

/**
 * The optimistic writes of ../optimistic-write.ts over a MemoryTable, with the same outcomes:
 * a read, a round trip during which anyone else may write, then a write that holds only if
 * nobody did; else read again and retry. Racing callers therefore see the conflicts, re-applied
 * changes and retries they meet in Table Storage, and tests of them prove something.
 */
const MAX_ATTEMPTS = 60;

/** A counter row's value: the last number handed out. */
interface CounterValue {
  readonly last: number;
}

/**
 * Reads a row, applies `change` and writes the result under the ETag read; re-read and re-applied
 * when someone wrote meanwhile. A `change` that throws stops it, and nothing is written.
 * @throws NotFoundError (made by `missing`) when the row does not exist.
 */
export async function updateRow<T>(
  table: MemoryTable,
  at: RowAddress,
  change: (current: T) => T,
  missing: () => NotFoundError,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = table.get<T>(at);
    await roundTrip();
    if (!current) throw missing();
    const next = change(current.value);
    if (table.replace(at, next, current.etag) !== undefined) return next;
    if (!table.get(at)) throw missing();
    if (attempt >= MAX_ATTEMPTS) throw new PreconditionFailedError(`${at.rowKey}: kept changing`);
  }
}

/** Inserts a row unless it exists; returns the value stored, the caller's or the one there first. */
export async function insertIfMissing<T>(table: MemoryTable, at: RowAddress, value: T): Promise<T> {
  await roundTrip();
  if (table.insert(at, value) !== undefined) return value;
  const existing = table.get<T>(at);
  if (!existing) throw new ConflictError(`${at.rowKey}: created and removed at once`);
  return existing.value;
}

/**
 * Takes the counter's next number and inserts what `build` makes for it (at the address
 * `addressOf` gives), all or nothing, so numbers are consecutive and never lost or reused.
 * `build` runs again after a lost race; what it built last is returned. With a `receipt` address
 * the insert is made once: the receipt is written with it (stamped `storedAt`), and a repeat gets
 * the first one's row.
 */
export async function insertWithNextNumber<T>(
  table: MemoryTable,
  counter: RowAddress,
  build: (next: number) => T,
  addressOf: (next: number) => RowAddress,
  receipt?: RowAddress,
  now: () => Date = () => new Date(),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const first = receipt ? table.get<{ row: RowAddress }>(receipt) : undefined;
    const firstRow = first ? table.get<T>(first.value.row) : undefined;
    if (firstRow) {
      await roundTrip();
      return firstRow.value;
    }
    const current = table.get<CounterValue>(counter);
    await roundTrip();
    const next = Number(current?.value.last ?? 0) + 1;
    const value = build(next);
    const counterRow = { last: next };
    const stored = table.batch([
      current
        ? { kind: 'replace', at: counter, value: counterRow, etag: current.etag }
        : { kind: 'insert', at: counter, value: counterRow },
      { kind: 'insert', at: addressOf(next), value },
      ...(receipt
        ? [
            {
              kind: 'insert' as const,
              at: receipt,
              value: { row: addressOf(next), storedAt: now().toISOString() },
            },
          ]
        : []),
    ]);
    if (stored) return value;
    if (attempt >= MAX_ATTEMPTS) throw new ConflictError(`${counter.rowKey}: kept changing`);
  }
}

/**
 * Inserts a row that carries its own number (an import) and raises the counter to at least that
 * number, all or nothing. False, changing nothing, when the row exists already.
 */
export async function insertNumbered(
  table: MemoryTable,
  counter: RowAddress,
  number: number,
  row: { at: RowAddress; value: unknown },
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    if (table.get(row.at)) return false;
    const current = table.get<CounterValue>(counter);
    await roundTrip();
    const last = Number(current?.value.last ?? 0);
    const stored = table.batch([
      { kind: 'insert', at: row.at, value: row.value },
      ...(!current
        ? [{ kind: 'insert' as const, at: counter, value: { last: number } }]
        : last < number
          ? [{ kind: 'replace' as const, at: counter, value: { last: number }, etag: current.etag }]
          : []),
    ]);
    if (stored) return true;
    if (attempt >= MAX_ATTEMPTS) throw new ConflictError(`${counter.rowKey}: kept changing`);
  }
}
