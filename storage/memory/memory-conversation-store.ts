import {
  newestFirst,
  type ConversationRecord,
  type ConversationStore,
} from '../../core/conversation';
import { encodeKey } from '../table-keys';
import { roundTrip, type MemoryTable } from './memory-table';

/**
 * Conversation references in memory: row `reference` of the conversation's partition, and row
 * `introduction` once the bot has introduced itself, as TableConversationStore keeps them.
 */
export class MemoryConversationStore implements ConversationStore {
  constructor(private readonly table: MemoryTable) {}

  async save(record: ConversationRecord): Promise<void> {
    // Last writer wins, as in Table Storage: every message carries a current reference.
    this.table.upsert(referenceAt(record.conversationId), {
      conversationId: record.conversationId,
      kind: record.kind,
      tenantId: record.tenantId,
      userId: record.userId,
      userAadObjectId: record.userAadObjectId,
      reference: record.reference,
      updatedAt: record.updatedAt,
    });
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    return this.table.get<ConversationRecord>(referenceAt(conversationId))?.value;
  }

  async listRecent(most: number): Promise<ConversationRecord[]> {
    await roundTrip();
    const rows = this.table.scan<ConversationRecord>((at) => at.rowKey === 'reference');
    return newestFirst(rows.map((row) => row.value)).slice(0, Math.max(0, most));
  }

  async claimIntroduction(conversationId: string, at: string): Promise<boolean> {
    await roundTrip();
    // An insert, not an upsert: of two racing install events only one finds the row missing.
    const row = { partitionKey: encodeKey(conversationId), rowKey: 'introduction' };
    return this.table.insert(row, { at }) !== undefined;
  }
}

export function referenceAt(conversationId: string) {
  return { partitionKey: encodeKey(conversationId), rowKey: 'reference' };
}
