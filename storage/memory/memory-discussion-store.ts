import { parseMeetingCode } from '../../core/action-ref';
import {
  assertSamePlace,
  isStandingDiscussionItem,
  type DiscussionItem,
} from '../../core/discussion-item';
import { NotFoundError, ValidationError } from '../../core/errors';
import type { DiscussionStore, ListDiscussionItemsOptions, WriteOptions } from '../../core/stores';
import { counterRow, discussionRow, meetingDiscussionPrefix } from '../group-partition';
import { encodeKey } from '../table-keys';
import type { MemoryTable } from './memory-table';
import { insertNumbered, insertWithNextNumber, updateRow } from './memory-writes';

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

  async listDiscussionItems(
    groupCode: string,
    meetingNumber: number,
    options: ListDiscussionItemsOptions = {},
  ): Promise<DiscussionItem[]> {
    const items = this.table
      .range<DiscussionItem>(encodeKey(groupCode), meetingDiscussionPrefix(meetingNumber))
      .map((row) => row.value);
    return options.includeDeleted ? items : items.filter(isStandingDiscussionItem);
  }

  async updateDiscussionItem(
    groupCode: string,
    meetingNumber: number,
    order: number,
    change: (item: DiscussionItem) => DiscussionItem,
    // Memory writes are never lost, so there is no answer to settle by reading back.
    _options: WriteOptions = {},
  ): Promise<DiscussionItem> {
    return updateRow<DiscussionItem>(
      this.table,
      itemAt(encodeKey(groupCode), meetingNumber, order),
      (current) => assertSamePlace(current, change(current)),
      () => new NotFoundError(`There is no discussion item ${order} in this meeting.`),
    );
  }
}

function itemAt(partitionKey: string, meetingNumber: number, order: number) {
  return { partitionKey, rowKey: discussionRow(meetingNumber, order) };
}
