import type { Activity } from 'botbuilder';
import { CARD_VERBS } from '../../../cards/card-verbs';
import { PREVIEW_REPORT_BUTTON } from '../../../cards/meeting-ended-card';
import { ISSUE_REPORT_BUTTON } from '../../../cards/reports/report-preview-card';
import { MINUTES_AND_ACTIONS_REVIEW } from '../../../features/meetings/meeting-events';
import { meetingEnded, meetingStarted } from '../../support/activities';
import { BotHarness, buttonTitles, cardOf, shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';

const ACTION = {
  area: 'Minutes and actions review',
  text: 'Provide detail on Operational Choreography design artefact content',
  owner: 'Programme (Justin Andrews)',
  due: '23/03/22',
  confirmPast: 'true',
  update: '',
};

/** Sends a Teams event through the TestAdapter and returns what the bot sent back. */
async function deliver(bot: BotHarness, event: Record<string, unknown>) {
  await bot.adapter.processActivity(event as Partial<Activity>);
  const sent: Partial<Activity>[] = [];
  while (bot.adapter.activeQueue.length > 0) {
    const next = bot.adapter.activeQueue.shift();
    if (next) sent.push(next);
  }
  return sent;
}

describe('meeting start and end (TestAdapter, in-memory stores)', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.create({
      now: () => new Date('2022-02-23T11:00:00Z'),
      stores: 'memory',
    });
  });

  it('at the start posts the open actions from earlier meetings and marks the meeting in progress', async () => {
    // CCAG002 left an open action; CCAG003's chat is bound to CCAG003.
    await bot.click(CARD_VERBS.addAction, { ...ACTION, groupCode: 'CCAG', meetingNumber: '2' });
    await bot.click(
      CARD_VERBS.saveMeeting,
      { groupCode: 'CCAG', number: '3', venue: '', classification: '' },
      'meetingChat',
    );
    await bot.click(CARD_VERBS.addAction, { ...ACTION, text: 'Raised today' }, 'meetingChat');

    const [reply] = await deliver(bot, meetingStarted());
    const card = cardOf(reply);
    expectValidCard(card);
    const text = shownText(card);
    expect(text).toContain(MINUTES_AND_ACTIONS_REVIEW);
    expect(text).toContain('CCAG02-01');
    expect(text).not.toContain('Raised today');
    expect((await bot.services.groups.getMeeting('CCAG', 3))?.state).toBe('inProgress');
  });

  it('at the end prompts the chairs to review and issue, and Preview report shows the preview', async () => {
    await bot.click(
      CARD_VERBS.saveMeeting,
      { groupCode: 'CCAG', groupName: 'MHHS Cross Code Advisory Group', number: '3' },
      'meetingChat',
    );
    await bot.click(CARD_VERBS.addAction, ACTION, 'meetingChat');

    const [reply] = await deliver(bot, meetingEnded());
    const card = cardOf(reply);
    expectValidCard(card);
    expect(shownText(card)).toContain('CCAG003 has ended');
    expect(shownText(card)).toContain('Ada Lovelace');
    expect(buttonTitles(card)).toContain(PREVIEW_REPORT_BUTTON);
    expect((await bot.services.groups.getMeeting('CCAG', 3))?.state).toBe('ended');

    const preview = await bot.click(
      CARD_VERBS.previewReport,
      { groupCode: 'CCAG', meetingNumber: 3 },
      'meetingChat',
    );
    expectValidCard(preview.card);
    expect(shownText(preview.card)).toContain('Headline report preview – CCAG003');
    expect(buttonTitles(preview.card)).toContain(ISSUE_REPORT_BUTTON);
  });

  it('in a meeting chat bound to no meeting, answers with a hint to run "meeting"', async () => {
    const [reply] = await deliver(bot, meetingStarted());
    expect(shownText(cardOf(reply))).toMatch(/Type "meeting" to set it up/);
    const [end] = await deliver(bot, meetingEnded());
    expect(shownText(cardOf(end))).toMatch(/Type "meeting"/);
  });
});
