import type { TableClient } from '@azure/data-tables';
import { parseMeetingCode } from '../core/action-ref';
import type { DiscussionItem } from '../core/discussion-item';
import { ValidationError } from '../core/errors';
import type { DiscussionStore } from '../core/stores';
import { counterRow, discussionRow, meetingDiscussionPrefix } from './group-partition';
import { insertNumbered, insertWithNextNumber } from './optimistic-write';
import { listRows } from './partition-query';
import { encodeKey } from './table-keys';

interface DiscussionEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  kind: 'discussion';
  schema: 1;
  json: string;
}

/** Key discussion items in the Groups table, numbered per meeting like actions. */
export class TableDiscussionStore implements DiscussionStore {
  constructor(private readonly table: TableClient) {}

  async addDiscussionItem(
    groupCode: string,
    meetingNumber: number,
    build: (order: number) => DiscussionItem,
  ): Promise<DiscussionItem> {
    const partitionKey = encodeKey(groupCode);
    let added: DiscussionItem | undefined;
    await insertWithNextNumber(
      this.table,
      { partitionKey, rowKey: counterRow('discussion', meetingNumber) },
      'add discussion item',
      (order) => {
        added = build(order);
        return entityOf(added, partitionKey, meetingNumber);
      },
    );
    if (!added) throw new Error('addDiscussionItem: the item was not built');
    return added;
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
      `import discussion item ${item.order} of ${item.meetingCode}`,
      entityOf(item, partitionKey, meeting.meetingNumber),
    );
  }

  async listDiscussionItems(groupCode: string, meetingNumber: number): Promise<DiscussionItem[]> {
    const rows = await listRows<DiscussionEntity>(
      this.table,
      encodeKey(groupCode),
      meetingDiscussionPrefix(meetingNumber),
      'list discussion items',
    );
    return rows.map((row) => JSON.parse(row.json) as DiscussionItem);
  }
}

function entityOf(
  item: DiscussionItem,
  partitionKey: string,
  meetingNumber: number,
): DiscussionEntity {
  return {
    partitionKey,
    rowKey: discussionRow(meetingNumber, item.order),
    kind: 'discussion',
    schema: 1,
    json: JSON.stringify(item),
  };
}
