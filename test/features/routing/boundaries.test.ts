import { CARD_VERBS } from '../../../cards/card-verbs';
import { COMMANDS } from '../../../core/commands';
import { cardAction, GRACE, message, type Surface } from '../../support/activities';
import { BotHarness, shownText } from '../../support/bot-harness';

/**
 * Every route, tried as someone outside the group would: a member of another tenant in their own
 * conversations (whose meeting chat makes them its organizer), and a member of the same tenant
 * in a conversation never bound to the group. Whatever the card data names (the group's code,
 * its refs, its meeting), nothing changes and nothing of the group shows.
 */
const FOREIGN_TENANT = '0c0ffee0-0000-4000-8000-00000000f00d';
const MALLORY = { id: '29:1Qv-mallory', name: 'Mallory Mayhem', aadObjectId: 'mallory-object-id' };

const LEGACY_BOUND_CHANNEL = '19:legacy-bound@thread.tacv2';

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

/** Data a forged card would carry for any verb: the group's ref, code and meeting. */
const FORGED: Record<string, unknown> = {
  ref: 'CCAG03-01',
  refs: ['CCAG03-01'],
  owner: 'the owner',
  updateText: 'Hijacked update',
  'updateText-CCAG03-01': 'Hijacked update',
  due: '30/03/22',
  'due-CCAG03-01': '30/03/22',
  dueReason: 'hijack',
  'reason-CCAG03-01': 'hijack',
  cancelReason: 'hijack',
  editArea: 'Hijacked',
  editText: 'Hijacked text',
  editOwner: 'Mallory Mayhem',
  area: 'Hijacked',
  text: 'Hijacked action',
  groupCode: 'CCAG',
  groupName: 'Hijacked group',
  meetingNumber: 3,
  number: '3',
  date: '2022-02-23',
  startTime: '10:00',
  endTime: '12:00',
  venue: 'Elsewhere',
  classification: 'Public',
  filter: 'list',
  page: 1,
  days: 7,
  daysBefore: '0',
  onDueDate: 'false',
  overdueEveryDays: '1',
  sendAt: '03:00',
  weekends: 'true',
  stopAfterOverdue: '0',
  order: 1,
  meetingCode: 'CCAG003',
};

const TYPED = [
  ...COMMANDS.map((command) => `${command.name} CCAG003`),
  'show CCAG03-01',
  'remind CCAG03-01',
  'CCAG03-01',
  'CCAG03-01 done',
  'CCAG03-01 reopen',
  'CCAG03-01 update Hijacked update',
  'CCAG03-01 due 30/03/22 hijack',
];

/** Who tries, and where. */
const INTRUDERS: Array<{ name: string; surface: Surface; envelope: Record<string, unknown> }> = [
  ...(['personal', 'groupChat', 'channel', 'meetingChat'] as const).map((surface) => ({
    name: `another tenant's ${surface}`,
    surface,
    envelope: { tenantId: FOREIGN_TENANT, from: MALLORY },
  })),
  {
    // A binding written before groups were kept to their tenant: it must count for nothing.
    name: "another tenant's channel bound to the group before tenants were checked",
    surface: 'channel' as const,
    envelope: { tenantId: FOREIGN_TENANT, from: MALLORY, conversationId: LEGACY_BOUND_CHANNEL },
  },
  {
    name: 'an unbound group chat of the same tenant',
    surface: 'groupChat' as const,
    envelope: { conversationId: '19:never-set-up@thread.v2', from: GRACE },
  },
  {
    name: "a non-owner's personal chat in the same tenant",
    surface: 'personal' as const,
    envelope: { conversationId: 'a:1Xk9-grace-personal', from: GRACE },
  },
];

describe('the front door keeps a group to its own conversations and tenant', () => {
  let bot: BotHarness;
  let before: string;

  beforeAll(async () => {
    bot = await BotHarness.create({ stores: 'memory' });
    // Ada sets CCAG003 up in her team's channel with its first action and a discussion item.
    await bot.click(CARD_VERBS.addAction, ACTION);
    await bot.click(CARD_VERBS.addDiscussion, { area: 'Design baseline', text: 'Agreed scope' });
    await bot.services.bindings.bind(LEGACY_BOUND_CHANNEL, { groupCode: 'CCAG' });
    before = await snapshot(bot);
  });

  async function snapshot(harness: BotHarness): Promise<string> {
    const { services } = harness;
    return JSON.stringify({
      groups: await services.groups.listGroups(),
      meetings: await services.groups.listMeetings('CCAG'),
      actions: await services.actions.listMeetingActions('CCAG', 3),
      discussion: await services.discussion.listDiscussionItems('CCAG', 3),
    });
  }

  const discloses = (text: string) =>
    text.includes(ACTION.text) || text.includes('Agreed scope') || text.includes('Ada Lovelace');

  for (const intruder of INTRUDERS) {
    describe(`from ${intruder.name}`, () => {
      it.each(Object.values(CARD_VERBS))(
        'the %s button changes and shows nothing',
        async (verb) => {
          const answer = await bot.deliver(
            cardAction(verb, { ...FORGED }, intruder.surface, intruder.envelope),
          );
          expect(await snapshot(bot)).toBe(before);
          const shown = [answer.card, ...answer.sent].map((item) => shownText(item)).join('\n');
          expect(discloses(shown)).toBe(false);
          // Nor does it bind the intruder's conversation to the group.
          const conversationId = String(
            (
              cardAction(verb, {}, intruder.surface, intruder.envelope).conversation as {
                id: string;
              }
            ).id,
          ).split(';')[0];
          if (conversationId !== LEGACY_BOUND_CHANNEL) {
            expect(await bot.services.bindings.getBinding(conversationId ?? '')).toBeUndefined();
          }
        },
      );

      it.each(TYPED)('typing "%s" changes and shows nothing', async (text) => {
        const answer = await bot.deliver(message(text, intruder.surface, intruder.envelope));
        expect(await snapshot(bot)).toBe(before);
        const shown = answer.sent.map((item) => `${shownText(item)} ${item.text ?? ''}`).join('\n');
        expect(discloses(shown)).toBe(false);
      });
    });
  }

  it('tells someone of another tenant naming a taken code the same as a member who may not', async () => {
    const foreign = await bot.deliver(
      cardAction(CARD_VERBS.addAction, ACTION, 'channel', {
        tenantId: FOREIGN_TENANT,
        from: MALLORY,
      }),
    );
    const sameTenant = await bot.deliver(
      cardAction(CARD_VERBS.addAction, ACTION, 'groupChat', {
        conversationId: '19:never-set-up@thread.v2',
        from: GRACE,
      }),
    );
    expect(shownText(foreign.card)).toContain('CCAG is already in use');
    expect(shownText(foreign.card)).toBe(shownText(sameTenant.card));
    // The form comes back with what was typed.
    expect(JSON.stringify(foreign.card)).toContain(ACTION.text);
  });
});
