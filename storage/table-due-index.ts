import { odata, type TableClient } from '@azure/data-tables';
import type { Action } from '../core/action';
import { NotFoundError, PreconditionFailedError } from '../core/errors';
import type { DueIndex, DueIndexEntry } from '../core/reminders/reminder-stores';
import { storageIdempotentWrite, storageRead, storageWrite } from './storage-errors';
import { decodeKey, encodeKey } from './table-keys';
import { listedRows } from './partition-query';

/**
 * The DueIndex table: one row per OPEN action with a due date. PartitionKey = the due date
 * (`yyyy-mm-dd`, so partitions sort by date), RowKey = the encoded ref (refs are unique across
 * groups: they start with the group code). A sweep reads `PartitionKey le <horizon>`: the open
 * actions due by then, however many actions are stored.
 *
 * The entry is written BEFORE the action (IndexedActionStore), so the index may list an action
 * that is not (or not yet) stored, never miss one that is: a sweep re-reads each action it finds
 * and repairs what does not match. An entry younger than `repairGraceMs` is left alone by a
 * repair — its action may be on its way — and an entry re-written since the sweep listed it is
 * never removed by that sweep.
 */
interface DueIndexEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  ref: string;
  groupCode: string;
}

export interface TableDueIndexOptions {
  /** How old a listed entry must be before a sweep may remove it (5 minutes by default). */
  readonly repairGraceMs?: number;
  readonly now?: () => number;
}

const DEFAULT_REPAIR_GRACE_MS = 5 * 60_000;

export class TableDueIndex implements DueIndex {
  /** What the service said of the entries a sweep listed: when each was written, its ETag. */
  private readonly listed = new WeakMap<DueIndexEntry, { etag: string; writtenAt: number }>();
  private readonly repairGraceMs: number;
  private readonly now: () => number;

  constructor(
    private readonly table: TableClient,
    options: TableDueIndexOptions = {},
  ) {
    this.repairGraceMs = options.repairGraceMs ?? DEFAULT_REPAIR_GRACE_MS;
    this.now = options.now ?? Date.now;
  }

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
    await storageIdempotentWrite(`index action ${action.ref}`, () =>
      this.table.upsertEntity(entity, 'Replace'),
    );
  }

  async remove(entry: DueIndexEntry): Promise<void> {
    const seen = this.listed.get(entry);
    if (seen && this.now() - seen.writtenAt < this.repairGraceMs) return;
    const operation = `unindex action ${entry.ref}`;
    const remove = () =>
      this.table.deleteEntity(entry.dueDate, encodeKey(entry.ref), {
        ...(seen ? { etag: seen.etag } : {}),
      });
    try {
      // Conditional on what the sweep saw, a delete is not repeated blindly: once is enough.
      await (seen ? storageWrite(operation, remove) : storageIdempotentWrite(operation, remove));
    } catch (error) {
      // Gone already (another instance repaired it first), or written again since it was listed.
      if (!(error instanceof NotFoundError || error instanceof PreconditionFailedError)) {
        throw error;
      }
    }
  }

  async listDueBy(date: string): Promise<DueIndexEntry[]> {
    const filter = odata`PartitionKey le ${date}`;
    return storageRead('list due actions', async () => {
      const entries: DueIndexEntry[] = [];
      const rows = this.table.listEntities<DueIndexEntity>({
        queryOptions: {
          filter,
          select: ['PartitionKey', 'RowKey', 'ref', 'groupCode', 'Timestamp'],
        },
      });
      for await (const row of listedRows(rows, 'list due actions')) {
        const dueDate = String(row.partitionKey);
        // Checked again on arrival, as partition-query.ts does: never trust a filter blindly.
        if (dueDate > date) continue;
        const entry: DueIndexEntry = {
          dueDate,
          ref: row.ref ?? decodeKey(String(row.rowKey)),
          groupCode: row.groupCode,
        };
        const writtenAt = Date.parse(String(row.timestamp ?? ''));
        this.listed.set(entry, {
          etag: row.etag,
          writtenAt: Number.isNaN(writtenAt) ? this.now() : writtenAt,
        });
        entries.push(entry);
      }
      return entries;
    });
  }
}
