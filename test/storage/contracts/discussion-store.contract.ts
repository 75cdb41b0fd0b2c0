import {
  createDiscussionItem,
  deleteDiscussionItem,
  editDiscussionItem,
  type DiscussionItem,
} from '../../../core/discussion-item';
import { NotFoundError, ValidationError } from '../../../core/errors';
import type { DiscussionStore } from '../../../core/stores';
import { ADA, NOW, scribbleOn, type OpenStore } from './contract-fixtures';

function item(meetingCode: string, order: number, text = `item ${order}`): DiscussionItem {
  return createDiscussionItem({ area: 'Other', text }, { meetingCode, order }, ADA, NOW);
}

/** What every DiscussionStore does (core/stores.ts), run against each implementation. */
export function discussionStoreContract(
  implementation: string,
  open: OpenStore<DiscussionStore>,
): void {
  describe(`DiscussionStore contract: ${implementation}`, () => {
    let discussion: DiscussionStore;
    beforeEach(async () => {
      discussion = await open();
    });

    it('numbers discussion items 1, 2, 3 … when added at once', async () => {
      await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((text) =>
          discussion.addDiscussionItem('CCAG', 3, (order) => item('CCAG003', order, text)),
        ),
      );
      const items = await discussion.listDiscussionItems('CCAG', 3);
      expect(items.map((stored) => stored.order)).toEqual([1, 2, 3, 4, 5]);
      expect(items.map((stored) => stored.text).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('lists only the meeting’s items, in order past 9', async () => {
      for (const order of [10, 2, 9]) await discussion.importDiscussionItem(item('CCAG003', order));
      await discussion.importDiscussionItem(item('CCAG004', 1));
      await discussion.importDiscussionItem(item('TAG003', 1));
      expect((await discussion.listDiscussionItems('CCAG', 3)).map((i) => i.order)).toEqual([
        2, 9, 10,
      ]);
    });

    it('imports an item at its own position once, and adds the next one after it', async () => {
      expect(await discussion.importDiscussionItem(item('CCAG003', 4, 'imported'))).toBe(true);
      expect(await discussion.importDiscussionItem(item('CCAG003', 4, 'again'))).toBe(false);
      const next = await discussion.addDiscussionItem('CCAG', 3, (order) => item('CCAG003', order));
      expect(next.order).toBe(5);
      expect((await discussion.listDiscussionItems('CCAG', 3)).map((i) => i.text)).toEqual([
        'imported',
        'item 5',
      ]);
    });

    it('refuses to import an item whose meeting code is not one', async () => {
      await expect(
        discussion.importDiscussionItem({ ...item('CCAG003', 1), meetingCode: 'nonsense' }),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('changes an item in place; a deleted one is listed only when asked for', async () => {
      const chair = { person: ADA, isChair: true };
      for (const text of ['first', 'second']) {
        await discussion.addDiscussionItem('CCAG', 3, (order) => item('CCAG003', order, text));
      }
      const edited = await discussion.updateDiscussionItem('CCAG', 3, 2, (current) =>
        editDiscussionItem(current, { area: 'Other', text: 'second, edited' }, chair, NOW),
      );
      await discussion.updateDiscussionItem('CCAG', 3, 1, (current) =>
        deleteDiscussionItem(current, chair, NOW, 'duplicate'),
      );
      expect(await discussion.listDiscussionItems('CCAG', 3)).toEqual([edited]);
      const all = await discussion.listDiscussionItems('CCAG', 3, { includeDeleted: true });
      expect(all.map((stored) => [stored.order, stored.state, stored.history?.length])).toEqual([
        [1, 'deleted', 1],
        [2, undefined, 1],
      ]);
    });

    it('two changes at once both land; an item not there is not found, nor moved', async () => {
      const chair = { person: ADA, isChair: true };
      await discussion.addDiscussionItem('CCAG', 3, (order) => item('CCAG003', order, 'start'));
      await Promise.all(
        ['a', 'b'].map((text) =>
          discussion.updateDiscussionItem('CCAG', 3, 1, (current) =>
            editDiscussionItem(
              current,
              { area: 'Other', text: `${current.text} ${text}` },
              chair,
              NOW,
            ),
          ),
        ),
      );
      const [stored] = await discussion.listDiscussionItems('CCAG', 3);
      expect(stored?.text).toMatch(/^start (a b|b a)$/);
      await expect(
        discussion.updateDiscussionItem('CCAG', 3, 9, (current) => current),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        discussion.updateDiscussionItem('CCAG', 3, 1, (current) => ({ ...current, order: 2 })),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('a caller changing what it got back never changes the stored item', async () => {
      const added = await discussion.addDiscussionItem('CCAG', 3, (order) =>
        item('CCAG003', order, 'as said'),
      );
      scribbleOn(added);
      scribbleOn((await discussion.listDiscussionItems('CCAG', 3))[0]);
      expect(await discussion.listDiscussionItems('CCAG', 3)).toEqual([
        item('CCAG003', 1, 'as said'),
      ]);
    });
  });
}
