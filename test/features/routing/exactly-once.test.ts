import type { Activity } from 'botbuilder';
import { CARD_VERBS } from '../../../cards/card-verbs';
import { reminderInputIds } from '../../../cards/reminders/reminder-card';
import { ADA, cardAction, type Surface } from '../../support/activities';
import { BotHarness } from '../../support/bot-harness';

/**
 * Teams delivers an invoke at least once and people double-click: two identical invokes from one
 * card (the same button's nonce, the same data) change data once and get the same answer, whether
 * they arrive one after the other or at the same moment.
 */
const ACTION = {
  area: 'Design baseline',
  text: 'Provide detail on Operational Choreography design artefact content',
  owner: 'Ada Lovelace',
  due: '2022-03-23',
  confirmPast: 'true',
  update: '',
  groupCode: 'CCAG',
  meetingNumber: '3',
};

type Case = {
  verb: string;
  data: Record<string, unknown>;
  surface?: Surface;
  /** A figure that moves by one when the change is made once. */
  count: (bot: BotHarness) => Promise<number>;
};

const actionOne = (bot: BotHarness) => bot.services.actions.getAction('CCAG03-01');

const CASES: Case[] = [
  {
    verb: CARD_VERBS.addAction,
    data: { ...ACTION, text: 'A second action' },
    count: async (bot) => (await bot.services.actions.listMeetingActions('CCAG', 3)).length,
  },
  {
    verb: CARD_VERBS.addUpdate,
    data: { ref: 'CCAG03-01', updateText: 'Shared with the PMO' },
    count: async (bot) => (await actionOne(bot))?.updates.length ?? 0,
  },
  {
    verb: CARD_VERBS.changeDueDate,
    data: {
      ref: 'CCAG03-01',
      due: '30/03/22',
      dueReason: 'waiting on Ofgem',
      dueConfirmPast: 'true',
    },
    count: async (bot) => (await actionOne(bot))?.history.length ?? 0,
  },
  {
    verb: CARD_VERBS.markDone,
    data: { ref: 'CCAG03-01' },
    count: async (bot) => (await actionOne(bot))?.history.length ?? 0,
  },
  {
    verb: CARD_VERBS.editAction,
    data: {
      ref: 'CCAG03-01',
      editArea: 'Smart data',
      editText: ACTION.text,
      editOwner: 'Ada Lovelace',
    },
    count: async (bot) => (await actionOne(bot))?.history.length ?? 0,
  },
  {
    verb: CARD_VERBS.addDiscussion,
    data: { area: 'Design baseline', text: 'Agreed the scope' },
    count: async (bot) => (await bot.services.discussion.listDiscussionItems('CCAG', 3)).length,
  },
  {
    verb: CARD_VERBS.issueReport,
    data: { groupCode: 'CCAG', meetingNumber: 3 },
    count: async (bot) => {
      const group = await bot.services.groups.getGroup('CCAG');
      const meeting = await bot.services.groups.getMeeting('CCAG', 3);
      return group && meeting ? (await bot.reports.listIssued({ group, meeting })).length : 0;
    },
  },
  {
    verb: CARD_VERBS.reminderUpdate,
    surface: 'personal',
    data: {
      ref: 'CCAG03-01',
      refs: ['CCAG03-01'],
      owner: 'Ada Lovelace',
      [reminderInputIds('CCAG03-01').updateText]: 'From the reminder',
    },
    count: async (bot) => (await actionOne(bot))?.updates.length ?? 0,
  },
  {
    verb: CARD_VERBS.cancel,
    data: { ref: 'CCAG03-01', cancelReason: 'duplicate of CCAG03-02' },
    count: async (bot) => (await actionOne(bot))?.history.length ?? 0,
  },
];

async function setUp(): Promise<BotHarness> {
  const bot = await BotHarness.create({ stores: 'memory' });
  await bot.click(CARD_VERBS.addAction, ACTION);
  return bot;
}

/** Delivers the same invokes at once and returns each answer's card. */
async function atOnce(bot: BotHarness, invokes: unknown[]): Promise<unknown[]> {
  await Promise.all(
    invokes.map((invoke) => bot.adapter.processActivity(invoke as Partial<Activity>)),
  );
  await bot.bot.whenIdle();
  const sent: Partial<Activity>[] = [];
  while (bot.adapter.activeQueue.length > 0) {
    const next = bot.adapter.activeQueue.shift();
    if (next) sent.push(next);
  }
  return sent
    .filter((activity) => activity.type === 'invokeResponse')
    .map((activity) => (activity.value as { body: { value: unknown } }).body.value);
}

describe('a double click changes data once and answers the same', () => {
  it.each(CASES.map((item) => [item.verb, item] as const))(
    '%s, one click after the other',
    async (_verb, item) => {
      const bot = await setUp();
      const start = await item.count(bot);
      const invoke = cardAction(
        item.verb,
        { ...item.data, op: 'nonce-of-this-button' },
        item.surface,
        { from: ADA },
      );
      const first = await bot.deliver(invoke);
      const second = await bot.deliver(invoke);
      expect(await item.count(bot)).toBe(start + 1);
      expect(second.card).toEqual(first.card);
    },
  );

  it.each(CASES.map((item) => [item.verb, item] as const))(
    '%s, both clicks at the same moment',
    async (_verb, item) => {
      const bot = await setUp();
      const start = await item.count(bot);
      const invoke = cardAction(
        item.verb,
        { ...item.data, op: 'nonce-of-this-button' },
        item.surface,
        { from: ADA },
      );
      const answers = await atOnce(bot, [invoke, invoke]);
      expect(await item.count(bot)).toBe(start + 1);
      expect(answers).toHaveLength(2);
      expect(answers[1]).toEqual(answers[0]);
    },
  );

  it('a card without nonces is still one operation per clicked message and data', async () => {
    const bot = await setUp();
    const invoke = cardAction(CARD_VERBS.addUpdate, {
      ref: 'CCAG03-01',
      updateText: 'Once',
      op: undefined,
    });
    await bot.deliver(invoke);
    await bot.deliver(invoke);
    expect((await actionOne(bot))?.updates).toHaveLength(1);
  });

  it('the same button on the card that replaced it is a new operation', async () => {
    const bot = await setUp();
    await bot.click(CARD_VERBS.addUpdate, { ref: 'CCAG03-01', updateText: 'First' });
    await bot.click(CARD_VERBS.addUpdate, { ref: 'CCAG03-01', updateText: 'First' });
    expect((await actionOne(bot))?.updates).toHaveLength(2);
  });

  it('a refused click gives its key back, so the corrected retry of that button runs', async () => {
    const bot = await setUp();
    const op = 'nonce-of-the-update-button';
    const refused = await bot.deliver(
      cardAction(CARD_VERBS.addUpdate, { ref: 'CCAG03-01', updateText: '', op }),
    );
    expect(JSON.stringify(refused.card)).toMatch(/Update/);
    await bot.deliver(
      cardAction(CARD_VERBS.addUpdate, { ref: 'CCAG03-01', updateText: 'Now', op }),
    );
    expect((await actionOne(bot))?.updates.map((update) => update.text)).toEqual(['Now']);
  });
});
