import type { TableClient, TransactionAction } from '@azure/data-tables';
import { NotFoundError } from '../core/errors';
import { recordedBefore } from '../core/retention/retention-window';
import { listedRows, type RowCondition } from './partition-query';
import { storageIdempotentWrite, storageRead } from './storage-errors';

/**
 * Removing rows that have served their purpose (operation records, add receipts) once the time
 * they recorded is before a cutoff: the storage half of the retention sweep.
 *
 * The service is asked for the rows of one kind only, and for the columns that say when each was
 * written only (an operation's answer, up to ~28 KB, never travels). Whether a row goes is decided
 * here, on its own recorded time, never on a time filter: the service's `Timestamp` is when the
 * row was last written by anyone (a copy of the table renews it, and it is the service's clock,
 * not the app's). The kind is checked again on arrival, as every listing is (partition-query.ts).
 * A row whose time cannot be read is kept (retention-window.ts).
 *
 * The listing scans the whole table (a RowKey range spans every partition): fine once a day.
 * Deletes go in entity-group transactions of at most 100 rows of one partition.
 */

/** Which rows of a table may go, and where each records when it was written. */
export interface AgedRows {
  /** What is being done, in words a log reader understands ("forget old operations"). */
  readonly operation: string;
  /** The kind of row concerned when the table holds others: filtered by the service, checked on arrival. */
  readonly kind?: RowCondition;
  /**
   * The columns that may hold the ISO time the row was last written, the first present deciding;
   * the service's `Timestamp` when none is (rows written before such a column existed).
   */
  readonly recordedAt: readonly string[];
}

/** An entity-group transaction holds at most 100 operations, all in one partition. */
const MAX_DELETES_PER_TRANSACTION = 100;
/** Beyond this one listing is a fault of storage, not data (a table holds one row per click). */
const MAX_RECEIVED = 1_000_000;

/**
 * Deletes every row of `rows`' kind recorded before `cutoff`; returns how many this call deleted
 * (a row another sweep deleted first is not counted). One listing, deleted as it arrives: rows
 * come in partition order, so each run of up to 100 rows of one partition goes in one
 * transaction, and no more than that is held. A listing that fails part way keeps what it
 * deleted, and its retry starts again from the first row. Once `stop` is aborted (the app is
 * stopping) no further transaction is sent, and what was deleted so far is returned.
 */
export async function forgetRowsBefore(
  table: TableClient,
  rows: AgedRows,
  cutoff: Date,
  stop?: AbortSignal,
): Promise<number> {
  const filter = rows.kind?.odata;
  let forgotten = 0;
  await storageRead(`${rows.operation}: list the rows`, async () => {
    let partitionKey = '';
    let rowKeys: string[] = [];
    const flush = async () => {
      if (rowKeys.length > 0) {
        forgotten += await deleteRows(table, partitionKey, rowKeys, rows.operation);
      }
      rowKeys = [];
    };
    const entities = table.listEntities<Record<string, unknown>>({
      queryOptions: {
        ...(filter ? { filter } : {}),
        select: ['PartitionKey', 'RowKey', 'Timestamp', ...rows.recordedAt],
      },
    });
    for await (const entity of listedRows(entities, rows.operation, { mostRows: MAX_RECEIVED })) {
      if (stop?.aborted) return;
      if (rows.kind && !rows.kind.holds(entity)) continue;
      if (!rowRecordedBefore(entity, rows.recordedAt, cutoff)) continue;
      const partition = String(entity.partitionKey);
      if (partition !== partitionKey || rowKeys.length === MAX_DELETES_PER_TRANSACTION) {
        await flush();
        partitionKey = partition;
      }
      rowKeys.push(String(entity.rowKey));
    }
    if (!stop?.aborted) await flush();
  });
  return forgotten;
}

/**
 * Deletes rows of one partition, in transactions of at most 100. A row deleted meanwhile (by
 * another sweep, an abandoned claim) fails its whole transaction with 404, changing nothing: that
 * transaction's rows are then deleted one at a time, each missing one skipped. Returns how many
 * were deleted here.
 */
export async function deleteRows(
  table: TableClient,
  partitionKey: string,
  rowKeys: Iterable<string>,
  operation: string,
): Promise<number> {
  const keys = [...rowKeys];
  let deleted = 0;
  for (let start = 0; start < keys.length; start += MAX_DELETES_PER_TRANSACTION) {
    const chunk = keys.slice(start, start + MAX_DELETES_PER_TRANSACTION);
    const deletes = chunk.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]);
    try {
      // Deleting is idempotent, so a lost answer may be retried: at worst the retry meets 404s.
      await storageIdempotentWrite(operation, () => table.submitTransaction(deletes));
      deleted += chunk.length;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      for (const rowKey of chunk) {
        if (await deleteIfPresent(table, partitionKey, rowKey, operation)) deleted += 1;
      }
    }
  }
  return deleted;
}

async function deleteIfPresent(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  operation: string,
): Promise<boolean> {
  try {
    await storageIdempotentWrite(operation, () => table.deleteEntity(partitionKey, rowKey));
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

function rowRecordedBefore(
  entity: Record<string, unknown>,
  columns: readonly string[],
  cutoff: Date,
): boolean {
  const column = columns.find((name) => entity[name] !== undefined && entity[name] !== null);
  return recordedBefore(column === undefined ? entity.timestamp : entity[column], cutoff);
}
