import { ActionService } from '../../core/action-service';
import { IndexedActionStore } from '../../storage/indexed-action-store';
import { TableActionStore } from '../../storage/table-action-store';
import { TableDueIndex } from '../../storage/table-due-index';
import { TableBindingStore } from '../../storage/table-binding-store';
import { TableConversationStore } from '../../storage/table-conversation-store';
import { TableDiscussionStore } from '../../storage/table-discussion-store';
import { TableGroupStore } from '../../storage/table-group-store';
import type { TableStorage } from '../../storage/table-storage';

/**
 * The app's stores and service on the test run's Azurite, wired as host/open-stores.ts wires them,
 * with a clock the test may set.
 */
export function servicesOn(storage: TableStorage, now?: () => Date) {
  const groupsTable = storage.table('groups');
  const conversationsTable = storage.table('conversations');
  const stores = {
    groups: new TableGroupStore(groupsTable),
    actions: new IndexedActionStore(
      new TableActionStore(groupsTable),
      new TableDueIndex(storage.table('dueIndex')),
      () => {},
    ),
    discussion: new TableDiscussionStore(groupsTable),
    bindings: new TableBindingStore(conversationsTable),
    conversations: new TableConversationStore(conversationsTable),
  };
  return { ...stores, service: new ActionService({ ...stores, ...(now ? { now } : {}) }) };
}
