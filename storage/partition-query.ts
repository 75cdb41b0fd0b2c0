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
  return storageRead(operation, async () => {
    const rows: T[] = [];
    const listing = table.listEntities<T>({ queryOptions: { filter } });
    for await (const entity of listedRows(listing, operation)) {
      const rowKey = String(entity.rowKey ?? '');
      if (entity.partitionKey !== partitionKey || !rowKey.startsWith(prefix)) continue;
      if (!condition || condition.holds(entity)) rows.push(entity);
    }
    return rows;
  });
}

/**
 * The rows of any listing, each once, in the service's order (PartitionKey, then RowKey): a row
 * at or before the last one given was sent before and is dropped. A listing that goes round —
 * more than ten pages of rows in a row without a row past the last one, more than a thousand
 * empty pages in a row, or more than `mostRows` rows — is refused as storage unavailable (see
 * {@link listRows}).
 *
 * @throws StorageUnavailableError when the listing goes round.
 */
export async function* listedRows<T extends { partitionKey?: string; rowKey?: string }>(
  listing: { byPage(): AsyncIterableIterator<T[]> },
  operation: string,
  options: { readonly mostRows?: number } = {},
): AsyncGenerator<T> {
  const mostRows = options.mostRows ?? MAX_ROWS_RECEIVED;
  const refuse = (why: string) =>
    new StorageUnavailableError(`${operation}: storage ${why} for one listing`);
  let last: string | undefined;
  let received = 0;
  let pagesWithNothingNew = 0;
  let emptyPages = 0;
  for await (const page of listing.byPage()) {
    // Empty pages with a continuation are Azure's own (a query that ran out of time, a boundary
    // between partition servers), and a scan across partitions may meet several; only a run of
    // them far longer than that is a fault.
    emptyPages = page.length === 0 ? emptyPages + 1 : 0;
    if (emptyPages > MAX_EMPTY_PAGES_IN_A_ROW) throw refuse('kept sending empty pages');
    if (page.length === 0) continue;
    received += page.length;
    if (received > mostRows) throw refuse(`sent more than ${mostRows} rows`);
    let advanced = false;
    for (const row of page) {
      if (row.partitionKey === undefined || row.rowKey === undefined) {
        throw new Error(`${operation}: a listing must select PartitionKey and RowKey`);
      }
      // Keys hold no control characters, so this sorts as the pair (PartitionKey, RowKey).
      const position = `${row.partitionKey}\u0000${row.rowKey}`;
      if (last !== undefined && position <= last) continue; // sent before
      last = position;
      advanced = true;
      yield row;
    }
    pagesWithNothingNew = advanced ? 0 : pagesWithNothingNew + 1;
    if (pagesWithNothingNew > MAX_PAGES_WITH_NOTHING_NEW) {
      throw refuse('kept sending pages with no new row');
    }
  }
}

/**
 * Far more rows than a committee's partition holds (a few thousand): beyond this a listing is a
 * fault of storage, not data.
 */
const MAX_ROWS_RECEIVED = 100_000;

/** More pages of rows than this in a row with none new (all sent before): the listing goes round. */
const MAX_PAGES_WITH_NOTHING_NEW = 10;

/** More empty pages than this in a row, each with a continuation: storage is going nowhere. */
const MAX_EMPTY_PAGES_IN_A_ROW = 1000;

/** The OData filter of one partition's rows whose RowKey starts with `prefix`. */
export function rangeFilter(partitionKey: string, prefix: string): string {
  const { ge, lt } = rowRange(prefix);
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${ge} and RowKey lt ${lt}`;
}
