import type { ConversationRecord, ConversationStore } from '../../../core/conversation';
import { scribbleOn, type OpenStore } from './contract-fixtures';

export function conversationRecord(
  conversationId: string,
  overrides: Partial<ConversationRecord> = {},
): ConversationRecord {
  return {
    conversationId,
    kind: 'channel',
    tenantId: 'tenant-1',
    reference: {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/emea/',
      conversation: { id: conversationId, tenantId: 'tenant-1' },
    },
    updatedAt: '2022-03-01T00:00:00.000Z',
    ...overrides,
  };
}

/** What every ConversationStore does (core/conversation.ts), run against each implementation. */
export function conversationStoreContract(
  implementation: string,
  open: OpenStore<ConversationStore>,
): void {
  describe(`ConversationStore contract: ${implementation}`, () => {
    let conversations: ConversationStore;
    beforeEach(async () => {
      conversations = await open();
    });

    it('keeps the latest reference of each conversation', async () => {
      const id = '19:ops42@thread.tacv2;messageid=1715000000000';
      expect(await conversations.get(id)).toBeUndefined();
      await conversations.save(conversationRecord(id));
      const moved = conversationRecord(id, {
        reference: { serviceUrl: 'https://smba.example/amer/' },
        updatedAt: '2022-03-02T00:00:00.000Z',
      });
      await conversations.save(moved);
      expect(await conversations.get(id)).toEqual(moved);
      expect(await conversations.get('19:ops42@thread.tacv2')).toBeUndefined();
    });

    it('lists the conversations it keeps, the most recently heard first, as many as asked', async () => {
      await conversations.save(conversationRecord('19:old', { updatedAt: '2022-03-01T00:00:00Z' }));
      await conversations.save(conversationRecord('19:new', { updatedAt: '2022-03-03T00:00:00Z' }));
      await conversations.save(conversationRecord('19:mid', { updatedAt: '2022-03-02T00:00:00Z' }));
      await conversations.claimIntroduction('19:mid', '2022-03-02T00:00:01Z');
      expect((await conversations.listRecent(10)).map((record) => record.conversationId)).toEqual([
        '19:new',
        '19:mid',
        '19:old',
      ]);
      expect((await conversations.listRecent(2)).map((record) => record.conversationId)).toEqual([
        '19:new',
        '19:mid',
      ]);
    });

    it('keeps a personal chat’s user', async () => {
      const record = conversationRecord('a:personal-ada', {
        kind: 'personal',
        userId: '29:ada',
        userAadObjectId: 'aad-ada',
      });
      await conversations.save(record);
      expect(await conversations.get('a:personal-ada')).toEqual(record);
    });

    it('of five install events at once, exactly one introduces the bot, once per conversation', async () => {
      const claims = await Promise.all(
        Array.from({ length: 5 }, () =>
          conversations.claimIntroduction('19:chat@thread.v2', '2022-03-01T00:00:00.000Z'),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await conversations.claimIntroduction('19:chat@thread.v2', '2022-03-02')).toBe(false);
      expect(await conversations.claimIntroduction('19:other@thread.v2', '2022-03-02')).toBe(true);
    });

    it('a caller changing what it saved or got back never changes the stored reference', async () => {
      const record = conversationRecord('19:chat@thread.v2');
      await conversations.save(record);
      scribbleOn(record);
      scribbleOn(await conversations.get('19:chat@thread.v2'));
      expect(await conversations.get('19:chat@thread.v2')).toEqual(
        conversationRecord('19:chat@thread.v2'),
      );
    });
  });
}
