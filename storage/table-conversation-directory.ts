import { odata, type TableClient } from '@azure/data-tables';
import type { ConversationRecord } from '../core/conversation';
import type { ConversationDirectory } from '../core/reminders/reminder-stores';
import {
  TableConversationStore,
  conversationRecordOf,
  type ReferenceEntity,
} from './table-conversation-store';
import { storageRead } from './storage-errors';
import { encodeKey } from './table-keys';
import { listedRows } from './partition-query';

type ReferenceRow = ReferenceEntity;

/**
 * Look-ups over the Conversations table (see table-conversation-store.ts) that reminders need.
 * A personal chat is found by a filter on the `reference` rows (a scan of that table: it grows
 * with the people and conversations the bot knows, not with actions); a channel's reference by a
 * PartitionKey range over its threads.
 */
export class TableConversationDirectory implements ConversationDirectory {
  private readonly store: TableConversationStore;

  constructor(private readonly table: TableClient) {
    this.store = new TableConversationStore(table);
  }

  async personalChatOf(user: {
    id: string;
    aadObjectId?: string;
  }): Promise<ConversationRecord | undefined> {
    const who = [
      odata`userId eq ${user.id}`,
      ...(user.aadObjectId ? [odata`userAadObjectId eq ${user.aadObjectId}`] : []),
    ].join(' or ');
    const filter = `${odata`RowKey eq ${'reference'} and kind eq ${'personal'}`} and (${who})`;
    const rows = await this.query(filter, 'find personal chat');
    const matching = rows.filter(
      (row) =>
        row.kind === 'personal' &&
        (row.userId === user.id ||
          (!!user.aadObjectId && row.userAadObjectId === user.aadObjectId)),
    );
    return latest(matching);
  }

  async referenceFor(conversationId: string): Promise<ConversationRecord | undefined> {
    const own = await this.store.get(conversationId);
    if (own) return own;
    // Channel messages are stored under their thread: `<channel>;messageid=<root>`.
    const prefix = encodeKey(`${conversationId};`);
    const upper = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
    const filter = odata`PartitionKey ge ${prefix} and PartitionKey lt ${upper} and RowKey eq ${'reference'}`;
    const rows = await this.query(filter, 'find channel reference');
    return latest(rows.filter((row) => row.partitionKey.startsWith(prefix)));
  }

  async conversationsOf(groupCode: string): Promise<string[]> {
    const filter = odata`RowKey eq ${'binding'} and groupCode eq ${groupCode}`;
    const rows = await storageRead('find conversations of group', async () => {
      const found: Array<{ partitionKey: string; meetingNumber?: number }> = [];
      const entities = this.table.listEntities<{ groupCode: string; meetingNumber?: number }>({
        queryOptions: { filter },
      });
      for await (const row of listedRows(entities, 'find conversations of group')) {
        if (row.rowKey === 'binding' && row.groupCode === groupCode && row.partitionKey) {
          found.push({ partitionKey: row.partitionKey, meetingNumber: row.meetingNumber });
        }
      }
      return found;
    });
    const ids = rows.map((row) => decodeURIComponent(row.partitionKey));
    // Channels (`…@thread.tacv2`/`@thread.skype`) before chats: owners are reminded in the channel.
    return ids.sort((a, b) => rank(a) - rank(b));
  }

  private async query(filter: string, operation: string): Promise<ReferenceRow[]> {
    return storageRead(operation, async () => {
      const rows: ReferenceRow[] = [];
      const listing = this.table.listEntities<ReferenceRow>({ queryOptions: { filter } });
      for await (const row of listedRows(listing, operation)) {
        rows.push(row as ReferenceRow);
      }
      return rows;
    });
  }
}

function rank(conversationId: string): number {
  return /@thread\.(tacv2|skype)$/.test(conversationId) ? 0 : 1;
}

function latest(rows: ReferenceRow[]): ConversationRecord | undefined {
  const [row] = [...rows].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return row ? conversationRecordOf(row) : undefined;
}
