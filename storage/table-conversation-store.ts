import { odata, type TableClient } from '@azure/data-tables';
import {
  newestFirst,
  type ConversationKind,
  type ConversationRecord,
  type ConversationStore,
} from '../core/conversation';
import {
  newOperationId,
  readOptional,
  stampOperation,
  writeRowOnce,
  wroteRow,
} from './optimistic-write';
import { storageIdempotentWrite, storageRead } from './storage-errors';
import { encodeKey } from './table-keys';
import { listedRows } from './partition-query';

/**
 * Conversations table: PartitionKey = encoded conversation id; RowKey `reference` holds the latest
 * conversation reference, RowKey `introduction` exists once the bot has introduced itself. Both
 * live in one partition, so a conversation is one point read.
 */
export interface ReferenceEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: 'reference';
  conversationId: string;
  kind: ConversationKind;
  tenantId?: string;
  userId?: string;
  userAadObjectId?: string;
  referenceJson: string;
  updatedAt: string;
}

export class TableConversationStore implements ConversationStore {
  constructor(private readonly table: TableClient) {}

  async save(record: ConversationRecord): Promise<void> {
    const entity: ReferenceEntity = {
      partitionKey: encodeKey(record.conversationId),
      rowKey: 'reference',
      conversationId: record.conversationId,
      kind: record.kind,
      tenantId: record.tenantId,
      userId: record.userId,
      userAadObjectId: record.userAadObjectId,
      referenceJson: JSON.stringify(record.reference),
      updatedAt: record.updatedAt,
    };
    // Last writer wins on purpose: every message carries a current reference (service URLs move).
    await storageIdempotentWrite('save conversation', () =>
      this.table.upsertEntity(entity, 'Replace'),
    );
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const entity = await readOptional<ReferenceEntity>(
      this.table,
      { partitionKey: encodeKey(conversationId), rowKey: 'reference' },
      'read conversation',
    );
    return entity ? conversationRecordOf(entity) : undefined;
  }

  async listRecent(most: number): Promise<ConversationRecord[]> {
    const filter = odata`RowKey eq ${'reference'}`;
    const found = await storageRead('list conversations', async () => {
      const records: ConversationRecord[] = [];
      const listing = this.table.listEntities<ReferenceEntity>({ queryOptions: { filter } });
      for await (const entity of listedRows(listing, 'list conversations')) {
        if (entity.rowKey === 'reference') records.push(conversationRecordOf(entity));
      }
      return records;
    });
    return newestFirst(found).slice(0, Math.max(0, most));
  }

  async claimIntroduction(conversationId: string, at: string): Promise<boolean> {
    // An insert, not an upsert: the second of two racing install events gets 409. The row
    // carries this claim's id, so a claim whose answer was lost is recognised as this one's.
    const operationId = newOperationId();
    const etag = await writeRowOnce(
      this.table,
      stampOperation(
        { partitionKey: encodeKey(conversationId), rowKey: 'introduction', at },
        operationId,
      ),
      undefined,
      'record introduction',
      (stored) => wroteRow(stored, operationId),
    );
    return etag !== undefined;
  }
}

/** The conversation a `reference` row holds. */
export function conversationRecordOf(entity: ReferenceEntity): ConversationRecord {
  return {
    conversationId: entity.conversationId,
    kind: entity.kind,
    tenantId: entity.tenantId,
    userId: entity.userId,
    userAadObjectId: entity.userAadObjectId,
    reference: JSON.parse(entity.referenceJson) as Record<string, unknown>,
    updatedAt: entity.updatedAt,
  };
}
