import { CARD_VERBS } from '../../../cards/card-verbs';
import { reminderInputIds } from '../../../cards/reminders/reminder-card';
import { ADA, GRACE, cardAction } from '../../support/activities';
import { BotHarness, shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';
import { ConnectorStub } from '../../support/connector-stub';
import { startTestApp } from '../../support/test-app';

const FORM = {
  area: 'Minutes and actions review',
  text: 'Provide detail on Operational Choreography design artefact content',
  owner: 'Programme (Justin Andrews)',
  due: '30/03/22',
  confirmPast: 'true',
  update: '',
  groupCode: 'CCAG',
  meetingNumber: '3',
};
const CARD = { refs: ['CCAG03-01'], owner: 'Ada Lovelace' };

describe('reminder card buttons (TestAdapter, in-memory stores)', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.create({
      now: () => new Date('2022-03-30T09:00:00Z'),
      stores: 'memory',
    });
    await bot.click(CARD_VERBS.addAction, FORM);
  });

  it('adds an update, moves the due date with a reason and marks done, redrawing the digest', async () => {
    const ids = reminderInputIds('CCAG03-01');
    const updated = await bot.click(CARD_VERBS.reminderUpdate, {
      ...CARD,
      ref: 'CCAG03-01',
      [ids.updateText]: 'Draft shared',
    });
    expectValidCard(updated.card);
    expect(shownText(updated.card)).toMatch(/CCAG03-01: update added by Ada Lovelace/);

    const refused = await bot.click(CARD_VERBS.reminderDueDate, {
      ...CARD,
      ref: 'CCAG03-01',
      [ids.due]: '06/04/22',
    });
    expect(shownText(refused.card)).toMatch(/Say why the due date moves/);
    expect((await bot.services.actions.getAction('CCAG03-01'))?.due?.date).toBe('2022-03-30');

    const moved = await bot.click(CARD_VERBS.reminderDueDate, {
      ...CARD,
      ref: 'CCAG03-01',
      [ids.due]: '06/04/22',
      [ids.reason]: 'waiting for Ofgem',
    });
    expect(shownText(moved.card)).toMatch(/Due in 7 days[\s\S]*06\/04\/22/);

    const done = await bot.click(CARD_VERBS.reminderDone, { ...CARD, ref: 'CCAG03-01' });
    expectValidCard(done.card);
    expect(shownText(done.card)).toMatch(/CCAG03-01\s+· Done/);
    const stored = await bot.services.actions.getAction('CCAG03-01');
    expect(stored?.history.map((entry) => entry.change.kind)).toEqual([
      'created',
      'updateAdded',
      'dueDateChanged',
      'stateChanged',
    ]);
  });

  it('snoozes for a week and mutes, recorded in the history; others are refused', async () => {
    const snoozed = await bot.click(CARD_VERBS.reminderSnooze, {
      ...CARD,
      ref: 'CCAG03-01',
      days: 7,
    });
    expect(shownText(snoozed.card)).toMatch(/Snoozed until 06\/04\/22/);
    const muted = await bot.click(CARD_VERBS.reminderMute, { ...CARD, ref: 'CCAG03-01' });
    expect(shownText(muted.card)).toMatch(/Reminders muted/);
    const stored = await bot.services.actions.getAction('CCAG03-01');
    expect(stored?.reminders?.mutedAt).toBeDefined();
    expect(
      stored?.history.filter((entry) => entry.change.kind === 'remindersChanged'),
    ).toHaveLength(2);

    const other = await bot.click(
      CARD_VERBS.reminderDone,
      { ...CARD, ref: 'CCAG03-01' },
      'personal',
      GRACE,
    );
    // In a personal chat someone who neither owns the action nor chairs its group cannot tell it
    // exists, let alone change it.
    expect(shownText(other.card)).toMatch(/There is no action CCAG03-01 you can see/);
    expect(JSON.stringify(other.card)).not.toContain('Mark done');
    expect((await bot.services.actions.getAction('CCAG03-01'))?.state).toBe('open');
  });

  it('shows chairs the reminders policy and saves their changes; members cannot', async () => {
    const card = await bot.sayForCard('reminders');
    expectValidCard(card);
    expect(JSON.stringify(card)).toContain('"value":"7, 1"');
    const saved = await bot.click(CARD_VERBS.saveReminderPolicy, {
      groupCode: 'CCAG',
      daysBefore: '3',
      onDueDate: 'true',
      overdueEveryDays: '2',
      sendAt: '08:00',
      weekends: 'false',
    });
    expect(shownText(saved.card)).toMatch(/Saved by Ada Lovelace/);
    expect((await bot.services.groups.getGroup('CCAG'))?.reminderPolicy).toEqual({
      daysBefore: [3],
      onDueDate: true,
      overdueEveryDays: 2,
      sendAt: '08:00',
      weekends: false,
      stopAfterOverdue: 4,
    });
    const refused = await bot.click(
      CARD_VERBS.saveReminderPolicy,
      { groupCode: 'CCAG', daysBefore: '1' },
      'channel',
      GRACE,
    );
    expect(shownText(refused.card)).toMatch(/Only the group's chairs may change its reminders/);
  });
});

describe('reminder card over HTTP (restify + CloudAdapter)', () => {
  it('snoozes from the card and answers with the redrawn card', async () => {
    const connector = await ConnectorStub.start();
    const subject = await startTestApp({ REMINDER_SWEEP_INTERVAL_SECONDS: '0' });
    try {
      const invoke = (verb: string, data: Record<string, unknown>) =>
        cardAction(verb, data, 'channel', { serviceUrl: connector.serviceUrl, from: ADA });
      expect((await subject.post(invoke(CARD_VERBS.addAction, FORM))).status).toBe(200);
      const response = await subject.post(
        invoke(CARD_VERBS.reminderSnooze, { ...CARD, ref: 'CCAG03-01', days: 1 }),
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as { value: unknown };
      expectValidCard(body.value);
      expect(shownText(body.value)).toMatch(/CCAG03-01: reminders snoozed by Ada Lovelace/);
      expect(shownText(body.value)).toMatch(/Snoozed until/);
    } finally {
      await subject.app.stop();
      await connector.stop();
    }
  });
});
