import { IndexedActionStore } from '../../storage/indexed-action-store';
import { TableActionStore } from '../../storage/table-action-store';
import { TableAddReceiptStore } from '../../storage/table-add-receipt-store';
import { TableBindingStore } from '../../storage/table-binding-store';
import { TableConversationDirectory } from '../../storage/table-conversation-directory';
import { TableConversationStore } from '../../storage/table-conversation-store';
import { TableDiscussionStore } from '../../storage/table-discussion-store';
import { TableDueIndex } from '../../storage/table-due-index';
import { TableGroupStore } from '../../storage/table-group-store';
import { TableReminderClaims } from '../../storage/table-reminder-claims';
import { TableOperationStore } from '../../storage/table-operation-store';
import { TableReportStore } from '../../storage/table-report-store';
import { freshTableStorage } from '../support/test-storage';
import { actionStoreContract } from './contracts/action-store.contract';
import { addReceiptStoreContract } from './contracts/add-receipt-store.contract';
import { bindingStoreContract } from './contracts/binding-store.contract';
import { conversationDirectoryContract } from './contracts/conversation-directory.contract';
import { conversationStoreContract } from './contracts/conversation-store.contract';
import { discussionStoreContract } from './contracts/discussion-store.contract';
import { dueIndexContract } from './contracts/due-index.contract';
import { groupStoreContract } from './contracts/group-store.contract';
import { reminderClaimsContract } from './contracts/reminder-claims.contract';
import { operationStoreContract } from './contracts/operation-store.contract';
import { reportStoreContract } from './contracts/report-store.contract';

/**
 * The Table stores on the run's Azurite (the real Table API) against the contract suites the
 * in-memory twins pass too (memory-contracts.test.ts). Each test gets tables of its own.
 * Table-only behaviour (key encoding, entity size, Azurite quirks) stays in stores.test.ts and
 * table-storage.test.ts.
 */
const IMPLEMENTATION = 'Table Storage (Azurite)';

groupStoreContract(IMPLEMENTATION, async () => {
  return new TableGroupStore((await freshTableStorage()).table('groups'));
});
actionStoreContract(IMPLEMENTATION, async () => {
  return new TableActionStore((await freshTableStorage()).table('groups'));
});
actionStoreContract(`${IMPLEMENTATION}, due index kept in step`, async () => {
  const storage = await freshTableStorage();
  return new IndexedActionStore(
    new TableActionStore(storage.table('groups')),
    new TableDueIndex(storage.table('dueIndex')),
    (ref, error) => {
      throw new Error(`due index not updated for ${ref}: ${String(error)}`);
    },
  );
});
discussionStoreContract(IMPLEMENTATION, async () => {
  return new TableDiscussionStore((await freshTableStorage()).table('groups'));
});
bindingStoreContract(IMPLEMENTATION, async () => {
  return new TableBindingStore((await freshTableStorage()).table('conversations'));
});
reportStoreContract(IMPLEMENTATION, async () => {
  return new TableReportStore((await freshTableStorage()).table('groups'));
});
conversationStoreContract(IMPLEMENTATION, async () => {
  return new TableConversationStore((await freshTableStorage()).table('conversations'));
});
conversationDirectoryContract(IMPLEMENTATION, async () => {
  const table = (await freshTableStorage()).table('conversations');
  return {
    directory: new TableConversationDirectory(table),
    conversations: new TableConversationStore(table),
    bindings: new TableBindingStore(table),
  };
});
dueIndexContract(IMPLEMENTATION, async () => {
  return new TableDueIndex((await freshTableStorage()).table('dueIndex'));
});
reminderClaimsContract(IMPLEMENTATION, async () => {
  return new TableReminderClaims((await freshTableStorage()).table('reminders'));
});
// The Table OperationStore and DirectoryStore run operationStoreContract and
// directoryStoreContract (./contracts/) here once they land, as the memory twins do.
operationStoreContract(IMPLEMENTATION, async () => {
  return new TableOperationStore((await freshTableStorage()).table('operations'));
});
addReceiptStoreContract(IMPLEMENTATION, async () => {
  const groups = (await freshTableStorage()).table('groups');
  let now = new Date();
  return {
    receipts: new TableAddReceiptStore(groups),
    actions: new TableActionStore(groups, { now: () => now }),
    groups: new TableGroupStore(groups),
    discussion: new TableDiscussionStore(groups),
    setClock: (at) => {
      now = at;
    },
  };
});
