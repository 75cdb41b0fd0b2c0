import { randomUUID } from 'node:crypto';
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import {
  ConflictError,
  NotFoundError,
  OutcomeUnknownError,
  PreconditionFailedError,
  StorageUnavailableError,
  ValidationError,
} from '../core/errors';
import { UnsettledWriteError, storageRead, storageWrite } from './storage-errors';

/**
 * Writes that can race, done optimistically: read with the ETag, write only if nobody wrote
 * since (If-Match), and on a 412 read again and retry after a short random pause. Many writers
 * converge; none overwrites another.
 *
 * Writes whose answer is lost are settled, not repeated: every row written here carries the ids
 * of the operations that wrote it (`operationIds`, the last 32), so after a reset or a timeout the
 * row is read back and the write is known to be applied (its id is there) or not. Not applied and
 * the row unchanged, it is sent once more — under the same ETag, so at most one of the two can
 * ever apply. If that answer is lost too, a no-op write under that ETag (a fence) makes sure the
 * lost one never applies later, and the caller is told, truthfully, that nothing was saved.
 */
const MAX_ATTEMPTS = 60;
/** Sends of one change whose answer was lost, before it is given up. */
export const MAX_UNSETTLED = 2;
const KEPT_OPERATION_IDS = 32;

export type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };
export type RowKey = { readonly partitionKey: string; readonly rowKey: string };

/** A fresh operation id, for a write whose caller gave none. */
export function newOperationId(): string {
  return randomUUID();
}

/**
 * Checks a caller's operation id (it is stored in every row the operation writes).
 * @throws ValidationError when it is empty or longer than 200 characters.
 */
export function checkOperationId(id: string | undefined): string {
  if (id === undefined) return newOperationId();
  if (id.length === 0 || id.length > 200) {
    throw new ValidationError('An operation id holds 1 to 200 characters.', 'operationId');
  }
  return id;
}

/** The ids of the operations that wrote this row, oldest first. */
export function operationIdsOf(row: Record<string, unknown> | undefined): string[] {
  const json = row?.operationIds;
  if (typeof json !== 'string') return [];
  try {
    const ids: unknown = JSON.parse(json);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether the operation wrote this row (it is among the last ids the row keeps). */
export function wroteRow(row: Record<string, unknown> | undefined, operationId: string): boolean {
  return operationIdsOf(row).includes(operationId);
}

/** `row` as written by the operation: its id appended to those of `previous`. */
export function stampOperation<T extends Entity>(
  row: T,
  operationId: string,
  previous?: Record<string, unknown>,
): T {
  const ids = [...operationIdsOf(previous).filter((id) => id !== operationId), operationId];
  return { ...row, operationIds: JSON.stringify(ids.slice(-KEPT_OPERATION_IDS)) };
}

export interface UpdateRowOptions<T> {
  readonly operationId: string;
  /**
   * Runs after `change` and before the write that stores `next`, once per attempt; when it
   * throws, nothing is written and its error reaches the caller.
   */
  readonly beforeWrite?: (next: T, current: T) => Promise<void>;
}

/**
 * Reads a row, applies `change` to it and writes it back under the ETag read; retried on 412.
 * Returns the row as stored: what `change` returned (the same object), or — when the operation
 * had been applied already (a lost answer, a repeated request) — the row as it stands.
 *
 * @throws NotFoundError when the row does not exist.
 * @throws StorageUnavailableError when nothing was saved, OutcomeUnknownError when storage could
 *   not be asked whether it was.
 */
export async function updateRow<T extends Entity>(
  table: TableClient,
  key: RowKey,
  operation: string,
  change: (current: TableEntityResult<T>) => T,
  options: UpdateRowOptions<T>,
): Promise<T> {
  const { operationId } = options;
  let unsettled = 0;
  let known: TableEntityResult<T> | undefined;
  // The ETag a lost send was conditional on: while the row still has it, that send may apply.
  let lostUnder: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const current =
      known ??
      (await storageRead(operation, () => table.getEntity<T>(key.partitionKey, key.rowKey)));
    known = undefined;
    if (wroteRow(current, operationId)) return withoutMetadata(current);
    const changed = change(current);
    const next = stampOperation(changed, operationId, current);
    // Resending under the same ETag is the same change, whose beforeWrite ran already; and it
    // must not give up while the lost send may still apply.
    if (current.etag !== lostUnder) await options.beforeWrite?.(changed, withoutMetadata(current));
    try {
      await storageWrite(operation, () =>
        table.updateEntity(next, 'Replace', { etag: current.etag }),
      );
      // The very object `change` returned: callers may recognise it.
      return changed;
    } catch (error) {
      if (error instanceof PreconditionFailedError && attempt < MAX_ATTEMPTS) {
        await pause(attempt);
        continue;
      }
      if (!(error instanceof UnsettledWriteError)) throw error;
      unsettled++;
      lostUnder = current.etag;
      const stored = await readBack<T>(table, key, operation, error);
      if (!stored) throw new NotFoundError(`${operation}: the row is gone`, { cause: error });
      if (wroteRow(stored, operationId)) return withoutMetadata(stored);
      if (unsettled < MAX_UNSETTLED) {
        // Not applied: the next attempt works from what was read back.
        known = stored;
        continue;
      }
      if (stored.etag === current.etag) {
        const fenced = await fence<T>(table, key, current.etag, operation, (row) =>
          wroteRow(row, operationId),
        );
        if (fenced) return withoutMetadata(fenced);
      }
      throw nothingSaved(operation, error);
    }
  }
}

/**
 * Makes sure a write sent under `etag` whose answer was lost can never apply: a no-op write under
 * the same ETag moves the row on. Returns the row when it turns out the write had applied
 * (`mine`), undefined when it certainly did not.
 * @throws OutcomeUnknownError when the fence's answer is lost as well.
 */
export async function fence<T extends Entity>(
  table: TableClient,
  key: RowKey,
  etag: string,
  operation: string,
  mine: (stored: TableEntityResult<T>) => boolean,
): Promise<TableEntityResult<T> | undefined> {
  try {
    await storageWrite(operation, () =>
      table.updateEntity({ partitionKey: key.partitionKey, rowKey: key.rowKey }, 'Merge', {
        etag,
      }),
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof PreconditionFailedError || error instanceof NotFoundError)) {
      throw unknownOutcome(operation, error);
    }
    // Moved on meanwhile: by the lost write itself, or by someone else.
    const stored = await readBack<T>(table, key, operation, error);
    return stored && mine(stored) ? stored : undefined;
  }
}

/**
 * Inserts a row (`etag` undefined) or replaces it under `etag`, once; a lost answer is settled by
 * reading back, `mine` telling the row this call wrote from another writer's. Returns the new
 * ETag, or undefined when the condition failed: the row exists already (insert) or was changed
 * meanwhile (replace) by someone else.
 */
export async function writeRowOnce(
  table: TableClient,
  entity: Entity,
  etag: string | undefined,
  operation: string,
  mine: (stored: TableEntityResult<Record<string, unknown>>) => boolean,
): Promise<string | undefined> {
  let unsettled: UnsettledWriteError | undefined;
  for (let sends = 1; ; sends++) {
    try {
      const result = await storageWrite(operation, () =>
        etag === undefined
          ? table.createEntity(entity)
          : table.updateEntity(entity, 'Replace', { etag }),
      );
      return result.etag ?? '';
    } catch (error) {
      if (error instanceof ConflictError || error instanceof PreconditionFailedError) {
        if (!unsettled) return undefined;
        // An earlier send may be what is in the way.
        const stored = await readBack(table, entity, operation, unsettled);
        return stored && mine(stored) ? stored.etag : undefined;
      }
      if (!(error instanceof UnsettledWriteError)) throw error;
      unsettled = error;
      const stored = await readBack(table, entity, operation, error);
      if (stored && mine(stored)) return stored.etag;
      const unchanged = etag === undefined ? !stored : stored?.etag === etag;
      // Someone else's write is there: ours, conditional on what it replaced, never applies.
      if (!unchanged) return undefined;
      if (sends < MAX_UNSETTLED) continue;
      if (etag === undefined) throw unknownOutcome(operation, error);
      const fenced = await fence(table, entity, etag, operation, mine);
      if (fenced) return fenced.etag;
      throw nothingSaved(operation, error);
    }
  }
}

/** A row, or undefined when it does not exist. */
export async function readOptional<T extends Record<string, unknown>>(
  table: TableClient,
  key: RowKey,
  operation: string,
): Promise<TableEntityResult<T> | undefined> {
  try {
    return await storageRead(operation, () => table.getEntity<T>(key.partitionKey, key.rowKey));
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Reads a row to settle a write whose answer was lost.
 * @throws OutcomeUnknownError when storage cannot be asked.
 */
export async function readBack<T extends Record<string, unknown>>(
  table: TableClient,
  key: RowKey,
  operation: string,
  cause: unknown,
): Promise<TableEntityResult<T> | undefined> {
  try {
    return await readOptional<T>(table, key, operation);
  } catch (error) {
    throw unknownOutcome(operation, cause, error);
  }
}

export function unknownOutcome(
  operation: string,
  cause: unknown,
  readError?: unknown,
): OutcomeUnknownError {
  const why = readError ? 'and storage could not be asked afterwards' : 'twice';
  return new OutcomeUnknownError(
    `${operation}: storage's answer was lost ${why}, so it may or may not be saved`,
    { cause: readError ?? cause },
  );
}

export function nothingSaved(operation: string, cause: unknown): StorageUnavailableError {
  return new StorageUnavailableError(
    `${operation}: Table Storage did not answer; it was checked that nothing was saved`,
    { cause },
  );
}

/** The row without the service's metadata (etag, timestamp, odata fields). */
export function withoutMetadata<T extends Entity>(row: TableEntityResult<T> | T): T {
  const {
    etag: _etag,
    timestamp: _timestamp,
    ...rest
  } = row as T & {
    etag?: string;
    timestamp?: string;
  };
  return rest as unknown as T;
}

// Random pauses growing with the attempt keep racing writers from colliding in lockstep.
export function pause(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 5 * 2 ** Math.min(attempt, 6));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
