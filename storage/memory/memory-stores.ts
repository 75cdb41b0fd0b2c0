import { IndexedActionStore } from '../indexed-action-store';
import { MemoryActionStore } from './memory-action-store';
import { MemoryAddReceiptStore } from './memory-add-receipt-store';
import { MemoryBindingStore } from './memory-binding-store';
import { MemoryConversationDirectory } from './memory-conversation-directory';
import { MemoryConversationStore } from './memory-conversation-store';
import { MemoryDirectoryStore } from './memory-directory-store';
import { MemoryDiscussionStore } from './memory-discussion-store';
import { MemoryDueIndex } from './memory-due-index';
import { MemoryGroupStore } from './memory-group-store';
import { MemoryOperationStore } from './memory-operation-store';
import { MemoryReminderClaims } from './memory-reminder-claims';
import { MemoryReportStore } from './memory-report-store';
import { MemoryStorage } from './memory-table';

/**
 * Every store in memory, sharing tables as host/open-stores.ts shares them in Table Storage
 * (groups, meetings, actions, discussion items and reports in one table; references and bindings
 * in another), for tests that need no emulator. Nothing is kept once the process ends.
 */
export function memoryStores(storage = new MemoryStorage()) {
  const groupsTable = storage.table('groups');
  const conversationsTable = storage.table('conversations');
  const dueIndex = new MemoryDueIndex(storage.table('dueIndex'));
  return {
    storage,
    groups: new MemoryGroupStore(groupsTable),
    // The memory index cannot fail, so there is nothing to report.
    actions: new IndexedActionStore(new MemoryActionStore(groupsTable), dueIndex, () => {}),
    dueIndex,
    reminderClaims: new MemoryReminderClaims(storage.table('reminders')),
    directory: new MemoryConversationDirectory(conversationsTable),
    discussion: new MemoryDiscussionStore(groupsTable),
    bindings: new MemoryBindingStore(conversationsTable),
    conversations: new MemoryConversationStore(conversationsTable),
    reports: new MemoryReportStore(groupsTable),
    operations: new MemoryOperationStore(storage.table('operations')),
    receipts: new MemoryAddReceiptStore(groupsTable),
    people: new MemoryDirectoryStore(storage.table('people')),
  };
}

export type MemoryStores = ReturnType<typeof memoryStores>;
