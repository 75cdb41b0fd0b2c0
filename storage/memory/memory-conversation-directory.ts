import type { ConversationRecord } from '../../core/conversation';
import type { ConversationDirectory } from '../../core/reminders/reminder-stores';
import type { ConversationBinding } from '../../core/stores';
import { decodeKey, encodeKey } from '../table-keys';
import type { MemoryRow, MemoryTable } from './memory-table';
import { referenceAt } from './memory-conversation-store';

/**
 * The look-ups reminders need, over the memory table that MemoryConversationStore and
 * MemoryBindingStore write, answering in the order TableConversationDirectory answers.
 */
export class MemoryConversationDirectory implements ConversationDirectory {
  constructor(private readonly table: MemoryTable) {}

  async personalChatOf(user: {
    id: string;
    aadObjectId?: string;
  }): Promise<ConversationRecord | undefined> {
    return latest(
      this.references(({ value }) => {
        if (value.kind !== 'personal') return false;
        return (
          value.userId === user.id ||
          (!!user.aadObjectId && value.userAadObjectId === user.aadObjectId)
        );
      }),
    );
  }

  async referenceFor(conversationId: string): Promise<ConversationRecord | undefined> {
    const own = this.table.get<ConversationRecord>(referenceAt(conversationId));
    if (own) return own.value;
    // Channel messages are stored under their thread: `<channel>;messageid=<root>`.
    const prefix = encodeKey(`${conversationId};`);
    return latest(this.references((row) => row.partitionKey.startsWith(prefix)));
  }

  async conversationsOf(groupCode: string): Promise<string[]> {
    const ids = this.table
      .scan<ConversationBinding>((at) => at.rowKey === 'binding')
      .filter((row) => row.value.groupCode === groupCode)
      .map((row) => decodeKey(row.partitionKey));
    // Channels before chats: owners are reminded in the channel.
    return ids.sort((a, b) => rank(a) - rank(b));
  }

  private references(
    where: (row: MemoryRow<ConversationRecord>) => boolean,
  ): Array<MemoryRow<ConversationRecord>> {
    return this.table
      .scan<ConversationRecord>((at) => at.rowKey === 'reference')
      .filter((row) => where(row));
  }
}

function rank(conversationId: string): number {
  return /@thread\.(tacv2|skype)$/.test(conversationId) ? 0 : 1;
}

function latest(rows: Array<MemoryRow<ConversationRecord>>): ConversationRecord | undefined {
  return [...rows].sort((a, b) => b.value.updatedAt.localeCompare(a.value.updatedAt))[0]?.value;
}
