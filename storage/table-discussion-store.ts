import type { TableClient } from '@azure/data-tables';
import { parseMeetingCode } from '../core/action-ref';
import {
  assertSamePlace,
  isStandingDiscussionItem,
  type DiscussionItem,
} from '../core/discussion-item';
import { NotFoundError, ValidationError } from '../core/errors';
import type { DiscussionStore, ListDiscussionItemsOptions, WriteOptions } from '../core/stores';
import { counterRow, discussionRow, meetingDiscussionPrefix } from './group-partition';
import { readJsonColumns, writeJsonColumns } from './json-columns';
import { NumberedInserts, insertNumbered } from './numbered-inserts';
import { checkOperationId, updateRow } from './optimistic-write';
import { listRows } from './partition-query';
import { encodeKey } from './table-keys';

/**
 * Schema 1 kept the item as one `json` property; schema 2 splits it over `item0…` columns (see
 * json-columns.ts), because an item of 30,000 characters plus the history of its edits outgrows
 * the 32K characters one property holds. Schema 1 rows are read as they are and rewritten as
 * schema 2 on their first change.
 */
interface DiscussionEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  kind: 'discussion';
  schema: 1 | 2;
  json?: string;
  /** Whether the item was deleted, beside the JSON so a reader can tell without parsing it. */
  deleted?: boolean;
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

  async listDiscussionItems(
    groupCode: string,
    meetingNumber: number,
    options: ListDiscussionItemsOptions = {},
  ): Promise<DiscussionItem[]> {
    const rows = await listRows<DiscussionEntity>(
      this.table,
      encodeKey(groupCode),
      meetingDiscussionPrefix(meetingNumber),
      'list discussion items',
    );
    const items = rows.map(itemOf);
    return options.includeDeleted ? items : items.filter(isStandingDiscussionItem);
  }

  async updateDiscussionItem(
    groupCode: string,
    meetingNumber: number,
    order: number,
    change: (item: DiscussionItem) => DiscussionItem,
    options: WriteOptions = {},
  ): Promise<DiscussionItem> {
    const partitionKey = encodeKey(groupCode);
    let changed: DiscussionItem | undefined;
    try {
      await updateRow<DiscussionEntity>(
        this.table,
        { partitionKey, rowKey: discussionRow(meetingNumber, order) },
        'change discussion item',
        (current) => {
          const before = itemOf(current);
          changed = assertSamePlace(before, change(before));
          return entityOf(changed, partitionKey, meetingNumber);
        },
        { operationId: checkOperationId(options.operationId) },
      );
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new NotFoundError(`There is no discussion item ${order} in this meeting.`);
      }
      throw error;
    }
    if (!changed) throw new Error('updateDiscussionItem: the item was not changed');
    return changed;
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
    schema: 2,
    deleted: item.state === 'deleted',
    ...writeJsonColumns('item', item, `Discussion item ${item.order} of ${item.meetingCode}`),
  };
}

function itemOf(entity: Record<string, unknown>): DiscussionItem {
  if (Number(entity.schema) === 1) return JSON.parse(String(entity.json)) as DiscussionItem;
  return readJsonColumns<DiscussionItem>(entity, 'item');
}
