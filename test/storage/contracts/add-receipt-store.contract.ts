import { createAction, type Action } from '../../../core/action';
import { createDiscussionItem } from '../../../core/discussion-item';
import { createGroup } from '../../../core/group';
import { createMeeting } from '../../../core/meeting';
import type { AddReceiptStore } from '../../../core/operations';
import type { ActionStore, DiscussionStore, GroupStore, MeetingStore } from '../../../core/stores';
import { ADA, NOW, draft, type OpenStore } from './contract-fixtures';

/** The stores of one Groups table, with the clock the action store stamps receipts by. */
export interface ReceiptFixture {
  readonly receipts: AddReceiptStore;
  readonly actions: ActionStore;
  readonly groups: GroupStore & MeetingStore;
  readonly discussion: DiscussionStore;
  /** Sets the time receipts written from now on record as stored. */
  setClock(at: Date): void;
}

const T0 = new Date('2022-03-16T09:00:00.000Z');
const days = (n: number) => new Date(T0.getTime() + n * 24 * 3600_000);

/** What every AddReceiptStore does (core/operations.ts), run against each implementation. */
export function addReceiptStoreContract(
  implementation: string,
  open: OpenStore<ReceiptFixture>,
): void {
  describe(`AddReceiptStore contract: ${implementation}`, () => {
    let stores: ReceiptFixture;
    beforeEach(async () => {
      stores = await open();
    });

    const add = (text: string, operationId: string, groupCode = 'CCAG', meeting = 3) =>
      stores.actions.addAction(
        groupCode,
        meeting,
        (ref) => createAction(draft(text), ref, ADA, NOW),
        { operationId },
      );

    it('forgets the receipts stored before the cutoff; a repeat of a recent add is still answered from its receipt', async () => {
      stores.setClock(T0);
      const old = await add('Share the pack', 'card-1:addAction');
      stores.setClock(days(20));
      const recent = await add('Book the room', 'card-2:addAction');

      expect(await stores.receipts.forgetBefore(days(10))).toBe(1);

      stores.setClock(days(21));
      expect(await add('Book the room', 'card-2:addAction')).toEqual(recent);
      // Past the window a repeat is a new add: what the retention setting trades away.
      expect((await add('Share the pack', 'card-1:addAction')).ref).toBe('CCAG03-03');
      const refs = (await stores.actions.listMeetingActions('CCAG', 3)).map((a) => a.ref);
      expect(refs).toEqual([old.ref, recent.ref, 'CCAG03-03']);
      expect(await stores.receipts.forgetBefore(days(10))).toBe(0);
    });

    it('never touches the group, its meetings, actions, counters or discussion items', async () => {
      stores.setClock(T0);
      await stores.groups.createGroupIfMissing(createGroup({ code: 'CCAG', name: 'CCAG' }));
      await stores.groups.createMeetingIfMissing(createMeeting({ groupCode: 'CCAG', number: 3 }));
      await stores.discussion.addDiscussionItem('CCAG', 3, (order) =>
        createDiscussionItem(
          { area: 'Other', text: 'Budget' },
          { meetingCode: 'CCAG003', order },
          ADA,
          NOW,
        ),
      );
      const added: Action[] = [];
      for (const n of [1, 2, 3]) added.push(await add(`action ${n}`, `card-${n}:addAction`));
      const before = await everythingOf(stores);

      expect(await stores.receipts.forgetBefore(days(36_500))).toBe(3);

      expect(await everythingOf(stores)).toEqual(before);
      // The counter is intact: the next add takes the next ref, none reused.
      expect((await add('one more', 'card-4:addAction')).ref).toBe('CCAG03-04');
      expect(added.map((action) => action.ref)).toEqual(['CCAG03-01', 'CCAG03-02', 'CCAG03-03']);
    });

    it('forgets more receipts than one transaction holds in one group, and those of other groups', async () => {
      stores.setClock(T0);
      for (let n = 0; n < 130; n++) await add(`action ${n}`, `card-${n}:addAction`);
      await add('elsewhere', 'card-0:addAction', 'TAG', 1);
      await add('next meeting', 'card-0:addAction', 'CCAG', 4);
      stores.setClock(days(1));
      const young = await add('young', 'card-young:addAction');

      expect(await stores.receipts.forgetBefore(days(1))).toBe(132);

      expect(await stores.actions.listMeetingActions('CCAG', 3)).toHaveLength(131);
      expect(await add('young', 'card-young:addAction')).toEqual(young);
    });

    it('two sweeps at once forget each receipt once between them', async () => {
      stores.setClock(T0);
      for (let n = 0; n < 120; n++) await add(`action ${n}`, `card-${n}:addAction`);
      const [one, other] = await Promise.all([
        stores.receipts.forgetBefore(days(1)),
        stores.receipts.forgetBefore(days(1)),
      ]);
      expect(one + other).toBe(120);
      expect(await stores.actions.listMeetingActions('CCAG', 3)).toHaveLength(120);
    });
  });
}

/** Every row kind but receipts, as the stores read them back. */
async function everythingOf(stores: ReceiptFixture) {
  return {
    group: await stores.groups.getGroup('CCAG'),
    meetings: await stores.groups.listMeetings('CCAG'),
    actions: await stores.actions.listMeetingActions('CCAG', 3),
    discussion: await stores.discussion.listDiscussionItems('CCAG', 3, { includeDeleted: true }),
  };
}
