import { memoryStores } from '../../storage/memory/memory-stores';
import { MemoryActionStore } from '../../storage/memory/memory-action-store';
import { MemoryStorage } from '../../storage/memory/memory-table';
import { MemoryAddReceiptStore } from '../../storage/memory/memory-add-receipt-store';
import { MemoryDiscussionStore } from '../../storage/memory/memory-discussion-store';
import { MemoryGroupStore } from '../../storage/memory/memory-group-store';
import { addReceiptStoreContract } from './contracts/add-receipt-store.contract';
import { actionStoreContract } from './contracts/action-store.contract';
import { bindingStoreContract } from './contracts/binding-store.contract';
import { conversationDirectoryContract } from './contracts/conversation-directory.contract';
import { conversationStoreContract } from './contracts/conversation-store.contract';
import { directoryStoreContract } from './contracts/directory-store.contract';
import { discussionStoreContract } from './contracts/discussion-store.contract';
import { dueIndexContract } from './contracts/due-index.contract';
import { groupStoreContract } from './contracts/group-store.contract';
import { operationStoreContract } from './contracts/operation-store.contract';
import { reminderClaimsContract } from './contracts/reminder-claims.contract';
import { reportStoreContract } from './contracts/report-store.contract';

/**
 * The in-memory twins (storage/memory/) against the same contract suites as the Table stores
 * (table-contracts.test.ts), so a handler test on memory stores proves what it would on Azurite.
 */
const IMPLEMENTATION = 'in memory';
const fresh = async () => memoryStores();

groupStoreContract(IMPLEMENTATION, async () => (await fresh()).groups);
actionStoreContract(
  IMPLEMENTATION,
  async () => new MemoryActionStore(new MemoryStorage().table('groups')),
);
actionStoreContract(
  `${IMPLEMENTATION}, due index kept in step`,
  async () => (await fresh()).actions,
);
discussionStoreContract(IMPLEMENTATION, async () => (await fresh()).discussion);
bindingStoreContract(IMPLEMENTATION, async () => (await fresh()).bindings);
reportStoreContract(IMPLEMENTATION, async () => (await fresh()).reports);
conversationStoreContract(IMPLEMENTATION, async () => (await fresh()).conversations);
conversationDirectoryContract(IMPLEMENTATION, fresh);
dueIndexContract(IMPLEMENTATION, async () => (await fresh()).dueIndex);
reminderClaimsContract(IMPLEMENTATION, async () => (await fresh()).reminderClaims);
operationStoreContract(IMPLEMENTATION, async () => (await fresh()).operations);
directoryStoreContract(IMPLEMENTATION, async () => (await fresh()).people);
addReceiptStoreContract(IMPLEMENTATION, async () => {
  const groups = new MemoryStorage().table('groups');
  let now = new Date();
  return {
    receipts: new MemoryAddReceiptStore(groups),
    actions: new MemoryActionStore(groups, { now: () => now }),
    groups: new MemoryGroupStore(groups),
    discussion: new MemoryDiscussionStore(groups),
    setClock: (at) => {
      now = at;
    },
  };
});
