import { cardNodes, executeActionsOf } from '../../cards/card-nodes';
import { buildHelpCard } from '../../cards/help-card';
import { buildReminderPolicyCard } from '../../cards/reminders/reminder-policy-card';
import { buildWelcomeCard } from '../../cards/welcome-card';
import { DEFAULT_REMINDER_POLICY } from '../../core/reminders/reminder-policy';
import { cardProblems, expectValidCard } from '../support/card-validator';

describe('cards', () => {
  it.each([
    ['help', buildHelpCard()],
    ['welcome', buildWelcomeCard()],
  ])('the %s card parses with the official adaptivecards parser', (_name, card) => {
    expectValidCard(card);
    expect(card.version).toBe('1.5');
  });

  it('help shows the shortcuts with placeholders, as text (never markdown)', () => {
    const runs = cardNodes(buildHelpCard())
      .filter((node) => node.type === 'TextRun')
      .map((node) => String(node.text));
    for (const usage of [
      'CCAG03-04 update <text>',
      'CCAG03-04 due <date> [reason]',
      'CCAG03-04 done',
    ]) {
      expect(runs).toContain(usage);
    }
    expect(runs.join(' ')).toMatch(/next Tuesday, 15 Jan 2027, in 2 weeks/);
  });

  it('the reminders policy card has Save and a line saying what Save does', () => {
    const options = { groupCode: 'CCAG', timeZone: 'Europe/London' };
    const chair = buildReminderPolicyCard(DEFAULT_REMINDER_POLICY, { ...options, canEdit: true });
    expectValidCard(chair);
    expect(executeActionsOf(chair).map((action) => action.title)).toEqual(['Save']);
    const texts = (card: unknown) =>
      cardNodes(card)
        .filter((node) => node.type === 'TextBlock')
        .map((node) => String(node.text));
    expect(texts(chair)).toContain(
      'Select Save to use these settings for every open action of CCAG, from the next reminder ' +
        'on. Owners who muted or snoozed an action keep their choice.',
    );
    const member = buildReminderPolicyCard(DEFAULT_REMINDER_POLICY, { ...options, canEdit: false });
    expect(member.actions).toBeUndefined();
    expect(texts(member)).toContain('Only the chairs of CCAG can change these settings.');
  });

  it('the validator catches what the parser misses', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: '' }],
      actions: [{ type: 'Action.Execute', title: 'Go' }],
    };
    expect(cardProblems(broken)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/empty TextBlock/),
        expect.stringMatching(/without a verb/),
      ]),
    );
  });
});
