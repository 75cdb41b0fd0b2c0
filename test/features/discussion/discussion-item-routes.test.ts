import type { Activity } from 'botbuilder';
import { CARD_VERBS } from '../../../cards/card-verbs';
import {
  DISCUSSION_CARD_BUTTONS,
  DISCUSSION_CARD_INPUTS,
} from '../../../cards/discussion-item-card';
import { ADA, cardAction, GRACE } from '../../support/activities';
import { BotHarness, buttonTitles, inputValue, shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';

const LINUS = {
  id: '29:1Qv-linus',
  name: 'Linus Torvalds',
  aadObjectId: 'a3b4c5d6-7777-4e8f-9a0b-1c2d3e4f5a6b',
};
const ITEM = { meetingCode: 'CCAG003', order: 1 };
const TEXT = 'Actions updates were provided.\n\n- first point';

describe('editing and deleting key discussion items (TestAdapter, Azurite)', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.create({ now: () => new Date('2022-02-23T11:00:00Z') });
    // Ada sets the meeting up (its group's first chair); Grace, a member, writes the item.
    await bot.click(CARD_VERBS.addAction, {
      area: 'Minutes and actions review',
      text: 'First action',
      owner: 'Programme',
      due: '23/03/22',
      groupCode: 'CCAG',
      meetingNumber: '3',
    });
    const added = await bot.click(
      CARD_VERBS.addDiscussion,
      { area: 'Minutes and actions review', text: TEXT },
      'channel',
      GRACE,
    );
    expect(buttonTitles(added.card)).toEqual(
      expect.arrayContaining([DISCUSSION_CARD_BUTTONS.edit, DISCUSSION_CARD_BUTTONS.delete]),
    );
  });

  const stored = async () =>
    (await bot.services.discussion.listDiscussionItems('CCAG', 3, { includeDeleted: true }))[0];

  const edit = (text: string, from = GRACE, extra: Record<string, unknown> = {}) =>
    bot.click(
      CARD_VERBS.editDiscussion,
      {
        ...ITEM,
        [DISCUSSION_CARD_INPUTS.editArea]: 'Minutes and actions review',
        [DISCUSSION_CARD_INPUTS.editText]: text,
        ...extra,
      },
      'channel',
      from,
    );

  it('its author edits it: the card shows the new text and who edited it', async () => {
    const { status, card } = await edit('Updates were provided by the PMO.');
    expect(status).toBe(200);
    expectValidCard(card);
    expect(shownText(card)).toContain('Updates were provided by the PMO.');
    expect(shownText(card)).toContain('Edited by Grace Hopper');
    expect(buttonTitles(card)).toContain(DISCUSSION_CARD_BUTTONS.edit);
    expect(await stored()).toMatchObject({ text: 'Updates were provided by the PMO.' });
    expect((await stored())?.history).toHaveLength(1);
  });

  it('a chair deletes it with a reason: it leaves the report and the card has no buttons', async () => {
    const { card } = await bot.click(
      CARD_VERBS.deleteDiscussion,
      { ...ITEM, [DISCUSSION_CARD_INPUTS.deleteReason]: 'Duplicate' },
      'channel',
      ADA,
    );
    expectValidCard(card);
    expect(shownText(card)).toContain('Deleted: not in the headline report.');
    expect(shownText(card)).toContain('Duplicate');
    expect(buttonTitles(card)).not.toContain(DISCUSSION_CARD_BUTTONS.edit);
    expect(await bot.services.discussion.listDiscussionItems('CCAG', 3)).toEqual([]);
    expect(await stored()).toMatchObject({ state: 'deleted' });
  });

  it('refuses another member, saying who may, with no buttons, changing nothing', async () => {
    const { card } = await edit('Rewritten by Linus', LINUS);
    expectValidCard(card);
    expect(shownText(card)).toMatch(/Only its author \(Grace Hopper\) and the group's chairs/);
    expect(JSON.stringify(card)).not.toContain('Rewritten by Linus'); // no buttons, so no form
    expect(buttonTitles(card)).not.toContain(DISCUSSION_CARD_BUTTONS.edit);
    const deleted = await bot.click(CARD_VERBS.deleteDiscussion, ITEM, 'channel', LINUS);
    expect(shownText(deleted.card)).toMatch(/may delete this discussion item/);
    expect(await stored()).toMatchObject({ text: TEXT });
    expect((await stored())?.state).toBeUndefined();
  });

  it('keeps the typed text on the form when the author’s edit is invalid', async () => {
    const { card } = await edit('   ', GRACE, { [DISCUSSION_CARD_INPUTS.editArea]: 'Risks' });
    expectValidCard(card);
    expect(shownText(card)).not.toContain('Edited by');
    expect(inputValue(card, DISCUSSION_CARD_INPUTS.editArea)).toBe('Risks');
    expect(await stored()).toMatchObject({ text: TEXT });
  });

  it('refuses a click from another tenant on this conversation', async () => {
    const activity = cardAction(CARD_VERBS.deleteDiscussion, ITEM, 'channel', {
      from: ADA,
    }) as Record<string, unknown> & { conversation: Record<string, unknown> };
    const foreign = '0f0f0f0f-1111-4222-8333-444455556666';
    activity.conversation = { ...activity.conversation, tenantId: foreign };
    activity.channelData = { ...(activity.channelData as object), tenant: { id: foreign } };
    await bot.adapter.processActivity(activity as unknown as Partial<Activity>);
    await bot.bot.whenIdle();
    const replies = bot.adapter.activeQueue.splice(0);
    expect(replies.length).toBeGreaterThan(0);
    expect(JSON.stringify(replies)).not.toContain('Deleted by');
    expect((await stored())?.state).toBeUndefined();
  });

  it('refuses an item of another group named on a forged card', async () => {
    const { card } = await bot.click(
      CARD_VERBS.deleteDiscussion,
      { meetingCode: 'ABCD003', order: 1 },
      'channel',
      ADA,
    );
    expect(shownText(card)).toMatch(/not an item of this group/);
    expect((await stored())?.state).toBeUndefined();
  });

  it('changes once when the same Save is clicked twice', async () => {
    await edit('Once only.', GRACE, { op: 'same-click' });
    const again = await edit('Once only.', GRACE, { op: 'same-click' });
    expect(again.status).toBe(200);
    expect(shownText(again.card)).not.toMatch(/Nothing was changed/);
    expect((await stored())?.history).toHaveLength(1);
  });
});
