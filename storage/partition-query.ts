import type { TableClient } from '@azure/data-tables';
import { storageCall } from './storage-errors';
import { rowRange } from './group-partition';
import { odataString } from './table-keys';

/** A condition for the service (OData) and the same condition on a row read back. */
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
  const { ge, lt } = rowRange(prefix);
  const filter = [
    `PartitionKey eq ${odataString(partitionKey)}`,
    `RowKey ge ${odataString(ge)}`,
    `RowKey lt ${odataString(lt)}`,
    ...(condition ? [condition.odata] : []),
  ].join(' and ');
  return storageCall(operation, async () => {
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
