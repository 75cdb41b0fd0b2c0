import type { TableClient } from '@azure/data-tables';
import type { BindingStore, ConversationBinding } from '../core/stores';
import { readOptional } from './optimistic-write';
import { ReadCache } from './read-cache';
import { storageIdempotentWrite } from './storage-errors';
import { encodeKey } from './table-keys';

/**
 * Which group and meeting a conversation is about: RowKey `binding` in the conversation's
 * partition of the Conversations table, beside its reference.
 */
interface BindingEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: 'binding';
  groupCode: string;
  meetingNumber?: number;
}

export class TableBindingStore implements BindingStore {
  private readonly cache: ReadCache<ConversationBinding | undefined>;

  /** @param options.cacheTtlMs - how long a binding read is kept in this process (0: not kept). */
  constructor(
    private readonly table: TableClient,
    options: { readonly cacheTtlMs?: number } = {},
  ) {
    this.cache = new ReadCache(options.cacheTtlMs ?? 0);
  }

  async getBinding(conversationId: string): Promise<ConversationBinding | undefined> {
    return this.cache.get(conversationId, () => this.readBinding(conversationId));
  }

  private async readBinding(conversationId: string): Promise<ConversationBinding | undefined> {
    const entity = await readOptional<BindingEntity>(
      this.table,
      { partitionKey: encodeKey(conversationId), rowKey: 'binding' },
      'read conversation binding',
    );
    if (!entity) return undefined;
    return {
      groupCode: entity.groupCode,
      ...(typeof entity.meetingNumber === 'number' ? { meetingNumber: entity.meetingNumber } : {}),
    };
  }

  async bind(conversationId: string, binding: ConversationBinding): Promise<void> {
    const entity: BindingEntity = {
      partitionKey: encodeKey(conversationId),
      rowKey: 'binding',
      groupCode: binding.groupCode,
      ...(binding.meetingNumber !== undefined ? { meetingNumber: binding.meetingNumber } : {}),
    };
    this.cache.delete(conversationId);
    await storageIdempotentWrite('bind conversation', () =>
      this.table.upsertEntity(entity, 'Replace'),
    );
    this.cache.set(conversationId, binding);
  }
}
