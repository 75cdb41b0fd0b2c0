import { odata, type TableClient } from '@azure/data-tables';
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
    for await (const entity of table.listEntities<T>({ queryOptions: { filter } })) {
      const rowKey = String(entity.rowKey ?? '');
      if (entity.partitionKey !== partitionKey || !rowKey.startsWith(prefix)) continue;
      if (condition && !condition.holds(entity)) continue;
      rows.push(entity);
    }
    return rows;
  });
}

/** The OData filter of one partition's rows whose RowKey starts with `prefix`. */
export function rangeFilter(partitionKey: string, prefix: string): string {
  const { ge, lt } = rowRange(prefix);
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${ge} and RowKey lt ${lt}`;
}
