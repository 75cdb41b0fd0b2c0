import { parseMeetingCode } from '../../core/action-ref';
import type { DiscussionItem } from '../../core/discussion-item';
import { ValidationError } from '../../core/errors';
import type { DiscussionStore } from '../../core/stores';
import { counterRow, discussionRow, meetingDiscussionPrefix } from '../group-partition';
import { encodeKey } from '../table-keys';
import type { MemoryTable } from './memory-table';
import { insertNumbered, insertWithNextNumber } from './memory-writes';

/** Key discussion items in memory, numbered per meeting as TableDiscussionStore numbers them. */
export class MemoryDiscussionStore implements DiscussionStore {
  constructor(private readonly table: MemoryTable) {}

  async addDiscussionItem(
    groupCode: string,
    meetingNumber: number,
    build: (order: number) => DiscussionItem,
  ): Promise<DiscussionItem> {
    const partitionKey = encodeKey(groupCode);
    return insertWithNextNumber(
      this.table,
      { partitionKey, rowKey: counterRow('discussion', meetingNumber) },
      build,
      (order) => itemAt(partitionKey, meetingNumber, order),
    );
  }

  async importDiscussionItem(item: DiscussionItem): Promise<boolean> {
    const meeting = parseMeetingCode(item.meetingCode);
    if (!meeting)
      throw new ValidationError(`"${item.meetingCode}" is not a meeting code.`, 'meetingCode');
    const partitionKey = encodeKey(item.groupCode);
    return insertNumbered(
      this.table,
      { partitionKey, rowKey: counterRow('discussion', meeting.meetingNumber) },
      item.order,
      { at: itemAt(partitionKey, meeting.meetingNumber, item.order), value: item },
    );
  }

  async listDiscussionItems(groupCode: string, meetingNumber: number): Promise<DiscussionItem[]> {
    return this.table
      .range<DiscussionItem>(encodeKey(groupCode), meetingDiscussionPrefix(meetingNumber))
      .map((row) => row.value);
  }
}

function itemAt(partitionKey: string, meetingNumber: number, order: number) {
  return { partitionKey, rowKey: discussionRow(meetingNumber, order) };
}
