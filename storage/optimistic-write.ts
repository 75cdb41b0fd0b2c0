import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../core/errors';
import { storageCall } from './storage-errors';

/**
 * Writes that can race, done optimistically: read with the ETag, write only if nobody wrote
 * since (If-Match), and on a 412 (or a 409 for two first inserts) read again and retry after a
 * short random pause. Many writers converge; none overwrites another.
 */
const MAX_ATTEMPTS = 60;

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

/**
 * Reads a row, applies `change` to it and writes it back under the ETag read; retried on 412.
 * @throws NotFoundError when the row does not exist.
 */
export async function updateRow<T extends Entity>(
  table: TableClient,
  key: { partitionKey: string; rowKey: string },
  operation: string,
  change: (current: TableEntityResult<T>) => T,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await storageCall(operation, () =>
      table.getEntity<T>(key.partitionKey, key.rowKey),
    );
    const next = change(current);
    try {
      await storageCall(operation, () =>
        table.updateEntity(next, 'Replace', { etag: current.etag }),
      );
      return next;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}

/**
 * Takes the next number of a counter row and, in the same transaction, inserts the row `build`
 * makes for it. Both succeed or neither does, so numbers are consecutive and never lost or reused.
 * `floor` lets a counter start above rows that were imported with their own numbers.
 */
export async function insertWithNextNumber(
  table: TableClient,
  counter: { partitionKey: string; rowKey: string },
  operation: string,
  build: (next: number) => Entity,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await readOptional(table, counter, operation);
    const last = Number(current?.last ?? 0);
    const row = build(last + 1);
    const counterRow = { ...counter, last: last + 1 };
    const actions: TransactionAction[] = [
      current ? ['update', counterRow, 'Replace', { etag: current.etag }] : ['create', counterRow],
      ['create', row],
    ];
    try {
      await storageCall(operation, () => table.submitTransaction(actions));
      return;
    } catch (error) {
      const raced = error instanceof PreconditionFailedError || error instanceof ConflictError;
      if (!raced || attempt >= MAX_ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}

/**
 * Inserts a row that carries its own number (an import) and raises the counter to at least that
 * number, in one transaction. Returns false, changing nothing, when the row exists already.
 */
export async function insertNumbered(
  table: TableClient,
  counter: { partitionKey: string; rowKey: string },
  number: number,
  operation: string,
  row: Entity,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const existing = await readOptional(table, row, operation);
    if (existing) return false;
    const current = await readOptional(table, counter, operation);
    const last = Number(current?.last ?? 0);
    const actions: TransactionAction[] = [['create', row]];
    if (!current) actions.push(['create', { ...counter, last: number }]);
    else if (last < number)
      actions.push(['update', { ...counter, last: number }, 'Replace', { etag: current.etag }]);
    try {
      await storageCall(operation, () => table.submitTransaction(actions));
      return true;
    } catch (error) {
      const raced = error instanceof PreconditionFailedError || error instanceof ConflictError;
      if (!raced || attempt >= MAX_ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}

/** A row, or undefined when it does not exist. */
export async function readOptional<T extends Record<string, unknown>>(
  table: TableClient,
  key: { partitionKey: string; rowKey: string },
  operation: string,
): Promise<TableEntityResult<T> | undefined> {
  try {
    return await storageCall(operation, () => table.getEntity<T>(key.partitionKey, key.rowKey));
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

// Random pauses growing with the attempt keep racing writers from colliding in lockstep.
function pause(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 5 * 2 ** Math.min(attempt, 6));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
