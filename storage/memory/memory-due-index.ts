import type { Action } from '../../core/action';
import type { DueIndex, DueIndexEntry } from '../../core/reminders/reminder-stores';
import { encodeKey } from '../table-keys';
import type { MemoryTable } from './memory-table';

type IndexedAction = Pick<DueIndexEntry, 'ref' | 'groupCode'>;

/**
 * Open actions by due date in memory: partition = the due date, row = the encoded ref, as
 * TableDueIndex keeps them, so entries list oldest first and by ref within a day.
 */
export class MemoryDueIndex implements DueIndex {
  constructor(private readonly table: MemoryTable) {}

  async record(action: Action, previous?: Pick<Action, 'due' | 'state'>): Promise<void> {
    const listedOn = action.state === 'open' ? action.due?.date : undefined;
    const wasListedOn = previous?.state === 'open' ? previous.due?.date : undefined;
    if (wasListedOn && wasListedOn !== listedOn)
      this.table.delete(entryAt(wasListedOn, action.ref));
    if (!listedOn) return;
    const entry: IndexedAction = { ref: action.ref, groupCode: action.groupCode };
    this.table.upsert(entryAt(listedOn, action.ref), entry);
  }

  async remove(entry: DueIndexEntry): Promise<void> {
    // Gone already is fine: another instance repaired it first.
    this.table.delete(entryAt(entry.dueDate, entry.ref));
  }

  async listDueBy(date: string): Promise<DueIndexEntry[]> {
    return this.table
      .scan<IndexedAction>((at) => at.partitionKey <= date)
      .map((row) => ({ dueDate: row.partitionKey, ...row.value }));
  }
}

function entryAt(dueDate: string, ref: string) {
  return { partitionKey: dueDate, rowKey: encodeKey(ref) };
}
