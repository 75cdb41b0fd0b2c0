import type { TableClient } from '@azure/data-tables';
import { parseMeetingCode } from '../core/action-ref';
import type { DiscussionItem } from '../core/discussion-item';
import { ValidationError } from '../core/errors';
import type { DiscussionStore, WriteOptions } from '../core/stores';
import { counterRow, discussionRow, meetingDiscussionPrefix } from './group-partition';
import { NumberedInserts, insertNumbered } from './numbered-inserts';
import { checkOperationId } from './optimistic-write';
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
  private readonly inserts: NumberedInserts;

  constructor(private readonly table: TableClient) {
    this.inserts = new NumberedInserts(table);
  }

  async addDiscussionItem(
    groupCode: string,
    meetingNumber: number,
    build: (order: number) => DiscussionItem,
    options: WriteOptions = {},
  ): Promise<DiscussionItem> {
    const partitionKey = encodeKey(groupCode);
    return this.inserts.insert<DiscussionItem>(
      { partitionKey, rowKey: counterRow('discussion', meetingNumber) },
      'add discussion item',
      {
        operationId: checkOperationId(options.operationId),
        build: (order) => {
          const value = build(order);
          return { row: entityOf(value, partitionKey, meetingNumber), value };
        },
      },
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
      `import discussion item ${item.order} of ${item.meetingCode}`,
      entityOf(item, partitionKey, meeting.meetingNumber),
      checkOperationId(undefined),
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
