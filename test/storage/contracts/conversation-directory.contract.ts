import type { ConversationStore } from '../../../core/conversation';
import type { ConversationDirectory } from '../../../core/reminders/reminder-stores';
import type { BindingStore } from '../../../core/stores';
import { conversationRecord } from './conversation-store.contract';
import type { OpenStore } from './contract-fixtures';

/** A directory and the stores that write what it reads (one Conversations table). */
export interface DirectoryFixture {
  readonly directory: ConversationDirectory;
  readonly conversations: ConversationStore;
  readonly bindings: BindingStore;
}

const CHANNEL = '19:ops42@thread.tacv2';

/**
 * What every ConversationDirectory does (core/reminders/reminder-stores.ts) over what the
 * ConversationStore and BindingStore beside it wrote, run against each implementation.
 */
export function conversationDirectoryContract(
  implementation: string,
  open: OpenStore<DirectoryFixture>,
): void {
  describe(`ConversationDirectory contract: ${implementation}`, () => {
    let stores: DirectoryFixture;
    beforeEach(async () => {
      stores = await open();
    });

    const personal = (id: string, userId: string, aad: string | undefined, updatedAt: string) =>
      stores.conversations.save(
        conversationRecord(id, {
          kind: 'personal',
          userId,
          ...(aad ? { userAadObjectId: aad } : {}),
          updatedAt,
        }),
      );

    it('finds a user’s personal chat by Teams id or by Entra object id, the latest first', async () => {
      await personal('a:ada-old', '29:ada', 'aad-ada', '2022-03-01T00:00:00.000Z');
      await personal('a:ada-new', '29:ada-other-tenant', 'aad-ada', '2022-03-05T00:00:00.000Z');
      await personal('a:grace', '29:grace', undefined, '2022-03-09T00:00:00.000Z');
      // A group chat with the same user id is not a personal chat.
      await stores.conversations.save(
        conversationRecord('19:group@thread.v2', { kind: 'groupChat', userId: '29:ada' }),
      );

      const byAad = await stores.directory.personalChatOf({ id: '29:ada', aadObjectId: 'aad-ada' });
      expect(byAad?.conversationId).toBe('a:ada-new');
      const byId = await stores.directory.personalChatOf({ id: '29:ada' });
      expect(byId?.conversationId).toBe('a:ada-old');
      expect(await stores.directory.personalChatOf({ id: '29:nobody' })).toBeUndefined();
    });

    it('posts in a conversation by its own reference, or for a channel by its latest thread', async () => {
      expect(await stores.directory.referenceFor(CHANNEL)).toBeUndefined();
      for (const [thread, updatedAt] of [
        ['1715000000000', '2022-03-01T00:00:00.000Z'],
        ['1715000000999', '2022-03-04T00:00:00.000Z'],
        ['1715000000500', '2022-03-02T00:00:00.000Z'],
      ] as const) {
        await stores.conversations.save(
          conversationRecord(`${CHANNEL};messageid=${thread}`, { updatedAt }),
        );
      }
      // Another channel whose id starts with this one's is not one of its threads.
      await stores.conversations.save(
        conversationRecord('19:ops42@thread.tacv2x;messageid=1', { updatedAt: '2022-03-09' }),
      );
      expect((await stores.directory.referenceFor(CHANNEL))?.conversationId).toBe(
        `${CHANNEL};messageid=1715000000999`,
      );
      await stores.conversations.save(conversationRecord(CHANNEL));
      expect((await stores.directory.referenceFor(CHANNEL))?.conversationId).toBe(CHANNEL);
    });

    it('lists the conversations bound to a group, channels first', async () => {
      await stores.bindings.bind('19:meeting_abc@thread.v2', {
        groupCode: 'CCAG',
        meetingNumber: 3,
      });
      await stores.bindings.bind(CHANNEL, { groupCode: 'CCAG' });
      await stores.bindings.bind('19:other@thread.skype', { groupCode: 'TAG' });
      await stores.bindings.bind('19:moved@thread.tacv2', { groupCode: 'CCAG' });
      await stores.bindings.bind('19:moved@thread.tacv2', { groupCode: 'TAG' });
      const bound = await stores.directory.conversationsOf('CCAG');
      expect(bound).toEqual([CHANNEL, '19:meeting_abc@thread.v2']);
      expect(await stores.directory.conversationsOf('NONE')).toEqual([]);
    });
  });
}
