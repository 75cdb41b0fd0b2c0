import type { BindingStore, ConversationBinding } from '../../core/stores';
import { encodeKey } from '../table-keys';
import type { MemoryTable } from './memory-table';

/**
 * Which group and meeting a conversation is about, in memory: row `binding` of the conversation's
 * partition, beside its reference, as TableBindingStore keeps it (the conversation directory
 * reads both).
 */
export class MemoryBindingStore implements BindingStore {
  constructor(private readonly table: MemoryTable) {}

  async getBinding(conversationId: string): Promise<ConversationBinding | undefined> {
    const stored = this.table.get<ConversationBinding>(bindingAt(conversationId))?.value;
    if (!stored) return undefined;
    return {
      groupCode: stored.groupCode,
      ...(typeof stored.meetingNumber === 'number' ? { meetingNumber: stored.meetingNumber } : {}),
    };
  }

  async bind(conversationId: string, binding: ConversationBinding): Promise<void> {
    this.table.upsert(bindingAt(conversationId), {
      groupCode: binding.groupCode,
      ...(binding.meetingNumber !== undefined ? { meetingNumber: binding.meetingNumber } : {}),
    });
  }
}

function bindingAt(conversationId: string) {
  return { partitionKey: encodeKey(conversationId), rowKey: 'binding' };
}
