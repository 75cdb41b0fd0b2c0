import { ActionService } from '../../core/action-service';
import type { ConversationStore } from '../../core/conversation';
import type {
  ActionStore,
  BindingStore,
  DiscussionStore,
  GroupStore,
  MeetingStore,
} from '../../core/stores';
import { IndexedActionStore } from '../../storage/indexed-action-store';
import { TableActionStore } from '../../storage/table-action-store';
import { TableDueIndex } from '../../storage/table-due-index';
import { TableBindingStore } from '../../storage/table-binding-store';
import { TableConversationStore } from '../../storage/table-conversation-store';
import { TableDiscussionStore } from '../../storage/table-discussion-store';
import { TableGroupStore } from '../../storage/table-group-store';
import type { TableStorage } from '../../storage/table-storage';

/** The stores a handler needs and the service over them, whichever storage holds them. */
export interface TestServices {
  readonly groups: GroupStore & MeetingStore;
  readonly actions: ActionStore;
  readonly discussion: DiscussionStore;
  readonly bindings: BindingStore;
  readonly conversations: ConversationStore;
  readonly service: ActionService;
}

/**
 * The app's stores and service on the test run's Azurite, wired as host/open-stores.ts wires them,
 * with a clock the test may set. memory-services.ts gives the same over in-memory stores.
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
