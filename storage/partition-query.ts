import type { TableClient } from '@azure/data-tables';
import { storageCall } from './storage-errors';
import { rowRange } from './group-partition';
import { odataString } from './table-keys';

/**
 * Every row of one partition whose RowKey starts with `prefix`, in RowKey order. `extraFilter` is
 * an OData condition evaluated by the service (so skipped rows never travel). Pages are followed
 * to the end: a page holds at most 1,000 rows and may be empty while a continuation remains.
 */
export async function listRows<T extends Record<string, unknown>>(
  table: TableClient,
  partitionKey: string,
  prefix: string,
  operation: string,
  extraFilter?: string,
): Promise<T[]> {
  const { ge, lt } = rowRange(prefix);
  const filter = [
    `PartitionKey eq ${odataString(partitionKey)}`,
    `RowKey ge ${odataString(ge)}`,
    `RowKey lt ${odataString(lt)}`,
    ...(extraFilter ? [extraFilter] : []),
  ].join(' and ');
  return storageCall(operation, async () => {
    const rows: T[] = [];
    for await (const entity of table.listEntities<T>({ queryOptions: { filter } })) {
      rows.push(entity);
    }
    return rows;
  });
}
