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
 * The rows are checked again on arrival, and a listing must end. An Azurite sharing its process
 * with restify once read none of a query's options (embedded-azurite.ts): it answered every query
 * with the whole table and every continued query with the first page again. That is mended, but a
 * store does not trust what it can cheaply verify: rows outside the range are dropped, and, rows
 * coming in RowKey order, a page with no row past the last one kept shows a listing going round.
 * More than ten such pages in a row (an empty page with a continuation is allowed on Azure), or
 * far more rows than a partition holds, and the listing is refused as storage unavailable instead
 * of holding the process's memory and the caller's time.
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
  const refuse = (why: string) =>
    new StorageUnavailableError(`${operation}: storage ${why} for one partition's range`);
  return storageRead(operation, async () => {
    const rows: T[] = [];
    let lastRowKey: string | undefined;
    let received = 0;
    let pagesWithNothingNew = 0;
    for await (const page of table.listEntities<T>({ queryOptions: { filter } }).byPage()) {
      received += page.length;
      if (received > MAX_ROWS_RECEIVED) throw refuse(`sent more than ${MAX_ROWS_RECEIVED} rows`);
      let advanced = false;
      for (const entity of page) {
        const rowKey = String(entity.rowKey ?? '');
        if (entity.partitionKey !== partitionKey || !rowKey.startsWith(prefix)) continue;
        if (lastRowKey !== undefined && rowKey <= lastRowKey) continue; // sent before
        lastRowKey = rowKey;
        advanced = true;
        if (!condition || condition.holds(entity)) rows.push(entity);
      }
      pagesWithNothingNew = advanced ? 0 : pagesWithNothingNew + 1;
      if (pagesWithNothingNew > MAX_PAGES_WITH_NOTHING_NEW) {
        throw refuse(`kept sending pages with no new row`);
      }
    }
    return rows;
  });
}

/**
 * Far more rows than a committee's partition holds (a few thousand): beyond this a listing is a
 * fault of storage, not data.
 */
const MAX_ROWS_RECEIVED = 100_000;

/**
 * Azure may send an empty page with a continuation (a query that ran out of time), but not many
 * in a row; more pages than this without a new row, and the listing is going round.
 */
const MAX_PAGES_WITH_NOTHING_NEW = 10;

/** The OData filter of one partition's rows whose RowKey starts with `prefix`. */
export function rangeFilter(partitionKey: string, prefix: string): string {
  const { ge, lt } = rowRange(prefix);
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${ge} and RowKey lt ${lt}`;
}
