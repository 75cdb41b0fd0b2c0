import type { AddReceiptStore } from '../../core/operations';
import { recordedBefore } from '../../core/retention/retention-window';
import { RECEIPT_PREFIX } from '../group-partition';
import { roundTrip, type MemoryTable } from './memory-table';

/** The receipts of adds in memory, under the keys TableAddReceiptStore removes. */
export class MemoryAddReceiptStore implements AddReceiptStore {
  constructor(private readonly table: MemoryTable) {}

  async forgetBefore(cutoff: Date): Promise<number> {
    const old = this.table
      .scan<{ storedAt?: string }>((row) => row.rowKey.startsWith(RECEIPT_PREFIX))
      .filter((row) => recordedBefore(row.value.storedAt, cutoff));
    await roundTrip();
    return old.filter((row) => this.table.delete(row)).length;
  }
}
