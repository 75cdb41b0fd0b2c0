import { odata, type TableClient } from '@azure/data-tables';
import { StorageUnavailableError } from '../core/errors';
import { storageRead } from './storage-errors';
import { rowRange } from './group-partition';

/** A condition for the service (an OData filter made with `odata`) and the same on a row read back. */
export interface RowCondition {
  readonly odata: string;
  readonly holds: (row: Record<string, unknown>) => boolean;
}

/**
 * Every row of one partition whose RowKey starts with `prefix`, in RowKey order. `condition` is
 * evaluated by the service, so skipped rows never travel. Pages are followed to the end: a page
 * holds at most 1,000 rows and may be empty while a continuation remains.
 *
 * The rows are checked again on arrival: the Azurite emulator (3.35, LokiJS) was seen, under
 * concurrent writes, to ignore parts of a filter — returning a whole partition, or rows of another
 * partition. A store must not trust what it can cheaply verify; on Azure the check drops nothing.
 */
export async function listRows<T extends Record<string, unknown>>(
  table: TableClient,
  partitionKey: string,
  prefix: string,
  operation: string,
  condition?: RowCondition,
): Promise<T[]> {
  const filter = [rangeFilter(partitionKey, prefix), ...(condition ? [condition.odata] : [])].join(
    ' and ',
  );
  return storageRead(operation, async () => {
    const rows: T[] = [];
    const seen = new Set<string>();
    let received = 0;
    for await (const entity of table.listEntities<T>({ queryOptions: { filter } })) {
      // A listing that does not end (the emulator was seen to hand out pages again and again
      // under concurrent writes) is refused before it holds the process's memory.
      if (++received > MAX_ROWS_RECEIVED) {
        throw new StorageUnavailableError(
          `${operation}: storage sent more than ${MAX_ROWS_RECEIVED} rows for one partition's range`,
        );
      }
      const rowKey = String(entity.rowKey ?? '');
      if (entity.partitionKey !== partitionKey || !rowKey.startsWith(prefix)) continue;
      if (condition && !condition.holds(entity)) continue;
      if (seen.has(rowKey)) continue; // a page sent twice
      seen.add(rowKey);
      rows.push(entity);
    }
    return rows;
  });
}

/**
 * Far more rows than a committee's partition holds (a few thousand): beyond this a listing is a
 * fault of storage, not data.
 */
const MAX_ROWS_RECEIVED = 100_000;

/** The OData filter of one partition's rows whose RowKey starts with `prefix`. */
export function rangeFilter(partitionKey: string, prefix: string): string {
  const { ge, lt } = rowRange(prefix);
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${ge} and RowKey lt ${lt}`;
}
