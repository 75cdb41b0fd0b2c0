import type { TableClient } from '@azure/data-tables';
import type { ConversationKind, ConversationRecord, ConversationStore } from '../core/conversation';
import { ConflictError, NotFoundError } from '../core/errors';
import { storageCall } from './storage-errors';
import { encodeKey } from './table-keys';

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
    await storageCall('save conversation', () => this.table.upsertEntity(entity, 'Replace'));
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    try {
      const entity = await storageCall('read conversation', () =>
        this.table.getEntity<ReferenceEntity>(encodeKey(conversationId), 'reference'),
      );
      return conversationRecordOf(entity);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async claimIntroduction(conversationId: string, at: string): Promise<boolean> {
    try {
      // An insert, not an upsert: the second of two racing install events gets 409.
      await storageCall('record introduction', () =>
        this.table.createEntity({
          partitionKey: encodeKey(conversationId),
          rowKey: 'introduction',
          at,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
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
