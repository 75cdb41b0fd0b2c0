import { ACTION_CARD_INPUTS } from '../../../cards/action-card';
import { CARD_VERBS } from '../../../cards/card-verbs';
import { reminderInputIds } from '../../../cards/reminders/reminder-card';
import { PAST_DUE_CONFIRMATION } from '../../../core/due-date';
import { BotHarness, inputValue, shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';

// 00:30 on Monday 28 March 2022 in London, the night after the clocks went forward: UTC still
// says Sunday 27 March, so 27/03/22 is in the past only on the group's calendar.
const NOW = new Date('2022-03-27T23:30:00Z');
const ASKED =
  `27/03/22 is in the past (today is 28/03/22). If that is right, turn on ` +
  `"${PAST_DUE_CONFIRMATION}" and select Save due date again.`;

describe('a due date typed in the past is confirmed first, wherever it is typed (Europe/London)', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.create({ now: () => NOW });
    await bot.click(CARD_VERBS.addAction, {
      area: 'Minutes and actions review',
      text: 'Share the PSG paper pack',
      owner: 'Ada Lovelace',
      due: '2022-04-20',
      groupCode: 'CCAG',
      meetingNumber: '3',
    });
  });

  const dueOf = async () => (await bot.services.actions.getAction('CCAG03-01'))?.due?.date;

  it('Change due date on the action card asks, keeps what was typed, and saves once the switch is on', async () => {
    const typed = { ref: 'CCAG03-01', due: '27/03/22', reason: 'papers went out late' };
    const asked = await bot.click(CARD_VERBS.changeDueDate, typed);
    expectValidCard(asked.card);
    expect(shownText(asked.card)).toContain(ASKED);
    expect(inputValue(asked.card, ACTION_CARD_INPUTS.due)).toBe('27/03/22');
    expect(inputValue(asked.card, ACTION_CARD_INPUTS.dueReason)).toBe('papers went out late');
    expect(inputValue(asked.card, ACTION_CARD_INPUTS.dueConfirmPast)).toBe('false');
    expect(await dueOf()).toBe('2022-04-20');

    const kept = await bot.click(CARD_VERBS.changeDueDate, {
      ...typed,
      [ACTION_CARD_INPUTS.dueConfirmPast]: 'true',
    });
    expect(shownText(kept.card)).toContain('Due date changed by Ada Lovelace');
    expect(await dueOf()).toBe('2022-03-27');
  });

  it('today and later dates in London are saved without a question', async () => {
    await bot.click(CARD_VERBS.changeDueDate, { ref: 'CCAG03-01', due: 'today' });
    expect(await dueOf()).toBe('2022-03-28');
    await bot.click(CARD_VERBS.changeDueDate, { ref: 'CCAG03-01', due: 'in 2 weeks' });
    expect(await dueOf()).toBe('2022-04-11');
  });

  it('the due shortcut asks with the line to send, and "confirm" after the date keeps it', async () => {
    const asked = shownText(await bot.sayForCard('CCAG03-01 due yesterday waiting for Ofgem'));
    expect(asked).toContain('27/03/22 is in the past (today is 28/03/22)');
    expect(asked).toContain('send "CCAG03-01 due 27/03/22 confirm waiting for Ofgem"');
    expect(await dueOf()).toBe('2022-04-20');

    const kept = shownText(
      await bot.sayForCard('CCAG03-01 due 27/03/22 confirm waiting for Ofgem'),
    );
    expect(kept).toContain('Due date of CCAG03-01 changed by Ada Lovelace');
    const stored = await bot.services.actions.getAction('CCAG03-01');
    expect(stored?.due).toEqual({ date: '2022-03-27' });
    expect(stored?.history.at(-1)?.change).toMatchObject({ reason: 'waiting for Ofgem' });
  });

  it('the due shortcut takes natural dates on the London calendar', async () => {
    const moved = shownText(await bot.sayForCard('CCAG03-01 due tuesday waiting for Ofgem'));
    expect(moved).toContain('29/03/22');
    const stored = await bot.services.actions.getAction('CCAG03-01');
    expect(stored?.due).toEqual({ date: '2022-03-29' });
    expect(stored?.history.at(-1)?.change).toMatchObject({ reason: 'waiting for Ofgem' });
  });

  it('help shows how to keep a past date with the shortcut', async () => {
    expect(shownText(await bot.sayForCard('help'))).toContain(
      'CCAG03-04 due <date> confirm [reason]',
    );
  });

  it("the reminder's New due date asks, keeps what was typed, and saves once the switch is on", async () => {
    const ids = reminderInputIds('CCAG03-01');
    const typed = {
      refs: ['CCAG03-01'],
      owner: 'Ada Lovelace',
      ref: 'CCAG03-01',
      [ids.due]: '27/03/22',
      [ids.reason]: 'papers went out late',
    };
    const asked = await bot.click(CARD_VERBS.reminderDueDate, typed, 'personal');
    expectValidCard(asked.card);
    expect(shownText(asked.card)).toContain(ASKED);
    expect(inputValue(asked.card, ids.due)).toBe('27/03/22');
    expect(inputValue(asked.card, ids.reason)).toBe('papers went out late');
    expect(inputValue(asked.card, ids.confirmPast)).toBe('false');
    expect(await dueOf()).toBe('2022-04-20');

    const kept = await bot.click(
      CARD_VERBS.reminderDueDate,
      { ...typed, [ids.confirmPast]: 'true' },
      'personal',
    );
    expect(shownText(kept.card)).toContain('CCAG03-01: due date changed by Ada Lovelace');
    expect(await dueOf()).toBe('2022-03-27');
  });
});
