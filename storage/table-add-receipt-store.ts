import { odata, type TableClient } from '@azure/data-tables';
import type { AddReceiptStore } from '../core/operations';
import { forgetRowsBefore, type AgedRows } from './aged-rows';
import { RECEIPT_PREFIX, rowRange } from './group-partition';

const RECEIPT_RANGE = rowRange(RECEIPT_PREFIX);

/**
 * The receipts of adds (`receipt|action|…`, `receipt|discussion|…`) in every group's partition of
 * the Groups table. They are created by the action and discussion stores in the add's
 * transaction (numbered-inserts.ts); this store only removes the old ones, never another row.
 */
const RECEIPTS: AgedRows = {
  operation: 'forget old add receipts',
  kind: {
    odata: odata`RowKey ge ${RECEIPT_RANGE.ge} and RowKey lt ${RECEIPT_RANGE.lt}`,
    holds: (row) => String(row.rowKey ?? '').startsWith(RECEIPT_PREFIX),
  },
  // A receipt is never rewritten, so for one stored before `storedAt` existed the service's
  // Timestamp is when it was stored.
  recordedAt: ['storedAt'],
};

export class TableAddReceiptStore implements AddReceiptStore {
  constructor(private readonly table: TableClient) {}

  async forgetBefore(cutoff: Date, stop?: AbortSignal): Promise<number> {
    return forgetRowsBefore(this.table, RECEIPTS, cutoff, stop);
  }
}
