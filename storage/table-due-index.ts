import type { TableClient } from '@azure/data-tables';
import type { Action } from '../core/action';
import { NotFoundError } from '../core/errors';
import type { DueIndex, DueIndexEntry } from '../core/reminders/reminder-stores';
import { storageCall } from './storage-errors';
import { decodeKey, encodeKey, odataString } from './table-keys';

/**
 * The DueIndex table: one row per OPEN action with a due date. PartitionKey = the due date
 * (`yyyy-mm-dd`, so partitions sort by date), RowKey = the encoded ref (refs are unique across
 * groups: they start with the group code). A sweep reads `PartitionKey le <horizon>`: the open
 * actions due by then, however many actions are stored.
 */
interface DueIndexEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  ref: string;
  groupCode: string;
}

export class TableDueIndex implements DueIndex {
  constructor(private readonly table: TableClient) {}

  async record(action: Action, previous?: Pick<Action, 'due' | 'state'>): Promise<void> {
    const listed = action.state === 'open' && action.due !== undefined;
    const before = previous?.state === 'open' ? previous.due?.date : undefined;
    if (before && (!listed || before !== action.due?.date)) {
      await this.remove({ dueDate: before, ref: action.ref, groupCode: action.groupCode });
    }
    if (!listed || !action.due) return;
    const entity: DueIndexEntity = {
      partitionKey: action.due.date,
      rowKey: encodeKey(action.ref),
      ref: action.ref,
      groupCode: action.groupCode,
    };
    await storageCall(`index action ${action.ref}`, () =>
      this.table.upsertEntity(entity, 'Replace'),
    );
  }

  async remove(entry: DueIndexEntry): Promise<void> {
    try {
      await storageCall(`unindex action ${entry.ref}`, () =>
        this.table.deleteEntity(entry.dueDate, encodeKey(entry.ref)),
      );
    } catch (error) {
      // Gone already: another instance repaired it first.
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  async listDueBy(date: string): Promise<DueIndexEntry[]> {
    const filter = `PartitionKey le ${odataString(date)}`;
    return storageCall('list due actions', async () => {
      const entries: DueIndexEntry[] = [];
      const rows = this.table.listEntities<DueIndexEntity>({
        queryOptions: { filter, select: ['PartitionKey', 'RowKey', 'ref', 'groupCode'] },
      });
      for await (const row of rows) {
        const dueDate = String(row.partitionKey);
        // Checked again on arrival, as partition-query.ts does: never trust a filter blindly.
        if (dueDate > date) continue;
        entries.push({
          dueDate,
          ref: row.ref ?? decodeKey(String(row.rowKey)),
          groupCode: row.groupCode,
        });
      }
      return entries;
    });
  }
}
